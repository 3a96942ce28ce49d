package io.sluice.analysis.judge;

/**
 * The Brown-Forsythe test for a change in spread: a one-way analysis of variance on the absolute deviations of each
 * sample from its own median (scipy's {@code levene(center='median')}). With two samples the statistic W is the
 * square of a pooled two-sample t on those deviations, so a one-sided p-value towards a wider canary is half the
 * two-sided one when the canary's deviations are larger on average, and one minus that half otherwise. Robust to
 * skewed data such as latency, where a test on variances would not be.
 */
final class BrownForsythe {
    /**
     * @param statistic W, as scipy reports it
     * @param pValue the two-sided p-value of W on F(1, n - 2)
     * @param canaryWider whether the canary's mean absolute deviation is the larger
     * @param pValueWider the one-sided p-value for a wider canary
     */
    record Result(double statistic, double pValue, boolean canaryWider, double pValueWider) {
        /** The one-sided p-value as a standard normal z (large when the canary is clearly wider). */
        double z() {
            return -Distributions.normalQuantile(pValueWider);
        }
    }

    private BrownForsythe() {
    }

    /** The test, or a result of NaNs when a side has fewer than two values or neither side has any spread. */
    static Result test(double[] canary, double[] stable) {
        int n1 = canary.length;
        int n2 = stable.length;
        if (n1 < 2 || n2 < 2) {
            return new Result(Double.NaN, Double.NaN, false, Double.NaN);
        }
        double[] dc = deviations(canary);
        double[] ds = deviations(stable);
        double meanC = mean(dc);
        double meanS = mean(ds);
        double grand = (meanC * n1 + meanS * n2) / (n1 + n2);
        double between = n1 * (meanC - grand) * (meanC - grand) + n2 * (meanS - grand) * (meanS - grand);
        double within = sumOfSquares(dc, meanC) + sumOfSquares(ds, meanS);
        if (!(within > 0)) {
            return new Result(Double.NaN, Double.NaN, false, Double.NaN);
        }
        double w = (n1 + n2 - 2) * between / within;
        double p = Distributions.fSf(w, 1, n1 + n2 - 2);
        boolean wider = meanC > meanS;
        return new Result(w, p, wider, wider ? p / 2 : 1 - p / 2);
    }

    private static double[] deviations(double[] values) {
        double median = HodgesLehmann.median(values);
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Math.abs(values[i] - median);
        }
        return d;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double sumOfSquares(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum;
    }
}
