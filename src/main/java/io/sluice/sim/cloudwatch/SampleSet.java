package io.sluice.sim.cloudwatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples CloudWatch holds for one metric in one time bucket: count, sum, minimum and maximum,
 * plus the raw values (with repeat counts) when they are known, which percentiles need. Data sent as a
 * statistic set has no raw values, as in CloudWatch, so percentiles over it are unavailable.
 */
final class SampleSet {
    private double count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final List<double[]> weighted = new ArrayList<>();
    private boolean rawComplete = true;

    void add(double value, double repeats) {
        if (repeats <= 0) {
            return;
        }
        count += repeats;
        sum += value * repeats;
        min = Math.min(min, value);
        max = Math.max(max, value);
        weighted.add(new double[] {value, repeats});
    }

    void addStatisticSet(double sampleCount, double setSum, double setMin, double setMax) {
        count += sampleCount;
        sum += setSum;
        min = Math.min(min, setMin);
        max = Math.max(max, setMax);
        if (sampleCount == 1 || setMin == setMax) {
            weighted.add(new double[] {setMin, sampleCount});
        } else {
            rawComplete = false;
        }
    }

    void addAll(SampleSet other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        weighted.addAll(other.weighted);
        rawComplete &= other.rawComplete;
    }

    boolean isEmpty() {
        return count <= 0;
    }

    double count() {
        return count;
    }

    double sum() {
        return sum;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** Nearest-rank percentile of the raw samples; NaN when raw values are not known. */
    double percentile(double p) {
        if (!rawComplete || weighted.isEmpty()) {
            return Double.NaN;
        }
        List<double[]> sorted = new ArrayList<>(weighted);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = 0;
        for (double[] w : sorted) {
            total += w[1];
        }
        double rank = Math.max(p / 100.0 * total, Math.ulp(total));
        double seen = 0;
        for (double[] w : sorted) {
            seen += w[1];
            if (seen >= rank - 1e-9) {
                return w[0];
            }
        }
        return sorted.get(sorted.size() - 1)[0];
    }
}
