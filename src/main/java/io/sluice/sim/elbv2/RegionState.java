package io.sluice.sim.elbv2;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All ELBv2 resources of one region, indexed by ARN so that every Describe call costs in the size
 * of its answer, not of the whole region.
 */
final class RegionState {
    final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    final Map<String, List<Listener>> listenersByLoadBalancer = new HashMap<>();
    final Map<String, Listener> listeners = new LinkedHashMap<>();
    final Map<String, ListenerRule> rules = new HashMap<>();
    final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    final Map<String, TargetGroup> targetGroupsByName = new HashMap<>();

    Optional<LoadBalancer> loadBalancerNamed(String name) {
        return loadBalancers.values().stream().filter(lb -> lb.name().equals(name)).findFirst();
    }

    void add(TargetGroup group) {
        targetGroups.put(group.arn, group);
        targetGroupsByName.put(group.name, group);
    }

    void add(Listener listener) {
        listeners.put(listener.arn, listener);
        listenersByLoadBalancer.computeIfAbsent(listener.loadBalancerArn, k -> new java.util.ArrayList<>()).add(listener);
        rules.put(listener.defaultRule.arn, listener.defaultRule);
        listener.rules.forEach(r -> rules.put(r.arn, r));
    }

    /**
     * Recomputes which load balancers forward to each target group, after any change of actions.
     * A group that starts being used begins its targets' initial health checks at {@code now}.
     */
    void recomputeUsage(Instant now) {
        Map<String, Set<String>> users = new HashMap<>();
        for (ListenerRule rule : rules.values()) {
            String lbArn = listeners.get(rule.listenerArn).loadBalancerArn;
            for (RuleAction action : rule.actions) {
                action.forward().ifPresent(f -> f.targetGroups().forEach(
                        g -> users.computeIfAbsent(g.targetGroupArn(), k -> new LinkedHashSet<>()).add(lbArn)));
            }
        }
        for (TargetGroup group : targetGroups.values()) {
            Set<String> lbs = users.getOrDefault(group.arn, new HashSet<>());
            group.loadBalancerArns.clear();
            group.loadBalancerArns.addAll(lbs);
            if (lbs.isEmpty()) {
                group.inUseSince = Optional.empty();
            } else if (group.inUseSince.isEmpty()) {
                group.inUseSince = Optional.of(now);
            }
        }
    }
}
