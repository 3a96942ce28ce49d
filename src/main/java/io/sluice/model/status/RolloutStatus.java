package io.sluice.model.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What sluice last saw and did for one rollout; written to {@code status/<rollout>.yaml}. Together
 * with what AWS reports, it is all a restarted daemon needs to carry on where it was.
 *
 * @param observedCommit the desired-state commit this status answers
 * @param retry the {@code spec.retry} this status answers (a rolled-back version runs again when it changes)
 * @param step 1-based index of the current step and the number of steps
 * @param stepStartedAt when the current step began (pause deadlines and analysis windows count from it)
 * @param pausedUntil deadline of a timed pause
 * @param lastTransition when the phase last changed
 * @param history bounded, newest first
 */
public record RolloutStatus(
        String rollout,
        Optional<String> observedCommit,
        int retry,
        Phase phase,
        Optional<StepProgress> step,
        Optional<Side> stable,
        Optional<Side> canary,
        Optional<Instant> stepStartedAt,
        Optional<Instant> pausedUntil,
        Optional<Instant> lastTransition,
        List<CheckStatus> checks,
        String message,
        List<HistoryEntry> history,
        List<Condition> conditions) {

    public static final int MAX_HISTORY = 50;

    public RolloutStatus {
        checks = List.copyOf(checks);
        history = List.copyOf(history.size() > MAX_HISTORY ? history.subList(0, MAX_HISTORY) : history);
        conditions = List.copyOf(conditions);
    }

    public RolloutStatus(String rollout, Optional<String> observedCommit, int retry, Phase phase,
                         Optional<StepProgress> step, Optional<Side> stable, Optional<Side> canary,
                         Optional<Instant> stepStartedAt, Optional<Instant> pausedUntil, Optional<Instant> lastTransition,
                         List<CheckStatus> checks, String message, List<HistoryEntry> history) {
        this(rollout, observedCommit, retry, phase, step, stable, canary, stepStartedAt, pausedUntil, lastTransition,
                checks, message, history, List.of());
    }

    /** The condition of this type, if the status has one. */
    public Optional<Condition> condition(Condition.Type type) {
        return conditions.stream().filter(c -> c.type() == type).findFirst();
    }

    /**
     * Whether the current attempt has taken its first step: in flight (Progressing, Paused, Degraded) at
     * step 1 or later (or with no step recorded). Before that, no traffic has moved to the new version in
     * this attempt.
     */
    public boolean started() {
        boolean inFlight = phase == Phase.Progressing || phase == Phase.Paused || phase == Phase.Degraded;
        return inFlight && step.map(p -> p.index() >= 1).orElse(true);
    }

    /** Why the rollout is Degraded, or else why it is (or stopped) progressing. */
    public Optional<Reason> reason() {
        Optional<Condition> degraded = condition(Condition.Type.Degraded).filter(Condition::status);
        return degraded.or(() -> condition(Condition.Type.Progressing)).map(Condition::reason);
    }

    public record StepProgress(int index, int count) {
        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /** One side of the split: its name (blue, green, a version), the version it runs, its weight in percent. */
    /**
     * One side of the split.
     *
     * @param weight the percent of traffic sluice set for this side (or found and adopted)
     * @param live the percent AWS served when this status was made, when it differs from
     *     {@code weight}: an ECS deployment whose new tasks are still starting, a weight just
     *     written, a person's change
     */
    public record Side(String name, String version, double weight, Optional<Double> live) {
        public Side(String name, String version, double weight) {
            this(name, version, weight, Optional.empty());
        }

        /** What AWS serves: the live weight where it differs, else the weight set. */
        public double serving() {
            return live.orElse(weight);
        }

        /** This side with {@code live} recorded where it differs from the weight set. */
        public Side withLive(int live) {
            return new Side(name, version, weight, Math.round(weight) == live ? Optional.empty()
                    : Optional.of((double) live));
        }
    }

    public enum Result { pass, fail, inconclusive, error }

    /**
     * The last measurement of a check, and how many in a row failed, errored or had no data.
     *
     * @param detail what the provider said when the result is not a plain value: the provider's error
     *     (HTTP status, AWS code and message), why a measurement failed by itself (e.g. {@code HTTP 500}),
     *     why it was too thin to count ({@code 3 requests in the measured 1m period, 30 needed}) or a
     *     judge's summary
     * @param samples datapoints of the measured series behind the value (the canary side's)
     * @param count events (requests, invocations) behind the value, when the check counts them
     * @param dryRun the check is a dry run: reported, never acted on
     * @param judge the statistics of a judge check
     */
    public record CheckStatus(String name, Optional<Double> value, Result result, Instant at,
                              int consecutiveFailures, int consecutiveErrors, int consecutiveNoData,
                              Optional<String> detail, Optional<Integer> samples, Optional<Long> count,
                              boolean dryRun, Optional<JudgeResult> judge) {
        public CheckStatus(String name, Optional<Double> value, Result result, Instant at,
                           int consecutiveFailures, int consecutiveErrors, int consecutiveNoData,
                           Optional<String> detail) {
            this(name, value, result, at, consecutiveFailures, consecutiveErrors, consecutiveNoData, detail,
                    Optional.empty(), Optional.empty(), false, Optional.empty());
        }

        public CheckStatus(String name, Optional<Double> value, Result result, Instant at,
                           int consecutiveFailures, int consecutiveErrors, int consecutiveNoData) {
            this(name, value, result, at, consecutiveFailures, consecutiveErrors, consecutiveNoData, Optional.empty());
        }

        /** This status with how much data stood behind it. */
        public CheckStatus withSamples(Optional<Integer> samples, Optional<Long> count) {
            return new CheckStatus(name, value, result, at, consecutiveFailures, consecutiveErrors, consecutiveNoData,
                    detail, samples, count, dryRun, judge);
        }

        /** This status marked as (or not as) the measurement of a dry-run check. */
        public CheckStatus withDryRun(boolean dryRun) {
            return new CheckStatus(name, value, result, at, consecutiveFailures, consecutiveErrors, consecutiveNoData,
                    detail, samples, count, dryRun, judge);
        }

        /** This status with a judge's statistics. */
        public CheckStatus withJudge(Optional<JudgeResult> judge) {
            return new CheckStatus(name, value, result, at, consecutiveFailures, consecutiveErrors, consecutiveNoData,
                    detail, samples, count, dryRun, judge);
        }
    }

    /**
     * What a judge check computed from canary and stable samples.
     *
     * @param test the test's name (e.g. a Welch t-test, a two-proportion test)
     * @param statistic the test statistic
     * @param pValue the p-value (fixed mode)
     * @param eValue the e-value (sequential mode; evidence against "no harmful change", anytime-valid)
     * @param effect the relative change of the canary against stable (0.5 = 50% higher)
     * @param varianceRise the canary's spread is larger than stable's
     */
    public record JudgeResult(String test, double statistic, double pValue, double eValue, double effect,
                              boolean varianceRise) {
    }

    /**
     * Something that happened: a weight change, a pause, a rollback, drift.
     *
     * @param reason the details, for people
     * @param cause the typed reason, for machines (metrics, notifications): rollbacks, drift, aborts
     */
    public record HistoryEntry(Instant at, String event, Optional<String> from, Optional<String> to,
                               Optional<String> commit, Optional<String> reason, Optional<Reason> cause) {
        public HistoryEntry(Instant at, String event, Optional<String> from, Optional<String> to,
                            Optional<String> commit, Optional<String> reason) {
            this(at, event, from, to, commit, reason, Optional.empty());
        }
    }
}
