package io.sluice.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guard rail: a measurement, when it counts as failing, and how many failing measurements in a
 * row abort the rollout.
 *
 * @param failIf absolute bounds on the measured value
 * @param maxRatioToStable fail when canary value / stable value is above this ratio
 * @param failuresToAbort consecutive failing measurements before the rollout is rolled back
 * @param noData what a measurement without data counts as
 * @param noDataLimit consecutive no-data measurements after which no-data counts as a failure (0: never)
 */
public record Check(String name, Source source, Optional<Threshold> failIf, Optional<Double> maxRatioToStable,
                    int failuresToAbort, NoData noData, int noDataLimit) {

    public enum NoData { INCONCLUSIVE, PASS, FAIL }

    /** Fail when the value is above {@code above} or below {@code below}. */
    public record Threshold(Optional<Double> above, Optional<Double> below) {
        public boolean fails(double value) {
            return above.map(a -> value > a).orElse(false) || below.map(b -> value < b).orElse(false);
        }
    }

    /**
     * The check providers, by the key a rollout file names them with. Code that differs by provider
     * switches over this enum without a default, so the compiler names every place a new provider
     * must be handled.
     */
    public enum Kind implements Keyed {
        CLOUDWATCH("cloudwatch"), ALARMS("alarms"), TARGET_HEALTH("targetHealth"), HTTP("http"), PROMETHEUS("prometheus");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The key in a check of a rollout file. */
        @Override
        public String key() {
            return key;
        }

        public static Optional<Kind> ofKey(String key) {
            return Keyed.ofKey(values(), key);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** Where a measurement comes from. */
    public sealed interface Source {
        Kind kind();
    }

    /**
     * CloudWatch GetMetricData: named metric queries and an optional metric-math expression over
     * them. Dimension values may hold {@code {{version}}} or {@code {{targetGroup}}}, filled in for
     * the side being measured (canary, or stable with compareToStable).
     */
    public record CloudWatch(Duration period, Duration lookback, Map<String, MetricQuery> queries,
                             Optional<String> expression) implements Source {
        @Override
        public Kind kind() {
            return Kind.CLOUDWATCH;
        }

        public CloudWatch {
            queries = Map.copyOf(queries);
        }
    }

    public record MetricQuery(String namespace, String metric, String stat, Map<String, String> dimensions) {
        public MetricQuery {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /** Fails while any listed CloudWatch alarm is in ALARM. */
    public record Alarms(List<String> names) implements Source {
        @Override
        public Kind kind() {
            return Kind.ALARMS;
        }

        public Alarms {
            names = List.copyOf(names);
        }
    }

    /** Health of the new side: ALB target health, ECS steady state. */
    public record TargetHealth(int minHealthyPercent) implements Source {
        @Override
        public Kind kind() {
            return Kind.TARGET_HEALTH;
        }
    }

    /** An HTTP probe; its value is the latency in seconds, a wrong status fails. */
    public record Http(String url, int expectStatus, Duration timeout) implements Source {
        @Override
        public Kind kind() {
            return Kind.HTTP;
        }
    }

    /** An instant PromQL query against a Prometheus server. */
    public record Prometheus(String address, String query) implements Source {
        @Override
        public Kind kind() {
            return Kind.PROMETHEUS;
        }
    }
}
