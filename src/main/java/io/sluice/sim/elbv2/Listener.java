package io.sluice.sim.elbv2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A listener and its rules. The default rule is a rule like the others ({@code IsDefault=true},
 * priority "default"); the listener's {@code DefaultActions} are that rule's actions.
 */
final class Listener {
    final String arn;
    final String loadBalancerArn;
    int port;
    String protocol;
    Optional<String> sslPolicy;
    Optional<String> certificateArn;
    final ListenerRule defaultRule;
    /** Non-default rules, kept sorted by priority. */
    final List<ListenerRule> rules = new ArrayList<>();
    final Map<String, String> tags;

    Listener(String arn, String loadBalancerArn, int port, String protocol, Optional<String> sslPolicy,
            Optional<String> certificateArn, ListenerRule defaultRule, Map<String, String> tags) {
        this.arn = arn;
        this.loadBalancerArn = loadBalancerArn;
        this.port = port;
        this.protocol = protocol;
        this.sslPolicy = sslPolicy;
        this.certificateArn = certificateArn;
        this.defaultRule = defaultRule;
        this.tags = tags;
    }

    List<RuleAction> defaultActions() {
        return defaultRule.actions;
    }

    /** Rules in evaluation order: by priority, the default rule last. */
    List<ListenerRule> rulesInOrder() {
        List<ListenerRule> all = new ArrayList<>(rules);
        all.sort((a, b) -> Integer.compare(a.priority, b.priority));
        all.add(defaultRule);
        return all;
    }
}
