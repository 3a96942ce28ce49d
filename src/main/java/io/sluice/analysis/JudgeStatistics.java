package io.sluice.analysis;

import io.sluice.model.Check;

/**
 * The statistics of a judge check: canary against stable samples of one metric, or events of trials
 * on each side. The providers gather the samples; this decides.
 */
interface JudgeStatistics {

    Judgement continuous(Check.Judge judge, double[] canary, double[] stable);

    Judgement counts(Check.Judge judge, long canaryEvents, long canaryTrials, long stableEvents, long stableTrials);

    /**
     * A judge's answer.
     *
     * @param effect relative change of the canary against stable (0.5 = 50% higher)
     * @param varianceRise the canary's spread is larger than stable's
     * @param summary one line a person reads
     */
    record Judgement(Measurement.Judged.Outcome outcome, String test, double statistic, double pValue, double eValue,
                     double effect, boolean varianceRise, String summary) {
    }
}
