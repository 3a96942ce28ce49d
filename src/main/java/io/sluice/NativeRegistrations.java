package io.sluice;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sluice.api.RolloutResource;
import io.sluice.api.RolloutView;
import io.sluice.model.status.Condition;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;

/**
 * What a native image must keep for reflection beyond what the Quarkus extensions register: the
 * records and enums Jackson writes as the JSON API ({@code GET /api/rollouts}, the single-rollout
 * {@link RolloutView.Detail} and the 404 body, which leave the resource as a {@code Response} and so are
 * not seen by Quarkus REST). {@code NativeRegistrationsTest} walks the API's types and fails on one
 * missing here. JGit (quarkus-jgit) and the AWS SDK (its own {@code META-INF/native-image}) carry their
 * own configuration; SnakeYAML only composes nodes and needs none; the resource {@code simulate}
 * loads is listed in {@code META-INF/native-image/io.sluice/sluice/resource-config.json}.
 */
@RegisterForReflection(targets = {
        RolloutView.class,
        RolloutView.CheckView.class,
        RolloutView.JudgeView.class,
        RolloutView.Bounds.class,
        RolloutView.StepView.class,
        RolloutView.Detail.class,
        RolloutResource.NotFound.class,
        RolloutStatus.StepProgress.class,
        RolloutStatus.Side.class,
        RolloutStatus.Result.class,
        RolloutStatus.HistoryEntry.class,
        RolloutStatus.JudgeResult.class,
        Condition.class,
        Condition.Type.class,
        Phase.class,
        Reason.class,
})
public final class NativeRegistrations {
    private NativeRegistrations() {
    }
}
