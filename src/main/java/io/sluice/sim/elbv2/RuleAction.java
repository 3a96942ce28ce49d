package io.sluice.sim.elbv2;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One action of a listener rule. A forward action keeps its target groups and weights as values
 * (the simulator reasons about them); every other member ({@code AuthenticateOidcConfig},
 * {@code FixedResponseConfig}, ...) is kept verbatim in {@code otherMembers}, flattened.
 */
record RuleAction(String type, Optional<Integer> order, Optional<Forward> forward, Map<String, String> otherMembers) {

    /** The forward target groups with their weights, and the optional group stickiness. */
    record Forward(List<WeightedTargetGroup> targetGroups, Optional<Stickiness> stickiness) {
    }

    record WeightedTargetGroup(String targetGroupArn, int weight) {
    }

    record Stickiness(boolean enabled, Optional<Integer> durationSeconds) {
    }

    boolean isForward() {
        return type.equals("forward");
    }

    /** The order AWS reports: as given, or the action's position when the caller gave none. */
    int reportedOrder(int position) {
        return order.orElse(position);
    }
}
