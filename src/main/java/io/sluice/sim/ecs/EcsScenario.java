package io.sluice.sim.ecs;

import io.sluice.sim.Caller;
import io.sluice.sim.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code ecs} section of a scenario (format in SCENARIO.md); bad data names the field.
 * Each task definition family and cluster lives in its own {@code region} and {@code account}
 * (us-east-1 and 123456789012 by default); a service runs task definitions of its cluster's scope.
 */
final class EcsScenario {
    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private EcsScenario() {
    }

    static Map<Scope, EcsRegion> load(Map<String, Object> section, Instant now) {
        Map<Scope, EcsRegion> regions = new LinkedHashMap<>();
        Duration defaultPace = duration(section.getOrDefault("taskStartTime", "30s"), "ecs.taskStartTime");
        List<Map<String, Object>> families = maps(section, "taskDefinitions", "ecs");
        for (int i = 0; i < families.size(); i++) {
            Map<String, Object> f = families.get(i);
            String where = "ecs.taskDefinitions[" + i + "]";
            String family = required(f, "family", where);
            EcsRegion region = regions.computeIfAbsent(scope(f, where), EcsRegion::new);
            TreeMap<Integer, TaskDefinition> revisions = region.taskDefinitions.computeIfAbsent(family, k -> new TreeMap<>());
            Object list = f.get("revisions");
            if (!(list instanceof List<?> entries) || entries.isEmpty()) {
                throw new IllegalArgumentException(where + ".revisions must be a non-empty list");
            }
            for (Object entry : entries) {
                int revision;
                boolean bad = false;
                String image = string(f, "image", "public.ecr.aws/example/" + family);
                if (entry instanceof Map<?, ?> m) {
                    Object r = m.get("revision");
                    if (!(r instanceof Number n)) {
                        throw new IllegalArgumentException(where + ".revisions entries need a numeric revision");
                    }
                    revision = n.intValue();
                    bad = Boolean.TRUE.equals(m.get("bad"));
                    image = m.get("image") != null ? m.get("image").toString() : image + ":" + revision;
                } else if (entry instanceof Number n) {
                    revision = n.intValue();
                    image = image + ":" + revision;
                } else {
                    throw new IllegalArgumentException(where + ".revisions entries are numbers or {revision, bad}");
                }
                if (revision < 1) {
                    throw new IllegalArgumentException(where + ".revisions must be >= 1");
                }
                revisions.put(revision, new TaskDefinition(family, revision, bad, image, string(f, "cpu", "256"),
                        string(f, "memory", "512"), now));
            }
        }
        List<Map<String, Object>> clusters = maps(section, "clusters", "ecs");
        long idSeed = 1_731_000_000_000_000_000L;
        for (int i = 0; i < clusters.size(); i++) {
            Map<String, Object> c = clusters.get(i);
            String where = "ecs.clusters[" + i + "]";
            String clusterName = required(c, "name", where);
            EcsRegion region = regions.computeIfAbsent(scope(c, where), EcsRegion::new);
            Map<String, ServiceState> services = region.clusters.computeIfAbsent(clusterName, k -> new LinkedHashMap<>());
            List<Map<String, Object>> serviceSpecs = maps(c, "services", where);
            for (int j = 0; j < serviceSpecs.size(); j++) {
                Map<String, Object> s = serviceSpecs.get(j);
                String at = where + ".services[" + j + "]";
                String name = required(s, "name", at);
                String tdRef = required(s, "taskDefinition", at);
                TaskDefinition td = (region.owns(tdRef) ? region.taskDefinition(tdRef) : Optional.<TaskDefinition>empty())
                        .orElseThrow(() -> new IllegalArgumentException(at + ".taskDefinition names no task definition "
                                + "of the scenario in " + region.scope.region() + " and account " + region.scope.account()
                                + ": " + tdRef));
                int desired = s.get("desiredCount") instanceof Number n ? n.intValue() : 1;
                String status = string(s, "status", "ACTIVE");
                if (!List.of("ACTIVE", "DRAINING", "INACTIVE").contains(status)) {
                    throw new IllegalArgumentException(at + ".status must be ACTIVE, DRAINING or INACTIVE");
                }
                Duration pace = s.containsKey("taskStartTime") ? duration(s.get("taskStartTime"), at + ".taskStartTime")
                        : defaultPace;
                ServiceState state = new ServiceState(clusterName, name, region.scope, td, desired, pace, status, now, idSeed);
                idSeed += 1_000;
                if (s.get("deploymentConfiguration") instanceof Map<?, ?> config) {
                    if (config.get("maximumPercent") instanceof Number n) {
                        state.maximumPercent = n.intValue();
                    }
                    if (config.get("minimumHealthyPercent") instanceof Number n) {
                        state.minimumHealthyPercent = n.intValue();
                    }
                    if (config.get("strategy") != null) {
                        state.deploymentStrategy = oneOf(config.get("strategy"), List.of("ROLLING", "BLUE_GREEN", "LINEAR",
                                "CANARY"), at + ".deploymentConfiguration.strategy");
                    }
                    if (config.get("deploymentCircuitBreaker") instanceof Map<?, ?> cb) {
                        state.circuitBreakerEnabled = Boolean.TRUE.equals(cb.get("enable"));
                        state.circuitBreakerRollback = Boolean.TRUE.equals(cb.get("rollback"));
                    }
                }
                if (s.get("deploymentController") instanceof Map<?, ?> controller) {
                    state.deploymentController = oneOf(controller.get("type"), List.of("ECS", "CODE_DEPLOY", "EXTERNAL"),
                            at + ".deploymentController.type");
                }
                if (services.putIfAbsent(name, state) != null) {
                    throw new IllegalArgumentException(at + ".name repeats " + name + " in cluster " + clusterName);
                }
            }
        }
        return regions;
    }

    private static Scope scope(Map<String, Object> map, String where) {
        return Scope.named(string(map, "account", Caller.DEFAULT_ACCOUNT), string(map, "region", Scope.DEFAULT_REGION), where);
    }

    private static String oneOf(Object value, List<String> allowed, String where) {
        if (value == null || !allowed.contains(value.toString())) {
            throw new IllegalArgumentException(where + " must be one of " + String.join(", ", allowed) + ", not " + value);
        }
        return value.toString();
    }

    private static String required(Map<String, Object> map, String field, String where) {
        Object v = map.get(field);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + " is required");
        }
        return v.toString();
    }

    private static String string(Map<String, Object> map, String field, String fallback) {
        Object v = map.get(field);
        return v == null ? fallback : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> map, String field, String where) {
        Object v = map.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(o -> !(o instanceof Map<?, ?>))) {
            throw new IllegalArgumentException(where + "." + field + " must be a list of maps");
        }
        return (List<Map<String, Object>>) v;
    }

    static Duration duration(Object v, String where) {
        if (v instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        String s = String.valueOf(v).trim();
        Matcher m = SHORT_DURATION.matcher(s);
        Duration d;
        if (s.startsWith("P")) {
            d = Duration.parse(s);
        } else if (!s.isEmpty() && m.matches()) {
            long seconds = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600)
                    + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60)
                    + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
            d = Duration.ofSeconds(seconds);
        } else {
            throw new IllegalArgumentException(where + " must be a duration like 30s or 2m, not " + v);
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(where + " must be positive");
        }
        return d;
    }
}
