package io.sluice.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.sluice.model.status.Condition;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One rollout as {@code GET /api/rollouts} shows it: where it stands, its checks next to their
 * thresholds, what keeps it from being current, and the commit it answers.
 *
 * @param commit the desired-state commit the status answers
 * @param headCommit the commit of the last pass (newer when the rollout has not caught up)
 * @param lastRollback the newest rollback in the history, with its reason
 * @param reason why the rollout is Degraded, or else why it is (or stopped) progressing
 */
public record RolloutView(
        String name,
        String source,
        String targetKind,
        String desiredVersion,
        Phase phase,
        Optional<Reason> reason,
        Optional<RolloutStatus.StepProgress> step,
        Optional<RolloutStatus.Side> stable,
        Optional<RolloutStatus.Side> canary,
        String message,
        Optional<Instant> stepStartedAt,
        Optional<Instant> pausedUntil,
        Optional<Instant> lastTransition,
        List<CheckView> checks,
        Optional<String> desiredProblem,
        Optional<String> actionFailure,
        Optional<String> commit,
        Optional<String> headCommit,
        Optional<RolloutStatus.HistoryEntry> lastRollback,
        List<RolloutStatus.HistoryEntry> recentHistory,
        List<Condition> conditions) {

    /** How many history entries the list shows; the single-rollout view shows them all. */
    public static final int RECENT_HISTORY = 5;

    /**
     * A check: its last measurement (empty before the first) and the rule it is held to.
     *
     * @param kind cloudwatch, alarms, targetHealth, http or prometheus
     * @param failIf absolute bounds
     * @param maxRatioToStable {@code compareToStable.maxRatio}
     * @param failuresToAbort {@code for}: failing measurements in a row that roll back
     * @param rule the rule in words, e.g. "fails above 0.01, 2 in a row"
     * @param dryRun measured and shown only: never holds, never rolls back
     * @param detail why the last result is not a plain value (too few samples, a provider error, a judge's summary)
     * @param samples datapoints behind the last value
     * @param count events (requests, invocations) behind the last value
     * @param judge a judge check's rule and its last statistics
     */
    public record CheckView(String name, String kind, Optional<Double> value, Optional<RolloutStatus.Result> result,
                            Optional<Instant> at, int consecutiveFailures, int consecutiveErrors, int consecutiveNoData,
                            Optional<Bounds> failIf, Optional<Double> maxRatioToStable, int failuresToAbort,
                            String rule, boolean dryRun, Optional<String> detail, Optional<Integer> samples,
                            Optional<Long> count, Optional<JudgeView> judge) {
    }

    /**
     * A judge: what it looks for and what it found last.
     *
     * @param direction increase, decrease or either
     * @param minEffect smallest relative change that matters (0.1 = 10%)
     * @param mode sequential (decides on the e-value) or fixed (on the p-value)
     * @param last the last statistics, empty before the first judgement
     */
    public record JudgeView(String direction, double minEffect, double confidence, String mode,
                            boolean failOnVarianceRise, Optional<RolloutStatus.JudgeResult> last) {
    }

    public record Bounds(Optional<Double> above, Optional<Double> below) {
    }

    /** One step of the strategy, e.g. {@code setWeight 10}, {@code pause 10m}, {@code pause until approved}. */
    public record StepView(int index, String kind, String description, boolean current) {
    }

    /** {@code GET /api/rollouts/{name}}: the list entry plus the whole history and the steps. */
    public record Detail(@JsonUnwrapped RolloutView rollout, List<RolloutStatus.HistoryEntry> history,
                         List<StepView> steps) {
    }
}
