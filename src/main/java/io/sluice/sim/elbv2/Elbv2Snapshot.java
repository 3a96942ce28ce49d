package io.sluice.sim.elbv2;

import io.sluice.sim.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole ELBv2 state as plain maps and lists, for {@code GET /_sim/state}. */
final class Elbv2Snapshot {
    private Elbv2Snapshot() {
    }

    /** Per scope under {@code regions}: keyed by region for the default account, {@code account/region} otherwise. */
    static Map<String, Object> of(Map<Scope, RegionState> regions, Instant now, Duration healthCheckDelay) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healthCheckDelaySeconds", healthCheckDelay.toSeconds());
        Map<String, Object> byRegion = new LinkedHashMap<>();
        regions.forEach((scope, region) -> byRegion.put(scope.key(), region(region, now, healthCheckDelay)));
        out.put("regions", byRegion);
        return out;
    }

    private static Map<String, Object> region(RegionState region, Instant now, Duration delay) {
        List<Object> lbs = new ArrayList<>();
        region.loadBalancers.values().forEach(lb -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", lb.name());
            m.put("arn", lb.arn());
            m.put("tags", lb.tags());
            List<Object> listeners = new ArrayList<>();
            region.listenersByLoadBalancer.getOrDefault(lb.arn(), List.of()).forEach(l -> {
                Map<String, Object> lm = new LinkedHashMap<>();
                lm.put("arn", l.arn);
                lm.put("port", l.port);
                lm.put("protocol", l.protocol);
                List<Object> rules = new ArrayList<>();
                l.rulesInOrder().forEach(r -> {
                    Map<String, Object> rm = new LinkedHashMap<>();
                    rm.put("arn", r.arn);
                    rm.put("priority", r.reportedPriority());
                    rm.putAll(FlatMembers.toNested(r.conditions));
                    rm.put("actions", actions(r.actions));
                    rules.add(rm);
                });
                lm.put("rules", rules);
                listeners.add(lm);
            });
            m.put("listeners", listeners);
            lbs.add(m);
        });
        List<Object> groups = new ArrayList<>();
        region.targetGroups.values().forEach(g -> {
            g.forgetDrained(now);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g.name);
            m.put("arn", g.arn);
            m.put("loadBalancerArns", List.copyOf(g.loadBalancerArns));
            m.put("attributes", g.attributes);
            List<Object> targets = new ArrayList<>();
            g.targets.values().forEach(t -> {
                TargetHealth h = g.healthOf(t, now, delay);
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("id", t.id);
                tm.put("port", t.port);
                tm.put("state", h.state());
                h.reason().ifPresent(r -> tm.put("reason", r));
                targets.add(tm);
            });
            m.put("targets", targets);
            groups.add(m);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loadBalancers", lbs);
        out.put("targetGroups", groups);
        return out;
    }

    private static List<Object> actions(List<RuleAction> actions) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            RuleAction a = actions.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", a.type());
            m.put("Order", a.reportedOrder(i + 1));
            a.forward().ifPresent(f -> {
                List<Object> tgs = new ArrayList<>();
                f.targetGroups().forEach(g -> tgs.add(Map.of("TargetGroupArn", g.targetGroupArn(), "Weight", g.weight())));
                Map<String, Object> fc = new LinkedHashMap<>();
                fc.put("TargetGroups", tgs);
                f.stickiness().ifPresent(s -> {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("Enabled", s.enabled());
                    s.durationSeconds().ifPresent(d -> sm.put("DurationSeconds", d));
                    fc.put("TargetGroupStickinessConfig", sm);
                });
                m.put("ForwardConfig", fc);
            });
            m.putAll(FlatMembers.toNested(a.otherMembers()));
            out.add(m);
        }
        return out;
    }
}
