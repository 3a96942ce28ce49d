package io.sluice.model;

import java.time.Duration;

/**
 * Every range a rollout file's numbers, durations and sizes must lie in, in one place. The readers
 * check each value against these bounds and report one outside them at the value's own position;
 * the field reference in {@code config-repo-example/README.md} lists the same bounds.
 */
public final class Bounds {
    private Bounds() {
    }

    // ---- the file

    /** Largest rollout file: 1 MiB; a bigger file is refused before it is read. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** Most aliases to mappings or lists in one file: 20. */
    public static final int MAX_ALIASES = 20;

    /** Deepest nesting of mappings and lists in one file: 40. */
    public static final int MAX_NESTING = 40;

    // ---- durations

    /** Longest duration written anywhere in a rollout file: 30 days (720h). */
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    /** Shortest timed pause step ({@code pause: 10m} or {@code pause: {duration: 10m}}): 1s. */
    public static final Duration PAUSE_MIN = Duration.ofSeconds(1);

    /** Longest timed pause step: 30 days. */
    public static final Duration PAUSE_MAX = MAX_DURATION;

    /** Shortest analysis step ({@code analysis: 5m} or {@code analysis: {duration: 5m}}): 1s. */
    public static final Duration ANALYSIS_STEP_MIN = Duration.ofSeconds(1);

    /** Longest analysis step: 30 days. */
    public static final Duration ANALYSIS_STEP_MAX = MAX_DURATION;

    /** Shortest {@code spec.analysis.interval} between two measurements: 1s. */
    public static final Duration INTERVAL_MIN = Duration.ofSeconds(1);

    /** Longest {@code spec.analysis.interval}: 1h. */
    public static final Duration INTERVAL_MAX = Duration.ofHours(1);

    /** Default {@code spec.analysis.interval}: 1m. */
    public static final Duration INTERVAL_DEFAULT = Duration.ofMinutes(1);

    /** Shortest {@code spec.analysis.settle}: 0s (measure at once). */
    public static final Duration SETTLE_MIN = Duration.ZERO;

    /** Longest {@code spec.analysis.settle}: 1h. */
    public static final Duration SETTLE_MAX = Duration.ofHours(1);

    /** Default {@code spec.analysis.settle}: 30s. */
    public static final Duration SETTLE_DEFAULT = Duration.ofSeconds(30);

    /** Shortest CloudWatch {@code period} (also one of 1s, 5s, 10s, 30s or a multiple of 60s): 1s. */
    public static final Duration PERIOD_MIN = Duration.ofSeconds(1);

    /** Longest CloudWatch {@code period}: 1 day (24h). */
    public static final Duration PERIOD_MAX = Duration.ofDays(1);

    /** Default CloudWatch {@code period}: 1m. */
    public static final Duration PERIOD_DEFAULT = Duration.ofMinutes(1);

    /** Shortest CloudWatch {@code lookback}: 1s. */
    public static final Duration LOOKBACK_MIN = Duration.ofSeconds(1);

    /** Longest CloudWatch {@code lookback}, and the most the default of 5 periods is cut to: 1 day (24h). */
    public static final Duration LOOKBACK_MAX = Duration.ofDays(1);

    /** Default CloudWatch {@code lookback}, in periods: 5. */
    public static final int LOOKBACK_DEFAULT_PERIODS = 5;

    /** Shortest http check {@code timeout}: 1s. */
    public static final Duration HTTP_TIMEOUT_MIN = Duration.ofSeconds(1);

    /** Longest http check {@code timeout}: 60s. */
    public static final Duration HTTP_TIMEOUT_MAX = Duration.ofSeconds(60);

    /** Default http check {@code timeout}: 5s. */
    public static final Duration HTTP_TIMEOUT_DEFAULT = Duration.ofSeconds(5);

    /** Shortest {@code spec.progressDeadline}: 30s. */
    public static final Duration PROGRESS_DEADLINE_MIN = Duration.ofSeconds(30);

    /** Longest {@code spec.progressDeadline}: 24h. */
    public static final Duration PROGRESS_DEADLINE_MAX = Duration.ofHours(24);

    /** Default {@code spec.progressDeadline}: 10m. */
    public static final Duration PROGRESS_DEADLINE_DEFAULT = Duration.ofMinutes(10);

    /** Shortest ALB {@code stickiness} (whole seconds): 1s. */
    public static final Duration STICKINESS_MIN = Duration.ofSeconds(1);

    /** Longest ALB {@code stickiness}: 168h (7 days, what AWS allows). */
    public static final Duration STICKINESS_MAX = Duration.ofDays(7);

    // ---- whole numbers

    /** Lowest {@code setWeight} percentage: 0. */
    public static final int WEIGHT_MIN = 0;

    /** Highest {@code setWeight} percentage: 100. */
    public static final int WEIGHT_MAX = 100;

    /** Lowest {@code spec.retry}: 0. */
    public static final int RETRY_MIN = 0;

    /** Highest {@code spec.retry}: 10000. */
    public static final int RETRY_MAX = 10_000;

    /** Lowest {@code spec.approvedStep} (0: nothing approved): 0. */
    public static final int APPROVED_STEP_MIN = 0;

    /** Highest {@code spec.approvedStep}: 10000. */
    public static final int APPROVED_STEP_MAX = 10_000;

    /** Lowest {@code spec.analysis.startAfter} step number (0: from the first step); the highest is the strategy's last step. */
    public static final int START_AFTER_MIN = 0;

    /** Lowest {@code spec.analysis.maxConsecutiveErrors}: 1. */
    public static final int MAX_CONSECUTIVE_ERRORS_MIN = 1;

    /** Highest {@code spec.analysis.maxConsecutiveErrors}: 100. */
    public static final int MAX_CONSECUTIVE_ERRORS_MAX = 100;

    /** Default {@code spec.analysis.maxConsecutiveErrors}: 5. */
    public static final int MAX_CONSECUTIVE_ERRORS_DEFAULT = 5;

    /** Lowest check {@code for} (failing measurements in a row before a rollback): 1. */
    public static final int FOR_MIN = 1;

    /** Highest check {@code for}: 100. */
    public static final int FOR_MAX = 100;

    /** Lowest check {@code noDataLimit} (0: no data never counts as a failure): 0. */
    public static final int NO_DATA_LIMIT_MIN = 0;

    /** Highest check {@code noDataLimit}: 100. */
    public static final int NO_DATA_LIMIT_MAX = 100;

    /** Lowest {@code targetHealth.minHealthyPercent}: 1. */
    public static final int MIN_HEALTHY_PERCENT_MIN = 1;

    /** Highest {@code targetHealth.minHealthyPercent}: 100. */
    public static final int MIN_HEALTHY_PERCENT_MAX = 100;

    /** Lowest http check {@code expectStatus}: 100. */
    public static final int EXPECT_STATUS_MIN = 100;

    /** Highest http check {@code expectStatus}: 599. */
    public static final int EXPECT_STATUS_MAX = 599;

    /** Lowest ALB {@code drainSeconds}: 0. */
    public static final int DRAIN_SECONDS_MIN = 0;

    /** Highest ALB {@code drainSeconds}: 3600 (the deregistration delay AWS allows). */
    public static final int DRAIN_SECONDS_MAX = 3600;

    /** Most dimensions of one CloudWatch metric: 30 (what CloudWatch allows). */
    public static final int MAX_DIMENSIONS = 30;

    // ---- minimum-sample guard

    /** Lowest check {@code minSamples} (datapoints of the measured series in its window): 1. */
    public static final int MIN_SAMPLES_MIN = 1;

    /** Highest check {@code minSamples}: 1440 (a day of one-minute periods). */
    public static final int MIN_SAMPLES_MAX = 1440;

    /** Default check {@code minSamples}: 1 (a single datapoint, as without a guard). */
    public static final int MIN_SAMPLES_DEFAULT = 1;

    /** Lowest {@code minCount.atLeast} (0: the guard counts nothing): 0. */
    public static final int MIN_COUNT_MIN = 0;

    /** Highest {@code minCount.atLeast}: 1,000,000,000. */
    public static final int MIN_COUNT_MAX = 1_000_000_000;

    /**
     * Default {@code minCount.atLeast} of a rate or ratio check (an expression, compareToStable, a judge):
     * 30 events behind each value, so that a window of a handful of requests is inconclusive, not a verdict.
     */
    public static final int MIN_COUNT_DEFAULT = 30;

    // ---- judge

    /** Smallest {@code judge.minEffect}: 0.1% (0.001). */
    public static final double MIN_EFFECT_MIN = 0.001;

    /** Largest {@code judge.minEffect}: 1000% (10). */
    public static final double MIN_EFFECT_MAX = 10;

    /** Default {@code judge.minEffect}: 10% (0.1). */
    public static final double MIN_EFFECT_DEFAULT = 0.1;

    /** Lowest {@code judge.confidence}: 50% (0.5). */
    public static final double CONFIDENCE_MIN = 0.5;

    /** Highest {@code judge.confidence}: 99.99% (0.9999). */
    public static final double CONFIDENCE_MAX = 0.9999;

    /** Default {@code judge.confidence}: 99% (0.99). */
    public static final double CONFIDENCE_DEFAULT = 0.99;

    /** Shortest {@code judge.step} of a Prometheus range query: 1s. */
    public static final Duration JUDGE_STEP_MIN = Duration.ofSeconds(1);

    /** Longest {@code judge.step}: 1h. */
    public static final Duration JUDGE_STEP_MAX = Duration.ofHours(1);

    /**
     * Most samples per side a judge window holds: 1440 periods (or Prometheus steps). A sequential window
     * longer than that keeps its newest 1440, well inside GetMetricData's 100,800 datapoints a call and
     * Prometheus' 11,000 points a series.
     */
    public static final int JUDGE_MAX_SAMPLES = 1440;
}
