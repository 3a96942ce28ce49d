package io.sluice.analysis;

import io.sluice.model.status.RolloutStatus.JudgeResult;
import java.util.Optional;

/** What a provider brought back for one check in one pass. */
public sealed interface Measurement {

    /**
     * A value of the new version and, for compareToStable, the same query's value for stable.
     *
     * @param samples datapoints of the measured series in the window
     * @param count events behind the value, when the check counts them
     */
    record Value(double value, Optional<Double> stableValue, Optional<Integer> samples, Optional<Long> count)
            implements Measurement {
        public Value(double value, Optional<Double> stableValue) {
            this(value, stableValue, Optional.empty(), Optional.empty());
        }

        public static Value of(double value) {
            return new Value(value, Optional.empty());
        }
    }

    /** A measurement the provider judged failing by itself (an HTTP status, a failed deployment). */
    record Failing(Optional<Double> value, String reason) implements Measurement {
    }

    /** The provider answered, but there were no datapoints (no traffic, metrics not arrived yet). */
    record NoData(String reason) implements Measurement {
    }

    /**
     * There was data, but too little to judge by (the minimum-sample guard): counted as no data, with
     * the value and the amount of data shown.
     */
    record TooFewSamples(Optional<Double> value, String reason, Optional<Integer> samples, Optional<Long> count)
            implements Measurement {
    }

    /** A judge compared canary and stable samples: its outcome, statistics and summary. */
    record Judged(double value, Outcome outcome, JudgeResult statistics, String summary, Optional<Integer> samples,
                  Optional<Long> count) implements Measurement {
        public enum Outcome { PASS, FAIL, INCONCLUSIVE }
    }

    /** The provider could not be asked (throttled, unreachable, refused). Never counts as a failure. */
    record ProviderError(String reason) implements Measurement {
    }
}
