package io.sluice.aws.alb;

import io.sluice.aws.Percentages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The forward action of a listener's default actions or a rule's actions, with both describe shapes
 * ({@code TargetGroupArn} alone, or {@code ForwardConfig}) read as one: weights by target group ARN.
 * Writing replaces only this action's groups and weights; every other action and field, the order
 * and the stickiness config travel back to AWS as they were read.
 */
record AlbForward(List<Action> actions, int index, Map<String, Integer> weights,
                  Optional<TargetGroupStickinessConfig> stickiness) {

    static final int MAX_WEIGHT = 999;

    /** The forward action of {@code actions}, or empty when the terminal action is not a forward. */
    static Optional<AlbForward> of(List<Action> actions) {
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a.type() != ActionTypeEnum.FORWARD) {
                continue;
            }
            Map<String, Integer> weights = new LinkedHashMap<>();
            ForwardActionConfig config = a.forwardConfig();
            if (config != null && config.hasTargetGroups() && !config.targetGroups().isEmpty()) {
                // a one-group ForwardConfig may carry no weight: that group takes everything
                config.targetGroups().forEach(t -> weights.put(t.targetGroupArn(),
                        t.weight() == null ? 1 : t.weight()));
            } else if (a.targetGroupArn() != null) {
                weights.put(a.targetGroupArn(), 1);
            }
            Optional<TargetGroupStickinessConfig> stickiness = Optional.ofNullable(config)
                    .map(ForwardActionConfig::targetGroupStickinessConfig);
            return Optional.of(new AlbForward(List.copyOf(actions), i, weights, stickiness));
        }
        return Optional.empty();
    }

    /** The types of the actions, for a message when there is no forward: {@code [fixed-response]}. */
    static String describe(List<Action> actions) {
        return actions.stream().map(Action::typeAsString).toList().toString();
    }

    /**
     * The action list with the forward set to exactly these groups and AWS weights; stickiness
     * replaced when {@code newStickiness} is given, else kept exactly as read.
     */
    List<Action> withWeights(Map<String, Integer> awsWeights, Optional<TargetGroupStickinessConfig> newStickiness) {
        if (awsWeights.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("refusing to write a forward with all weights 0: " + awsWeights);
        }
        List<TargetGroupTuple> tuples = new ArrayList<>();
        awsWeights.forEach((arn, w) -> tuples.add(TargetGroupTuple.builder().targetGroupArn(arn).weight(w).build()));
        ForwardActionConfig.Builder config = ForwardActionConfig.builder().targetGroups(tuples);
        newStickiness.or(() -> stickiness).ifPresent(config::targetGroupStickinessConfig);
        Action forward = actions.get(index).toBuilder().targetGroupArn(null).forwardConfig(config.build()).build();
        List<Action> out = new ArrayList<>(actions);
        out.set(index, forward);
        return out;
    }

    /** The share of every group in whole percents (the AWS weights are relative). */
    Map<String, Integer> percents() {
        Map<String, Long> amounts = new LinkedHashMap<>();
        weights.forEach((arn, w) -> amounts.put(arn, (long) w));
        return Percentages.byRatio(amounts);
    }
}
