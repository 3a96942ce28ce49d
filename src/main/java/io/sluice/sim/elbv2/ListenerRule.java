package io.sluice.sim.elbv2;

import java.util.List;
import java.util.Map;

/**
 * A listener rule. Conditions and transforms are kept verbatim (flattened) because the
 * simulator never evaluates them; actions are parsed so that weights can be checked and read.
 */
final class ListenerRule {
    final String arn;
    final String listenerArn;
    final boolean isDefault;
    /** Meaningless for the default rule, which AWS reports with priority "default". */
    final int priority;
    List<RuleAction> actions;
    Map<String, String> conditions;
    Map<String, String> transforms;
    final Map<String, String> tags;

    ListenerRule(String arn, String listenerArn, boolean isDefault, int priority, List<RuleAction> actions,
            Map<String, String> conditions, Map<String, String> transforms, Map<String, String> tags) {
        this.arn = arn;
        this.listenerArn = listenerArn;
        this.isDefault = isDefault;
        this.priority = priority;
        this.actions = actions;
        this.conditions = conditions;
        this.transforms = transforms;
        this.tags = tags;
    }

    String reportedPriority() {
        return isDefault ? "default" : Integer.toString(priority);
    }
}
