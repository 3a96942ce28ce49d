package io.sluice.analysis.judge;

import java.util.Arrays;

/**
 * Compares a canary with its stable version on one metric and says pass, fail or inconclusive. Pure: every verdict
 * is a function of the numbers passed in, so the caller can re-query the whole window since the check started and
 * ask again at every interval.
 *
 * <h2>Continuous metrics: Mann-Whitney U ({@value #MANN_WHITNEY})</h2>
 * Latency, CPU and the like are compared by the Mann-Whitney U test on the per-interval samples of each side: it
 * ranks all values together and asks whether the canary's values sit higher (or lower) in the ranking than chance
 * would place them. It needs no assumption about the shape of the distribution, so skewed latencies are fine. U is
 * the number of (canary, stable) pairs where the canary is higher, ties counting half. The p-value is computed as
 * scipy's {@code mannwhitneyu} does: exact for small samples without ties, else the normal approximation with the
 * tie-corrected variance and a continuity correction. The effect is the Hodges-Lehmann shift (the median of all
 * canary-minus-stable differences, the shift the test is about) divided by the stable median.
 *
 * <h2>Counts: conditional binomial rate-ratio test ({@value #RATE_RATIO})</h2>
 * Errors out of requests are compared through the events alone: if both sides fail at the same rate, each event
 * falls on the canary with probability p0 = canary requests / all requests, whatever that rate is. So the canary's
 * share k of all n events is tested against binomial(n, p0) exactly (scipy's {@code binomtest}), which stays
 * correct with sparse counts such as 0 errors against 3. The statistic is k; the effect is the canary rate divided
 * by the stable rate, minus 1, infinite when the stable side has no events and the canary has some (still only a
 * failure when significant: 1 error against 0 is not).
 *
 * <h2>Looking more than once: e-values ({@link Mode#SEQUENTIAL}, the default)</h2>
 * A p-value is valid for one look. Judged at every interval at 99 % confidence, identical versions fail a check of
 * ten looks 3 to 5 % of the time instead of 1 % (the calibration tests measure this). In sequential mode the judge decides on
 * an e-value instead: a number that, computed on the cumulative data at every look, forms a test supermartingale,
 * so by Ville's inequality identical versions reach 1 / (1 - confidence) at any look with probability at most
 * 1 - confidence. A check fails when the e-value reaches that threshold (100 at 99 %).
 * <ul>
 * <li>Counts: a Beta-mixture likelihood ratio for the canary's share of events theta against p0, with a
 * Beta({@value #COUNT_PRIOR_CONCENTRATION} p0, {@value #COUNT_PRIOR_CONCENTRATION} (1 - p0)) prior truncated to the
 * bad side (theta above p0 for {@link Direction#INCREASE}, below for {@link Direction#DECREASE}); for
 * {@link Direction#EITHER} the average of the two. It is exact, not asymptotic, given two assumptions: events
 * follow Poisson processes (many requests, small rates), and the canary's share of requests is the same throughout
 * the window, so that p0, read from the cumulative requests, is the share at every moment. A traffic shift inside
 * one window breaks the second: start a new window at each step.</li>
 * <li>Continuous: Robbins' normal mixture on the standardized U statistic. Under identical versions, with both
 * samples growing in a steady ratio, U minus its mean behaves like Brownian motion in the information
 * (n1 n2 / sd(U))^2, with a drift of P(canary &gt; stable) - 1/2; the judge mixes over that drift with a normal prior
 * of scale {@value #RANK_MIXTURE_SCALE} (half-normal on the bad side for a one-sided direction). This is an
 * asymptotic confidence sequence in the style of Waudby-Smith et al.: valid as the samples grow, and conservative
 * at the sizes of a canary check (the tests measure about 0.1 % false failures at a nominal 1 %). Samples are
 * treated as independent, as the Mann-Whitney test itself does.</li>
 * </ul>
 * The e-value is computed in both modes; {@link Mode#FIXED} decides on the p-value (fail when p &lt;= 1 -
 * confidence), for a single look at a fixed horizon.
 *
 * <h2>A rise in spread: Brown-Forsythe</h2>
 * Mann-Whitney sees a shift, not a wider spread: a canary with the stable median but twice the spread passes it.
 * The judge also runs the Brown-Forsythe test (scipy's {@code levene(center='median')}: an analysis of variance on
 * absolute deviations from each side's median), one-sided towards a wider canary, at the same confidence and in the
 * same mode (sequential uses the one-sided normal mixture of scale {@value #SPREAD_MIXTURE_SCALE} on its z in
 * the information n1 n2 / (n1 + n2)). A significant rise sets {@link Verdict#varianceRise()}; it fails the check
 * only when {@link JudgeSpec#failOnVarianceRise()} is set.
 *
 * <h2>The decision</h2>
 * FAIL when the test is significant in the bad direction (e-value at least 1 / (1 - confidence) in sequential mode,
 * p-value at most 1 - confidence in fixed mode) <em>and</em> the estimated effect is at least
 * {@link JudgeSpec#minEffect()} in the bad direction, so a 1 % shift on huge samples passes; or when the spread rose
 * and the spec fails on that. PASS otherwise: no evidence yet that the canary is worse by the minimum effect.
 * INCONCLUSIVE only when the input cannot be judged (an empty side, no requests, invalid counts, every value equal),
 * with the reason in the summary; the judge never throws on data. Non-finite samples (NaN, infinities: missing
 * points) are left out and counted in the summary. Too few samples is a separate guard's concern.
 */
public final class Judge {
    /** The name of the continuous test in {@link Verdict#test()}. */
    public static final String MANN_WHITNEY = "mann-whitney";
    /** The name of the count test in {@link Verdict#test()}. */
    public static final String RATE_RATIO = "rate-ratio";

    static final double RANK_MIXTURE_SCALE = 0.2;
    static final double SPREAD_MIXTURE_SCALE = 0.5;
    static final double COUNT_PRIOR_CONCENTRATION = 10;

    private Judge() {
    }

    /** Continuous metric (latency, CPU...): per-interval samples of each side over the same window. */
    public static Verdict continuous(JudgeSpec spec, double[] canary, double[] stable) {
        double[] c = finite(canary);
        double[] s = finite(stable);
        int dropped = (canary == null ? 0 : canary.length - c.length) + (stable == null ? 0 : stable.length - s.length);
        String ignored = dropped == 0 ? "" : "; " + dropped + " non-finite value" + (dropped == 1 ? "" : "s") + " ignored";
        if (c.length == 0 || s.length == 0) {
            return Verdict.inconclusive(MANN_WHITNEY, "no " + (c.length == 0 ? "canary" : "stable")
                    + " samples to compare" + ignored);
        }
        Alternative alternative = Alternative.of(spec.direction());
        MannWhitney.Result mw = MannWhitney.test(c, s, alternative);
        if (!(mw.sigma() > 0)) {
            return Verdict.inconclusive(MANN_WHITNEY, "all " + (c.length + s.length) + " values are equal ("
                    + Wording.number(c[0]) + "), nothing to rank" + ignored);
        }
        double eValue = rankEValue(mw, alternative, c.length, s.length);
        double effect = relativeShift(c, s);
        boolean significant = significant(spec, mw.pValue(), eValue);
        boolean large = largeEnough(spec, effect);

        BrownForsythe.Result spread = BrownForsythe.test(c, s);
        double spreadE = EValues.normalMixtureOneSided(spread.z(),
                SPREAD_MIXTURE_SCALE * SPREAD_MIXTURE_SCALE * c.length * s.length / (c.length + s.length));
        boolean varianceRise = spread.canaryWider() && significant(spec, spread.pValueWider(), spreadE);

        boolean worse = significant && large;
        boolean fail = worse || (varianceRise && spec.failOnVarianceRise());
        String evidence = " (Mann-Whitney U=" + Wording.statistic(mw.u()) + ", p=" + Wording.number(mw.pValue())
                + ", e=" + Wording.number(eValue) + ")";
        String spreadNote = "spread rose (Brown-Forsythe p=" + Wording.number(spread.pValueWider()) + ", e="
                + Wording.number(spreadE) + ")";
        String centre = centre(spec, significant, worse);
        String ending;
        if (!varianceRise) {
            ending = worse ? centre : centre + ", pass";
        } else if (worse) {
            ending = centre + "; " + spreadNote;
        } else if (spec.failOnVarianceRise()) {
            ending = centre + "; " + spreadNote + ": worse";
        } else {
            ending = centre + ", pass; " + spreadNote + ", reported only";
        }
        String summary = Wording.effect(effect, "median") + evidence + ": " + ending + ignored;
        return new Verdict(fail ? Outcome.FAIL : Outcome.PASS, MANN_WHITNEY, mw.u(), mw.pValue(), eValue, effect,
                varianceRise, summary);
    }

    /** Count metric (errors out of requests) for each side over the same window. */
    public static Verdict counts(JudgeSpec spec, long canaryEvents, long canaryTrials, long stableEvents,
            long stableTrials) {
        String invalid = invalidCounts(canaryEvents, canaryTrials, "canary");
        invalid = invalid != null ? invalid : invalidCounts(stableEvents, stableTrials, "stable");
        if (invalid != null) {
            return Verdict.inconclusive(RATE_RATIO, invalid);
        }
        String rates = "canary " + Wording.rate(canaryEvents, canaryTrials) + " vs stable "
                + Wording.rate(stableEvents, stableTrials);
        long events = canaryEvents + stableEvents;
        if (events == 0) {
            return new Verdict(Outcome.PASS, RATE_RATIO, 0, 1, 1, 0, false,
                    rates + " (no events on either side): no change, pass");
        }
        double allTrials = (double) canaryTrials + stableTrials;
        double p0 = canaryTrials / allTrials;
        double q0 = stableTrials / allTrials;
        Alternative alternative = Alternative.of(spec.direction());
        double pValue = BinomialTest.pValue(canaryEvents, events, p0, q0, alternative);
        double eValue = switch (alternative) {
            case GREATER -> EValues.betaMixture(canaryEvents, stableEvents, p0, true, COUNT_PRIOR_CONCENTRATION);
            case LESS -> EValues.betaMixture(canaryEvents, stableEvents, p0, false, COUNT_PRIOR_CONCENTRATION);
            case TWO_SIDED -> (EValues.betaMixture(canaryEvents, stableEvents, p0, true, COUNT_PRIOR_CONCENTRATION)
                    + EValues.betaMixture(canaryEvents, stableEvents, p0, false, COUNT_PRIOR_CONCENTRATION)) / 2;
        };
        double canaryRate = (double) canaryEvents / canaryTrials;
        double stableRate = (double) stableEvents / stableTrials;
        double effect = stableRate == 0 ? (canaryRate > 0 ? Double.POSITIVE_INFINITY : 0) : canaryRate / stableRate - 1;
        boolean significant = significant(spec, pValue, eValue);
        boolean worse = significant && largeEnough(spec, effect);
        String ratio = stableRate == 0 ? "stable has none" : "ratio " + Wording.number(canaryRate / stableRate);
        String summary = rates + " (" + ratio + "; " + canaryEvents + " of " + events + " events on the canary, "
                + "expected " + Wording.percent(p0) + ", p=" + Wording.number(pValue) + ", e=" + Wording.number(eValue)
                + "): " + centre(spec, significant, worse) + (worse ? "" : ", pass");
        return new Verdict(worse ? Outcome.FAIL : Outcome.PASS, RATE_RATIO, canaryEvents, pValue, eValue, effect, false,
                summary);
    }

    /** The one-sided (or, for EITHER, two-sided) normal mixture on the continuity-corrected standardized U. */
    static double rankEValue(MannWhitney.Result mw, Alternative alternative, int n1, int n2) {
        double information = Math.pow((double) n1 * n2 / mw.sigma(), 2);
        double r = RANK_MIXTURE_SCALE * RANK_MIXTURE_SCALE * information;
        return switch (alternative) {
            case GREATER -> EValues.normalMixtureOneSided((mw.shift() - 0.5) / mw.sigma(), r);
            case LESS -> EValues.normalMixtureOneSided((-mw.shift() - 0.5) / mw.sigma(), r);
            case TWO_SIDED -> EValues.normalMixtureTwoSided(Math.max(Math.abs(mw.shift()) - 0.5, 0) / mw.sigma(), r);
        };
    }

    /** Hodges-Lehmann shift over the stable median; infinite when that median is 0 and the shift is not. */
    static double relativeShift(double[] canary, double[] stable) {
        double shift = HodgesLehmann.shift(canary, stable);
        double base = Math.abs(HodgesLehmann.median(stable));
        if (base == 0) {
            return shift == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, shift);
        }
        return shift / base;
    }

    private static boolean significant(JudgeSpec spec, double pValue, double eValue) {
        return spec.mode() == Mode.SEQUENTIAL ? eValue >= spec.eValueThreshold() : pValue <= spec.alpha();
    }

    private static boolean largeEnough(JudgeSpec spec, double effect) {
        return switch (spec.direction()) {
            case INCREASE -> effect >= spec.minEffect();
            case DECREASE -> -effect >= spec.minEffect();
            case EITHER -> Math.abs(effect) >= spec.minEffect();
        };
    }

    /** What the test of the centre (or of the rate) says, before any word on the spread. */
    private static String centre(JudgeSpec spec, boolean significant, boolean worse) {
        if (worse) {
            return "worse";
        }
        if (significant) {
            return "below the " + Wording.percent(spec.minEffect()) + " minimum effect";
        }
        return "no significant change";
    }

    private static String invalidCounts(long events, long trials, String side) {
        if (trials <= 0) {
            return "no " + side + " requests (" + trials + ")";
        }
        if (events < 0 || events > trials) {
            return side + " events " + events + " out of range for " + trials + " requests";
        }
        return null;
    }

    private static double[] finite(double[] values) {
        return values == null ? new double[0] : Arrays.stream(values).filter(Double::isFinite).toArray();
    }
}
