package io.sluice.analysis.judge;

/**
 * The judge's answer for one metric at one look.
 *
 * @param outcome pass, fail or inconclusive
 * @param test the test used: {@value Judge#MANN_WHITNEY} for continuous metrics, {@value Judge#RATE_RATIO} for
 *        counts
 * @param statistic Mann-Whitney: U of the canary (pairs where the canary is higher, ties counting half); counts:
 *        the canary's number of events, the k of the conditional binomial test given all events of both sides
 * @param pValue the fixed-horizon p-value, always computed, in the direction the spec names (two-sided for
 *        {@link Direction#EITHER})
 * @param eValue the anytime-valid e-value, always computed; a sequential check is significant when it is at least
 *        {@code 1 / (1 - confidence)}
 * @param effect relative effect, canary vs stable: for Mann-Whitney the Hodges-Lehmann shift (median of all
 *        canary-minus-stable differences) divided by the stable median; for counts the canary rate divided by the
 *        stable rate, minus 1 (0.42 = canary 42 % higher; infinite when the stable side has no events and the
 *        canary has some)
 * @param varianceRise whether a significant rise in the canary's spread was seen (reported even when it does not
 *        fail); always false for counts
 * @param summary one short line for people, e.g. {@code canary median 72% higher than stable (Mann-Whitney
 *        U=1485, p=2.2e-11, e=2.1e+08): worse} or {@code canary 2% vs stable 1% (ratio 2; 40 of 60 events on the
 *        canary, expected 50%, p=0.0067, e=14): no significant change, pass}
 */
public record Verdict(Outcome outcome, String test, double statistic, double pValue, double eValue, double effect,
        boolean varianceRise, String summary) {

    static Verdict inconclusive(String test, String why) {
        return new Verdict(Outcome.INCONCLUSIVE, test, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, why);
    }
}
