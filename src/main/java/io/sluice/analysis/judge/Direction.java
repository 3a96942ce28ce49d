package io.sluice.analysis.judge;

/** Which way is worse for the canary. */
public enum Direction {
    /** The canary is worse when the metric is higher (latency, errors). */
    INCREASE,
    /** The canary is worse when the metric is lower (throughput, success rate). */
    DECREASE,
    /** Any change is worse. */
    EITHER
}
