package io.sluice.analysis.judge;

/** What the judge concluded about the canary for one metric. */
public enum Outcome {
    PASS,
    FAIL,
    /** The input could not be judged (no samples, no requests, invalid counts, all values equal). */
    INCONCLUSIVE
}
