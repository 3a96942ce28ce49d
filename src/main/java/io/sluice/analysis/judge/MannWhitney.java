package io.sluice.analysis.judge;

import java.util.Arrays;

/**
 * The Mann-Whitney U test of a canary sample x against a stable sample y, computed as scipy's
 * {@code mannwhitneyu} does: ranks with ties averaged, U of x = R1 - n1 (n1 + 1) / 2, and a p-value that is exact
 * when there are no ties and the smaller sample has at most {@value #EXACT_MAX_SMALLER} values (and the larger at
 * most {@value #EXACT_MAX_LARGER}, where scipy has no bound; above it the normal approximation is very good), else
 * the normal approximation with the tie-corrected variance and a continuity correction of 1/2.
 */
final class MannWhitney {
    static final int EXACT_MAX_SMALLER = 8;
    static final int EXACT_MAX_LARGER = 1000;

    /**
     * @param u U of the canary: pairs where the canary is higher, ties counting half
     * @param shift U minus its null mean n1 n2 / 2
     * @param sigma the tie-corrected null standard deviation of U (0 when every value is equal)
     * @param pValue the p-value for the alternative asked for, NaN when sigma is 0
     * @param exact whether the p-value comes from the exact null distribution
     */
    record Result(double u, double shift, double sigma, double pValue, boolean exact) {
    }

    private MannWhitney() {
    }

    /** The test with scipy's choice of method ({@code method='auto'}). */
    static Result test(double[] x, double[] y, Alternative alternative) {
        return test(x, y, alternative, true);
    }

    /** The test, exact only when {@code allowExact} and the samples allow it, asymptotic otherwise. */
    static Result test(double[] x, double[] y, Alternative alternative, boolean allowExact) {
        int n1 = x.length;
        int n2 = y.length;
        int n = n1 + n2;
        double[] pooled = new double[n];
        System.arraycopy(x, 0, pooled, 0, n1);
        System.arraycopy(y, 0, pooled, n1, n2);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(pooled[a], pooled[b]));
        double rankSumX = 0;
        double tieTerm = 0;
        for (int start = 0; start < n;) {
            int end = start;
            while (end + 1 < n && pooled[order[end + 1]] == pooled[order[start]]) {
                end++;
            }
            double t = end - start + 1;
            double averageRank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                if (order[i] < n1) {
                    rankSumX += averageRank;
                }
            }
            tieTerm += t * t * t - t;
            start = end + 1;
        }
        double u1 = rankSumX - n1 * (n1 + 1) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double mean = (double) n1 * n2 / 2;
        double sigma = Math.sqrt((double) n1 * n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1))));
        double u = switch (alternative) {
            case GREATER -> u1;
            case LESS -> u2;
            case TWO_SIDED -> Math.max(u1, u2);
        };
        double factor = alternative == Alternative.TWO_SIDED ? 2 : 1;
        boolean exact = allowExact && tieTerm == 0 && Math.min(n1, n2) <= EXACT_MAX_SMALLER
                && Math.max(n1, n2) <= EXACT_MAX_LARGER && n1 > 0 && n2 > 0;
        double p;
        if (exact) {
            p = exactSf((long) u, Math.min(n1, n2), Math.max(n1, n2));
        } else {
            p = sigma > 0 ? Distributions.normalSf((u - mean - 0.5) / sigma) : Double.NaN;
        }
        p = Math.min(1, Math.max(0, p * factor));
        return new Result(u1, u1 - mean, sigma, p, exact);
    }

    /** P(U >= k) under the null for samples of m <= n values without ties. */
    static double exactSf(long k, int m, int n) {
        long mn = (long) m * n;
        long complement = mn - k;
        if (k < complement) {
            double[] pmf = nullPmf(m, n, (int) k);
            double cdf = 0;
            for (int i = 0; i <= k; i++) {
                cdf += pmf[i];
            }
            return 1 - cdf + pmf[(int) k];
        }
        // symmetry: P(U >= k) = P(U <= mn - k)
        double[] pmf = nullPmf(m, n, (int) complement);
        double cdf = 0;
        for (int i = 0; i <= complement; i++) {
            cdf += pmf[i];
        }
        return cdf;
    }

    /**
     * P(U = u) for u = 0..maxU, from the count of orderings c(m, n, u) = c(m, n - 1, u) + c(m - 1, n, u - n)
     * (the largest value is either a y, adding no pair, or an x above all n y's). Only sums of positive numbers, so
     * the counts keep their relative precision even past 2^53.
     */
    private static double[] nullPmf(int m, int n, int maxU) {
        double[][] counts = new double[m + 1][maxU + 1];
        for (int i = 0; i <= m; i++) {
            counts[i][0] = 1;
        }
        for (int nn = 1; nn <= n; nn++) {
            for (int mm = 1; mm <= m; mm++) {
                double[] row = counts[mm];
                double[] below = counts[mm - 1];
                for (int u = nn; u <= maxU; u++) {
                    row[u] += below[u - nn];
                }
            }
        }
        double total = 1;
        for (int i = 1; i <= m; i++) {
            total = total * (n + i) / i;
        }
        double[] pmf = counts[m];
        for (int u = 0; u <= maxU; u++) {
            pmf[u] /= total;
        }
        return pmf;
    }
}
