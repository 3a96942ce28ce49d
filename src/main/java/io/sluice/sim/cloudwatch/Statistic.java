package io.sluice.sim.cloudwatch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statistic a query or an alarm asks for: one of the five basic ones or a percentile {@code pNN.NN}. */
record Statistic(String name, double percentile) {
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,10})?|100)");

    static Optional<Statistic> parse(String text) {
        switch (text) {
            case "SampleCount":
            case "Sum":
            case "Average":
            case "Minimum":
            case "Maximum":
                return Optional.of(new Statistic(text, Double.NaN));
            default:
                Matcher m = PERCENTILE.matcher(text);
                return m.matches() ? Optional.of(new Statistic(text, Double.parseDouble(m.group(1))))
                        : Optional.empty();
        }
    }

    boolean isPercentile() {
        return !Double.isNaN(percentile);
    }

    /** The statistic of a non-empty sample set; NaN when it cannot be computed. */
    double of(SampleSet samples) {
        switch (name) {
            case "SampleCount":
                return samples.count();
            case "Sum":
                return samples.sum();
            case "Average":
                return samples.sum() / samples.count();
            case "Minimum":
                return samples.min();
            case "Maximum":
                return samples.max();
            default:
                return samples.percentile(percentile);
        }
    }
}
