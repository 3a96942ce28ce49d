package io.sluice.metrics;

/**
 * Every meter sluice exports about its rollouts, in one place (the AWS call, quota, check and
 * notification meters are named beside the code that counts them). Names are Micrometer names; the
 * Prometheus registry turns dots into underscores and appends {@code _total} to counters, so
 * {@code sluice.rollout.aborts} is scraped as {@code sluice_rollout_aborts_total}.
 */
public final class SluiceMeters {
    public static final String ROLLOUT_PHASE = "sluice.rollout.phase";
    public static final String CANARY_WEIGHT = "sluice.rollout.canary.weight.percent";
    public static final String STEP = "sluice.rollout.step";
    public static final String STEPS = "sluice.rollout.steps";
    public static final String LAST_TRANSITION = "sluice.rollout.last.transition.timestamp.seconds";
    public static final String STEP_STARTED = "sluice.rollout.step.started.timestamp.seconds";
    public static final String STEP_EXPECTED = "sluice.rollout.step.expected.seconds";
    public static final String DRIFT = "sluice.rollout.drift";
    public static final String ABORTS = "sluice.rollout.aborts";
    public static final String BY_REASON = "sluice.rollouts.by.reason";
    public static final String CHECK_VALUE = "sluice.check.value";
    public static final String CHECK_RESULT = "sluice.check.result";
    public static final String PASS_DURATION = "sluice.reconcile.pass";

    public static final String TAG_ROLLOUT = "rollout";
    public static final String TAG_PHASE = "phase";
    public static final String TAG_CHECK = "check";
    public static final String TAG_RESULT = "result";
    public static final String TAG_REASON = "reason";

    static final String HELP_BY_REASON = "Rollouts whose status gives this reason (why Degraded, else why progressing or not)";
    static final String HELP_PHASE = "1 for the phase the rollout is in, 0 for the others";
    static final String HELP_CANARY_WEIGHT = "Percent of traffic on the new version as AWS served it at the last pass";
    static final String HELP_STEP = "1-based index of the current step (0 before the first)";
    static final String HELP_STEPS = "Number of steps of the rollout's strategy";
    static final String HELP_LAST_TRANSITION = "Unix time of the last phase change (NaN if unknown)";
    static final String HELP_STEP_STARTED = "Unix time the current step began (NaN when no step runs)";
    static final String HELP_STEP_EXPECTED = "How long the current step should take by its definition"
            + " (pause or analysis duration, 0 for a weight change, +Inf for an approval)";
    static final String HELP_DRIFT = "1 while the rollout is held because live weights were changed outside sluice";
    static final String HELP_ABORTS = "Rollbacks seen since this process started, by reason";
    static final String HELP_CHECK_VALUE = "Last measured value of a check (NaN without data)";
    static final String HELP_CHECK_RESULT = "1 for the last result of a check, 0 for the others";
    static final String HELP_PASS = "Duration of one reconcile pass over all rollouts";

    private SluiceMeters() {
    }
}
