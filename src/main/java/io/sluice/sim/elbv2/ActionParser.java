package io.sluice.sim.elbv2;

import io.sluice.sim.AwsError;
import io.sluice.sim.protocol.FormParams;
import io.sluice.sim.elbv2.RuleAction.Forward;
import io.sluice.sim.elbv2.RuleAction.Stickiness;
import io.sluice.sim.elbv2.RuleAction.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and checks an {@code Actions} list the way ALB does: weights 0..999, at most five target
 * groups per forward, group stickiness 1..604800 s and required when enabled, known target
 * groups, a legacy {@code TargetGroupArn} that agrees with {@code ForwardConfig}, and one
 * terminal action that runs last.
 */
final class ActionParser {
    static final int MAX_WEIGHT = 999;
    static final int MAX_TARGET_GROUPS_PER_FORWARD = 5;
    static final int MAX_STICKINESS_SECONDS = 604_800;
    private static final Set<String> TYPES = Set.of("forward", "authenticate-oidc", "authenticate-cognito",
            "redirect", "fixed-response", "jwt-validation");
    private static final Set<String> TERMINAL = Set.of("forward", "redirect", "fixed-response");

    private ActionParser() {
    }

    /**
     * Parses the list under {@code member} (e.g. "DefaultActions"); {@code wireName} is the
     * lower-camel name AWS uses in validation messages (e.g. "defaultActions").
     */
    static List<RuleAction> parse(FormParams params, String member, String wireName,
            Predicate<String> targetGroupExists) {
        List<FormParams> structs = params.structs(member);
        if (structs.isEmpty()) {
            throw invalid("An action must be specified");
        }
        List<RuleAction> actions = new ArrayList<>();
        for (int i = 0; i < structs.size(); i++) {
            actions.add(parseOne(structs.get(i), wireName + "." + (i + 1) + ".member", targetGroupExists));
        }
        checkOrdering(actions);
        return List.copyOf(actions);
    }

    private static RuleAction parseOne(FormParams a, String at, Predicate<String> targetGroupExists) {
        String type = a.get("Type").orElseThrow(() -> invalid(
                "1 validation error detected: Value null at '" + at + ".type' failed to satisfy constraint: "
                        + "Member must not be null"));
        if (!TYPES.contains(type)) {
            throw invalid("1 validation error detected: Value '" + type + "' at '" + at + ".type' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: " + TYPES);
        }
        Optional<Integer> order = a.get("Order").map(v -> integer(v, at + ".order"));
        order.ifPresent(o -> range(o, 1, 50_000, at + ".order"));
        Map<String, String> other = new LinkedHashMap<>();
        a.all().forEach((k, v) -> {
            if (!k.equals("Type") && !k.equals("Order") && !k.equals("TargetGroupArn") && !k.startsWith("ForwardConfig.")) {
                other.put(k, v);
            }
        });
        Optional<String> legacyArn = a.get("TargetGroupArn").filter(s -> !s.isEmpty());
        boolean hasForwardConfig = a.all().keySet().stream().anyMatch(k -> k.startsWith("ForwardConfig."));
        if (!type.equals("forward")) {
            if (legacyArn.isPresent() || hasForwardConfig) {
                throw actionInvalid("A target group can be specified only for a forward action");
            }
            return new RuleAction(type, order, Optional.empty(), other);
        }
        Forward forward = forward(a, at, legacyArn, targetGroupExists);
        return new RuleAction(type, order, Optional.of(forward), other);
    }

    private static Forward forward(FormParams a, String at, Optional<String> legacyArn,
            Predicate<String> targetGroupExists) {
        List<FormParams> tuples = a.structs("ForwardConfig.TargetGroups");
        List<WeightedTargetGroup> groups = new ArrayList<>();
        if (tuples.isEmpty()) {
            if (legacyArn.isEmpty()) {
                throw actionInvalid("A target group ARN must be specified for a forward action");
            }
            groups.add(new WeightedTargetGroup(legacyArn.get(), 1));
        } else {
            if (tuples.size() > MAX_TARGET_GROUPS_PER_FORWARD) {
                throw invalid("1 validation error detected: Value with " + tuples.size() + " target groups at '" + at
                        + ".forwardConfig.targetGroups' failed to satisfy constraint: a forward action can have at most "
                        + MAX_TARGET_GROUPS_PER_FORWARD + " target groups");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < tuples.size(); i++) {
                String tupleAt = at + ".forwardConfig.targetGroups." + (i + 1) + ".member";
                FormParams t = tuples.get(i);
                String arn = t.get("TargetGroupArn").filter(s -> !s.isEmpty()).orElseThrow(() -> invalid(
                        "1 validation error detected: Value null at '" + tupleAt + ".targetGroupArn' failed to "
                                + "satisfy constraint: Member must not be null"));
                if (!seen.add(arn)) {
                    throw invalid("Target group '" + arn + "' is specified more than once in a forward action");
                }
                Optional<Integer> weight = t.get("Weight").map(w -> integer(w, tupleAt + ".weight"));
                if (weight.isEmpty() && tuples.size() > 1) {
                    throw invalid("A weight must be specified for each target group when a forward action has more "
                            + "than one target group");
                }
                int w = weight.orElse(1);
                range(w, 0, MAX_WEIGHT, tupleAt + ".weight");
                groups.add(new WeightedTargetGroup(arn, w));
            }
            if (legacyArn.isPresent() && (groups.size() != 1 || !groups.get(0).targetGroupArn().equals(legacyArn.get()))) {
                throw actionInvalid("You cannot specify both a target group ARN and a forward config with "
                        + "different target groups");
            }
        }
        for (WeightedTargetGroup g : groups) {
            if (!targetGroupExists.test(g.targetGroupArn())) {
                throw AwsError.client(400, "TargetGroupNotFound",
                        "Target groups '" + g.targetGroupArn() + "' not found").raise();
            }
        }
        return new Forward(List.copyOf(groups), stickiness(a.struct("ForwardConfig.TargetGroupStickinessConfig"), at));
    }

    private static Optional<Stickiness> stickiness(FormParams s, String at) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String sat = at + ".forwardConfig.targetGroupStickinessConfig";
        boolean enabled = s.get("Enabled").map(v -> bool(v, sat + ".enabled")).orElse(false);
        Optional<Integer> duration = s.get("DurationSeconds").map(v -> integer(v, sat + ".durationSeconds"));
        duration.ifPresent(d -> range(d, 1, MAX_STICKINESS_SECONDS, sat + ".durationSeconds"));
        if (enabled && duration.isEmpty()) {
            throw invalid("A target group stickiness duration must be specified when target group stickiness is enabled");
        }
        return Optional.of(new Stickiness(enabled, duration));
    }

    private static void checkOrdering(List<RuleAction> actions) {
        if (actions.size() > 1) {
            Set<Integer> orders = new HashSet<>();
            for (RuleAction a : actions) {
                if (a.order().isEmpty()) {
                    throw invalid("An order must be specified for each action when a rule has more than one action");
                }
                if (!orders.add(a.order().get())) {
                    throw invalid("Action order '" + a.order().get() + "' was provided multiple times");
                }
            }
        }
        RuleAction last = null;
        int terminals = 0;
        for (int i = 0; i < actions.size(); i++) {
            RuleAction a = actions.get(i);
            if (TERMINAL.contains(a.type())) {
                terminals++;
            }
            if (last == null || a.reportedOrder(i + 1) > last.reportedOrder(actions.indexOf(last) + 1)) {
                last = a;
            }
        }
        if (terminals != 1 || !TERMINAL.contains(last.type())) {
            throw actionInvalid("A rule must have exactly one forward, redirect or fixed-response action, "
                    + "and it must be the last action to be performed");
        }
    }

    static int integer(String value, String at) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid("1 validation error detected: Value '" + value + "' at '" + at
                    + "' failed to satisfy constraint: Member must be an integer");
        }
    }

    private static boolean bool(String value, String at) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid("1 validation error detected: Value '" + value + "' at '" + at
                + "' failed to satisfy constraint: Member must be a boolean");
    }

    static void range(int value, int min, int max, String at) {
        if (value < min) {
            throw invalid("1 validation error detected: Value '" + value + "' at '" + at
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw invalid("1 validation error detected: Value '" + value + "' at '" + at
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
    }

    static AwsError.Raised invalid(String message) {
        return AwsError.client(400, "ValidationError", message).raise();
    }

    private static AwsError.Raised actionInvalid(String message) {
        return AwsError.client(400, "InvalidLoadBalancerAction", message).raise();
    }
}
