package io.sluice.aws.alb;

import io.sluice.traffic.Observed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** Readiness of a target group from DescribeTargetHealth, with every state and reason code a person needs. */
final class TargetHealthSummary {
    private TargetHealthSummary() {
    }

    /** Ready when every registered target is healthy; else e.g. "2 of 3 targets initial (Elb.InitialHealthChecking)". */
    static Observed.Readiness readiness(String side, List<TargetHealthDescription> targets) {
        if (targets.isEmpty()) {
            return new Observed.NotReady("no targets registered in " + side);
        }
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Set<String>> reasons = new TreeMap<>();
        for (TargetHealthDescription t : targets) {
            String state = t.targetHealth() == null ? "unknown" : t.targetHealth().stateAsString();
            counts.merge(state, 1, Integer::sum);
            if (t.targetHealth() != null && t.targetHealth().reasonAsString() != null) {
                reasons.computeIfAbsent(state, s -> new TreeSet<>()).add(t.targetHealth().reasonAsString());
            }
        }
        if (counts.getOrDefault("healthy", 0) == targets.size()) {
            return Observed.READY;
        }
        StringBuilder text = new StringBuilder(side).append(": ");
        boolean first = true;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getKey().equals("healthy")) {
                continue;
            }
            text.append(first ? "" : "; ").append(e.getValue()).append(" of ").append(targets.size())
                    .append(" targets ").append(e.getKey());
            Set<String> why = reasons.get(e.getKey());
            if (why != null) {
                text.append(" (").append(String.join(", ", why)).append(')');
            }
            first = false;
        }
        return new Observed.NotReady(text.toString());
    }
}
