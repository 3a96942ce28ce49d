package io.sluice.analysis.judge;

/**
 * The exact binomial test of k successes out of n at probability p, as scipy's {@code binomtest} computes it; the
 * two-sided p-value adds every outcome no more likely than the one observed (with scipy's relative slack of 1e-7).
 * Tails are summed from their inner end outwards and stop once the terms no longer change the sum.
 */
final class BinomialTest {
    private static final double RELATIVE_SLACK = 1 + 1e-7;

    private BinomialTest() {
    }

    /** The p-value; q = 1 - p is passed in so that a small q keeps its precision. */
    static double pValue(long k, long n, double p, double q, Alternative alternative) {
        double value = switch (alternative) {
            case GREATER -> upperTail(k, n, p, q);
            case LESS -> lowerTail(k, n, p, q);
            case TWO_SIDED -> twoSided(k, n, p, q);
        };
        return Math.min(1, value);
    }

    private static double twoSided(long k, long n, double p, double q) {
        double expected = p * n;
        if (k == expected) {
            return 1;
        }
        double threshold = Distributions.binomialPmf(k, n, p, q) * RELATIVE_SLACK;
        if (k < expected) {
            // first i at or above the mean where the probability falls to the threshold; the pmf decreases there
            long lo = (long) Math.ceil(expected);
            long hi = n + 1;
            while (lo < hi) {
                long mid = lo + (hi - lo) / 2;
                if (Distributions.binomialPmf(mid, n, p, q) <= threshold) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lowerTail(k, n, p, q) + (lo > n ? 0 : upperTail(lo, n, p, q));
        }
        // last i at or below the mean where the probability is at most the threshold; the pmf increases up to there
        long lo = -1;
        long hi = (long) Math.floor(expected);
        while (lo < hi) {
            long mid = hi - (hi - lo) / 2;
            if (Distributions.binomialPmf(mid, n, p, q) <= threshold) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return (lo < 0 ? 0 : lowerTail(lo, n, p, q)) + upperTail(k, n, p, q);
    }

    /** P(X >= k); from the other side when k is below the mode, where the answer is near 1 and its tail short. */
    static double upperTail(long k, long n, double p, double q) {
        if (k <= 0) {
            return 1;
        }
        double mode = (n + 1) * p;
        if (k < mode - 1) {
            return 1 - lowerTail(k - 1, n, p, q);
        }
        double sum = 0;
        for (long i = k; i <= n; i++) {
            double term = Distributions.binomialPmf(i, n, p, q);
            sum += term;
            if (i > mode && term <= sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    /** P(X <= k); from the other side when k is above the mode. */
    static double lowerTail(long k, long n, double p, double q) {
        if (k >= n) {
            return 1;
        }
        double mode = (n + 1) * p;
        if (k > mode + 1) {
            return 1 - upperTail(k + 1, n, p, q);
        }
        double sum = 0;
        for (long i = k; i >= 0; i--) {
            double term = Distributions.binomialPmf(i, n, p, q);
            sum += term;
            if (i < mode - 1 && term <= sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
