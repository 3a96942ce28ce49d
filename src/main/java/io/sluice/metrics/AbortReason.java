package io.sluice.metrics;

import io.sluice.model.Check;
import io.sluice.model.Rollout;
import java.util.List;

/**
 * Why a rollout was rolled back, as a fixed label value: the planner's rollback reasons are
 * sentences for people; metrics need a small closed set.
 */
public enum AbortReason {
    /** A check failed often enough in a row. */
    CheckFailed,
    /** {@code spec.abort} was set in Git. */
    Abort,
    /** The desired version changed (or was reverted) while a rollout was in flight. */
    VersionChanged,
    /** AWS reported the new version's deployment as failed. */
    DeploymentFailed,
    /** A reason this mapping does not know (kept so nothing is lost). */
    Other;

    /** Classifies the reason of a {@code rollback} history entry of {@code rollout}. */
    public static AbortReason of(String reason, Rollout rollout) {
        if (reason.startsWith("aborted by spec.abort")) {
            return Abort;
        }
        if (reason.startsWith("desired version ")) {
            return VersionChanged;
        }
        if (reason.startsWith("deployment of ") && reason.contains(" failed")) {
            return DeploymentFailed;
        }
        List<Check> checks = rollout.analysis().map(a -> a.checks()).orElse(List.of());
        for (Check check : checks) {
            if (reason.startsWith(check.name() + " ")) {
                return CheckFailed;
            }
        }
        return Other;
    }
}
