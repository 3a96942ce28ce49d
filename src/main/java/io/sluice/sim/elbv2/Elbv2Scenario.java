package io.sluice.sim.elbv2;

import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import io.sluice.sim.elbv2.RegisteredTarget.HealthChange;
import io.sluice.sim.protocol.FormParams;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Builds the ELBv2 state of every account and region from the {@code elasticloadbalancing} section of a scenario (format
 * in {@code SCENARIO.md}). Actions and conditions are written in AWS's own JSON shape, as
 * {@code aws elbv2 describe-listeners} prints them; a {@code TargetGroupArn} may name a target
 * group of the scenario instead of giving its ARN.
 */
final class Elbv2Scenario {
    private Elbv2Scenario() {
    }

    /**
     * Every scope's state. Each target group and load balancer lives in its own {@code region} and
     * {@code account}, by default the section's (us-east-1, 123456789012); a listener forwards only
     * to target groups of its load balancer's scope.
     */
    static Map<Scope, RegionState> load(ScenarioFields section, Instant now) {
        String defaultRegion = section.string("region", Scope.DEFAULT_REGION);
        String defaultAccount = section.string("account", Caller.DEFAULT_ACCOUNT);
        Scope.named(defaultAccount, defaultRegion, section.path());
        Map<Scope, RegionState> states = new LinkedHashMap<>();
        Map<Scope, Instant> earliest = new LinkedHashMap<>();
        for (ScenarioFields tg : section.mappings("targetGroups")) {
            Scope scope = scope(tg, defaultAccount, defaultRegion);
            RegionState state = states.computeIfAbsent(scope, RegionState::new);
            TargetGroup group = targetGroup(tg, scope, now);
            if (state.targetGroups.containsKey(group.arn)) {
                throw new IllegalArgumentException(tg.path("name") + ": duplicate target group '" + group.name + "'");
            }
            state.add(group);
            for (RegisteredTarget t : group.targets.values()) {
                earliest.merge(scope, t.registeredAt, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        for (ScenarioFields lb : section.mappings("loadBalancers")) {
            Scope scope = scope(lb, defaultAccount, defaultRegion);
            loadBalancer(lb, scope, now, states.computeIfAbsent(scope, RegionState::new));
        }
        // Scenario targets start their health checks from their registration, not from the load.
        states.forEach((scope, state) -> {
            Instant from = earliest.getOrDefault(scope, now);
            state.recomputeUsage(from.isBefore(now) ? from : now);
        });
        return states;
    }

    private static Scope scope(ScenarioFields f, String defaultAccount, String defaultRegion) {
        return Scope.named(f.string("account", defaultAccount), f.string("region", defaultRegion), f.path());
    }

    private static TargetGroup targetGroup(ScenarioFields f, Scope scope, Instant now) {
        f.only("name", "region", "account", "protocol", "port", "targetType", "vpcId", "healthCheckPath",
                "attributes", "tags", "targets", "registeredTargetHealth");
        String name = f.string("name");
        Map<String, String> attributes = TargetGroupAttributes.defaults();
        f.strings("attributes").forEach((k, v) -> {
            try {
                TargetGroupAttributes.check(k, v);
            } catch (AwsError.Raised e) {
                throw new IllegalArgumentException(f.path("attributes") + "." + k + ": " + e.error().message());
            }
            attributes.put(k, v);
        });
        TargetGroup group = new TargetGroup(Arns.targetGroup(scope, name), name, f.string("protocol", "HTTP"),
                f.integer("port", 80), f.string("vpcId", "vpc-0sim0000000000001"), f.string("targetType", "ip"),
                f.string("healthCheckPath", "/"), attributes, new LinkedHashMap<>(f.strings("tags")));
        if (f.has("registeredTargetHealth")) {
            group.registeredTargetHealth = health(f.mapping("registeredTargetHealth").only("health", "state", "reason", "description"));
        }
        for (ScenarioFields t : f.mappings("targets")) {
            t.only("id", "port", "availabilityZone", "health", "reason", "description", "registeredAt", "healthChanges");
            List<HealthChange> changes = new ArrayList<>();
            for (ScenarioFields c : t.mappings("healthChanges")) {
                c.only("at", "health", "reason", "description");
                changes.add(new HealthChange(c.instant("at").orElseThrow(
                        () -> new IllegalArgumentException(c.path("at") + ": required")), health(c)));
            }
            changes.sort((a, b) -> a.at().compareTo(b.at()));
            RegisteredTarget target = new RegisteredTarget(t.string("id"), t.integer("port", group.port),
                    t.optionalString("availabilityZone"), t.instant("registeredAt").orElse(now), health(t), changes);
            group.targets.put(RegisteredTarget.key(target.id, target.port), target);
        }
        return group;
    }

    /** {@code health: healthy|unhealthy} with optional {@code reason} and {@code description}. */
    private static TargetHealth health(ScenarioFields f) {
        String state = f.string("health", f.string("state", "healthy"));
        if (state.equals("healthy")) {
            return TargetHealth.healthy();
        }
        if (!state.equals("unhealthy")) {
            throw new IllegalArgumentException(f.path("health") + ": expected healthy or unhealthy, got '" + state + "'");
        }
        String reason = f.string("reason", "Target.FailedHealthChecks");
        return TargetHealth.of("unhealthy", reason, f.string("description", TargetHealth.describe(reason)));
    }

    private static void loadBalancer(ScenarioFields f, Scope scope, Instant now, RegionState state) {
        f.only("name", "region", "account", "scheme", "vpcId", "availabilityZones", "securityGroups", "tags",
                "listeners", "createdTime");
        String name = f.string("name");
        String region = scope.region();
        String arn = Arns.loadBalancer(scope, name);
        if (state.loadBalancers.containsKey(arn)) {
            throw new IllegalArgumentException(f.path("name") + ": duplicate load balancer '" + name + "'");
        }
        List<String> zones = new ArrayList<>();
        f.list("availabilityZones").forEach(z -> zones.add(String.valueOf(z)));
        if (zones.isEmpty()) {
            zones.addAll(List.of(region + "a", region + "b"));
        }
        List<String> groups = new ArrayList<>();
        f.list("securityGroups").forEach(g -> groups.add(String.valueOf(g)));
        String dns = name + "-" + Integer.toUnsignedString(arn.hashCode() % 1_000_000_000) + "." + region
                + ".elb.amazonaws.com";
        state.loadBalancers.put(arn, new LoadBalancer(arn, name, "application", f.string("scheme", "internet-facing"),
                dns, "Z35SXDOTRQ7X7K", f.string("vpcId", "vpc-0sim0000000000001"), f.instant("createdTime").orElse(now),
                List.copyOf(zones), List.copyOf(groups), new LinkedHashMap<>(f.strings("tags"))));
        for (ScenarioFields l : f.mappings("listeners")) {
            l.only("port", "protocol", "sslPolicy", "certificateArn", "tags", "defaultActions", "rules");
            int port = l.integer("port", 80);
            String listenerArn = Arns.listener(arn, port);
            if (state.listeners.containsKey(listenerArn)) {
                throw new IllegalArgumentException(l.path("port") + ": duplicate listener port " + port);
            }
            ListenerRule defaultRule = new ListenerRule(Arns.rule(listenerArn, "default"), listenerArn, true,
                    Integer.MAX_VALUE, actions(l, "defaultActions", state), Map.of(), Map.of(), new LinkedHashMap<>());
            Listener listener = new Listener(listenerArn, arn, port, l.string("protocol", "HTTP"),
                    l.optionalString("sslPolicy"), l.optionalString("certificateArn"), defaultRule,
                    new LinkedHashMap<>(l.strings("tags")));
            for (ScenarioFields r : l.mappings("rules")) {
                r.only("priority", "conditions", "actions", "tags");
                int priority = r.integer("priority", -1);
                if (priority < 1 || priority > 50_000) {
                    throw new IllegalArgumentException(r.path("priority") + ": required, 1..50000");
                }
                Map<String, String> conditions = new LinkedHashMap<>();
                FlatMembers.flatten("Conditions", r.list("conditions"), conditions);
                listener.rules.add(new ListenerRule(Arns.rule(listenerArn, Integer.toString(priority)), listenerArn,
                        false, priority, actions(r, "actions", state), conditions, Map.of(),
                        new LinkedHashMap<>(r.strings("tags"))));
            }
            state.add(listener);
        }
    }

    /** Parses scenario actions with the same rules as the API, naming the field on error. */
    static List<RuleAction> actions(ScenarioFields f, String key, RegionState state) {
        try {
            return ActionParser.parse(formOf("Actions", f.list(key), state), "Actions", key,
                    state::hasTargetGroup);
        } catch (AwsError.Raised e) {
            throw new IllegalArgumentException(f.path(key) + ": " + e.error().code() + ": " + e.error().message());
        }
    }

    /** A nested AWS-shaped value as the form parameters the SDK would send, group names resolved. */
    static FormParams formOf(String member, Object value, RegionState state) {
        Map<String, String> flat = new LinkedHashMap<>();
        FlatMembers.flatten(member, value, flat);
        StringJoiner encoded = new StringJoiner("&");
        flat.forEach((k, v) -> {
            String resolved = k.endsWith("TargetGroupArn") && !v.startsWith("arn:")
                    ? Optional.ofNullable(state.targetGroupsByName.get(v)).map(g -> g.arn).orElse(v) : v;
            encoded.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(resolved, StandardCharsets.UTF_8));
        });
        return FormParams.parse(encoded.toString());
    }
}
