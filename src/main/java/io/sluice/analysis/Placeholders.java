package io.sluice.analysis;

import io.sluice.model.Rollout;
import io.sluice.model.Target;
import java.util.Optional;

/**
 * Fills {@code {{version}}} and {@code {{targetGroup}}} in a query's dimension values for the side being
 * measured: the version id itself, and the suffix {@code targetgroup/name/id} of the side's target
 * group ARN (ALB CloudWatch metrics name target groups that way).
 */
final class Placeholders {
    static final String VERSION = "{{version}}";
    static final String TARGET_GROUP = "{{targetGroup}}";

    private Placeholders() {
    }

    /**
     * The filled value, or an explanation of why it cannot be filled for this rollout.
     *
     * @param sideId the version id measured ({{version}})
     * @param targetSide the target group side it runs on ({{targetGroup}}): the id itself except for ECS blue/green
     */
    static Result fill(String value, Rollout rollout, String sideId, String targetSide) {
        String out = value.replace(VERSION, sideId);
        if (out.contains(TARGET_GROUP)) {
            Optional<Target.Sides> groups = targetGroups(rollout.target());
            if (groups.isEmpty()) {
                return new Result(Optional.empty(), "{{targetGroup}} needs an alb target (or ecs with alb); "
                        + rollout.name() + " is " + rollout.target().kind());
            }
            Optional<String> arn = groups.get().valueOf(targetSide);
            if (arn.isEmpty()) {
                return new Result(Optional.empty(), "{{targetGroup}}: '" + targetSide + "' is not one of the target group sides "
                        + groups.get().first() + ", " + groups.get().second());
            }
            out = out.replace(TARGET_GROUP, targetGroupSuffix(arn.get()));
        }
        return new Result(Optional.of(out), "");
    }

    record Result(Optional<String> value, String problem) {
    }

    static Optional<Target.Sides> targetGroups(Target target) {
        if (target instanceof Target.Alb alb) {
            return Optional.of(alb.targetGroups());
        }
        if (target instanceof Target.Ecs ecs) {
            return ecs.alb().map(Target.Alb::targetGroups);
        }
        return Optional.empty();
    }

    /** {@code arn:aws:elasticloadbalancing:r:a:targetgroup/name/id} -> {@code targetgroup/name/id}. */
    static String targetGroupSuffix(String arn) {
        int at = arn.indexOf(":targetgroup/");
        return at < 0 ? arn : arn.substring(at + 1);
    }
}
