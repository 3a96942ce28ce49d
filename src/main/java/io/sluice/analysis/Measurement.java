package io.sluice.analysis;

import java.util.Optional;

/** What a provider brought back for one check in one pass. */
public sealed interface Measurement {

    /** A value of the new version and, for compareToStable, the same query's value for stable. */
    record Value(double value, Optional<Double> stableValue) implements Measurement {
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

    /** The provider could not be asked (throttled, unreachable, refused). Never counts as a failure. */
    record ProviderError(String reason) implements Measurement {
    }
}
