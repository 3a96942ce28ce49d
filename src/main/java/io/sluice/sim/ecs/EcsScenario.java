package io.sluice.sim.ecs;

import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the {@code ecs} section of a scenario (format in SCENARIO.md); bad data names the field.
 * Each task definition family and cluster lives in its own {@code region} and {@code account}
 * (us-east-1 and 123456789012 by default); a service runs task definitions of its cluster's scope.
 */
final class EcsScenario {
    private EcsScenario() {
    }

    static Map<Scope, EcsRegion> load(ScenarioFields section, Instant now) {
        Map<Scope, EcsRegion> regions = new LinkedHashMap<>();
        Duration defaultPace = pace(section, Duration.ofSeconds(30));
        for (ScenarioFields f : section.mappings("taskDefinitions")) {
            String family = f.string("family");
            EcsRegion region = regions.computeIfAbsent(scope(f), EcsRegion::new);
            TreeMap<Integer, TaskDefinition> revisions = region.taskDefinitions.computeIfAbsent(family, k -> new TreeMap<>());
            List<Object> entries = f.list("revisions");
            if (entries.isEmpty()) {
                throw f.problem("revisions", "expected a non-empty list of revisions");
            }
            for (int i = 0; i < entries.size(); i++) {
                TaskDefinition td = revision(f, family, entries.get(i), f.path("revisions") + "[" + i + "]", now);
                revisions.put(td.revision(), td);
            }
        }
        long idSeed = 1_731_000_000_000_000_000L;
        for (ScenarioFields c : section.mappings("clusters")) {
            String clusterName = c.string("name");
            EcsRegion region = regions.computeIfAbsent(scope(c), EcsRegion::new);
            Map<String, ServiceState> services = region.clusters.computeIfAbsent(clusterName, k -> new LinkedHashMap<>());
            for (ScenarioFields s : c.mappings("services")) {
                ServiceState state = service(s, clusterName, region, defaultPace, now, idSeed);
                idSeed += 1_000;
                if (services.putIfAbsent(state.name, state) != null) {
                    throw s.problem("name", "repeats " + state.name + " in cluster " + clusterName);
                }
            }
        }
        return regions;
    }

    /** One entry of {@code revisions}: a number, or {@code {revision, bad?, image?}}. */
    private static TaskDefinition revision(ScenarioFields family, String name, Object entry, String at, Instant now) {
        String image = family.string("image", "public.ecr.aws/example/" + name);
        ScenarioFields r;
        if (entry instanceof Number n) {
            r = family.at(at, Map.of("revision", n));
        } else if (entry instanceof Map<?, ?>) {
            r = family.at(at, entry);
        } else {
            throw new IllegalArgumentException(at + ": expected a revision number or {revision, bad}, got "
                    + ScenarioFields.describe(entry));
        }
        if (!(r.raw("revision") instanceof Number)) {
            throw r.problem("revision", "required, a number");
        }
        int revision = r.integer("revision", 0);
        if (revision < 1) {
            throw r.problem("revision", "must be >= 1");
        }
        return new TaskDefinition(name, revision, r.bool("bad", false), r.string("image", image + ":" + revision),
                family.string("cpu", "256"), family.string("memory", "512"), now);
    }

    private static ServiceState service(ScenarioFields s, String clusterName, EcsRegion region, Duration defaultPace,
            Instant now, long idSeed) {
        String name = s.string("name");
        String tdRef = s.string("taskDefinition");
        TaskDefinition td = (region.owns(tdRef) ? region.taskDefinition(tdRef) : Optional.<TaskDefinition>empty())
                .orElseThrow(() -> s.problem("taskDefinition", "names no task definition of the scenario in "
                        + region.scope.region() + " and account " + region.scope.account() + ": " + tdRef));
        String status = s.oneOf("status", "ACTIVE", List.of("ACTIVE", "DRAINING", "INACTIVE"));
        ServiceState state = new ServiceState(clusterName, name, region.scope, td, s.integer("desiredCount", 1),
                pace(s, defaultPace), status, now, idSeed);
        if (s.has("deploymentConfiguration")) {
            ScenarioFields config = s.mapping("deploymentConfiguration");
            state.maximumPercent = config.integer("maximumPercent", state.maximumPercent);
            state.minimumHealthyPercent = config.integer("minimumHealthyPercent", state.minimumHealthyPercent);
            state.deploymentStrategy = config.oneOf("strategy", state.deploymentStrategy,
                    List.of("ROLLING", "BLUE_GREEN", "LINEAR", "CANARY"));
            if (config.has("deploymentCircuitBreaker")) {
                ScenarioFields cb = config.mapping("deploymentCircuitBreaker");
                state.circuitBreakerEnabled = cb.bool("enable", false);
                state.circuitBreakerRollback = cb.bool("rollback", false);
            }
        }
        if (s.has("deploymentController")) {
            state.deploymentController = s.mapping("deploymentController").oneOf("type",
                    List.of("ECS", "CODE_DEPLOY", "EXTERNAL"));
        }
        return state;
    }

    /** {@code taskStartTime}: how long a task takes to start; positive. */
    private static Duration pace(ScenarioFields f, Duration fallback) {
        Duration pace = f.duration("taskStartTime", fallback);
        if (pace.isZero() || pace.isNegative()) {
            throw f.problem("taskStartTime", "must be positive");
        }
        return pace;
    }

    private static Scope scope(ScenarioFields f) {
        return Scope.named(f.string("account", Caller.DEFAULT_ACCOUNT), f.string("region", Scope.DEFAULT_REGION), f.path());
    }
}
