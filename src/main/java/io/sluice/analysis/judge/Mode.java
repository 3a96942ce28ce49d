package io.sluice.analysis.judge;

/** How often the judge looks at the same check. */
public enum Mode {
    /**
     * Anytime-valid (the default): the judge may be asked at every interval as the samples grow, and the
     * chance of ever failing identical versions stays at most {@code 1 - confidence} over all the looks.
     * Decides on the e-value.
     */
    SEQUENTIAL,
    /** One look at a fixed horizon: the classic p-value. Judging every interval this way inflates false failures. */
    FIXED
}
