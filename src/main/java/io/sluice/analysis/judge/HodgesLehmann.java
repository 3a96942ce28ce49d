package io.sluice.analysis.judge;

import java.util.Arrays;

/**
 * The Hodges-Lehmann shift between two samples: the median of all n1 n2 differences x_i - y_j, the estimate of
 * location shift that goes with the Mann-Whitney test. Found without building the n1 n2 differences: bisect on the
 * value while counting the differences below it (two pointers over the sorted samples, linear time), then sort only
 * the few differences left in the final bracket.
 */
final class HodgesLehmann {
    private HodgesLehmann() {
    }

    /** The median of x_i - y_j over all pairs; NaN when a sample is empty. */
    static double shift(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        double[] xs = x.clone();
        double[] ys = y.clone();
        Arrays.sort(xs);
        Arrays.sort(ys);
        long pairs = (long) xs.length * ys.length;
        if (pairs % 2 == 1) {
            return smallestDifference(xs, ys, (pairs + 1) / 2);
        }
        return (smallestDifference(xs, ys, pairs / 2) + smallestDifference(xs, ys, pairs / 2 + 1)) / 2;
    }

    /** The median of a sample; NaN when empty. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The k-th smallest (1-based) of the differences xs[i] - ys[j], for sorted samples. */
    static double smallestDifference(double[] xs, double[] ys, long k) {
        double lo = Math.nextDown(xs[0] - ys[ys.length - 1]);
        double hi = xs[xs.length - 1] - ys[0];
        long countLo = 0;
        long countHi = countAtMost(xs, ys, hi);
        for (int i = 0; i < 3000 && countHi - countLo > xs.length + ys.length; i++) {
            double mid = lo / 2 + hi / 2;
            if (mid <= lo || mid >= hi) {
                return hi; // adjacent doubles: every difference left in (lo, hi] equals hi
            }
            long count = countAtMost(xs, ys, mid);
            if (count >= k) {
                hi = mid;
                countHi = count;
            } else {
                lo = mid;
                countLo = count;
            }
        }
        double[] bracket = new double[(int) (countHi - countLo)];
        int filled = 0;
        int jLo = 0;
        int jHi = 0;
        for (double xi : xs) {
            while (jLo < ys.length && xi - ys[jLo] > lo) {
                jLo++;
            }
            while (jHi < ys.length && xi - ys[jHi] > hi) {
                jHi++;
            }
            for (int j = jHi; j < jLo; j++) {
                bracket[filled++] = xi - ys[j];
            }
        }
        Arrays.sort(bracket, 0, filled);
        return bracket[(int) (k - countLo - 1)];
    }

    /** How many differences xs[i] - ys[j] are at most d (x - y is monotone in each, so the pointer only advances). */
    private static long countAtMost(double[] xs, double[] ys, double d) {
        long count = 0;
        int j = 0;
        for (double xi : xs) {
            while (j < ys.length && xi - ys[j] > d) {
                j++;
            }
            count += ys.length - j;
        }
        return count;
    }
}
