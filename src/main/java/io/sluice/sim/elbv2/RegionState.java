package io.sluice.sim.elbv2;

import io.sluice.sim.Arn;
import io.sluice.sim.Scope;
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
 * All ELBv2 resources of one account in one region, indexed by ARN so that every Describe call costs
 * in the size of its answer, not of the whole region. An ARN is looked up only once it is known to
 * name a resource of the right type in this scope: ELBv2 refuses an ARN of another region or account
 * (or of another resource type) with {@code ValidationError} before it looks for the resource.
 */
final class RegionState {
    final Scope scope;
    final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    final Map<String, List<Listener>> listenersByLoadBalancer = new HashMap<>();
    final Map<String, Listener> listeners = new LinkedHashMap<>();
    final Map<String, ListenerRule> rules = new HashMap<>();
    final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    final Map<String, TargetGroup> targetGroupsByName = new HashMap<>();

    RegionState(Scope scope) {
        this.scope = scope;
    }

    /** {@code arn} when it is an ELBv2 ARN of {@code kind} in this scope; 400 ValidationError otherwise. */
    String owned(String arn, String kind) {
        if (!names(arn, kind)) {
            throw ActionParser.invalid("'" + arn + "' is not a valid " + noun(kind) + " ARN");
        }
        return arn;
    }

    /** True when {@code arn} is an ELBv2 ARN of {@code kind} of this region and account. */
    boolean names(String arn, String kind) {
        return Arn.parse(arn).filter(a -> a.partition().equals("aws") && a.service().equals("elasticloadbalancing")
                && a.resourceType().equals(kind) && a.in(scope)).isPresent();
    }

    /** Whether the target group of an action exists; an ARN of another scope is refused, as by {@link #owned}. */
    boolean hasTargetGroup(String arn) {
        return targetGroups.containsKey(owned(arn, "targetgroup"));
    }

    static String noun(String kind) {
        return switch (kind) {
            case "loadbalancer" -> "load balancer";
            case "listener-rule" -> "listener rule";
            case "targetgroup" -> "target group";
            default -> kind;
        };
    }

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
