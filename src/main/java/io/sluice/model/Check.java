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

    /** Where a measurement comes from. */
    public sealed interface Source {
    }

    /**
     * CloudWatch GetMetricData: named metric queries and an optional metric-math expression over
     * them. Dimension values may hold {@code {{version}}} or {@code {{targetGroup}}}, filled in for
     * the side being measured (canary, or stable with compareToStable).
     */
    public record CloudWatch(Duration period, Duration lookback, Map<String, MetricQuery> queries,
                             Optional<String> expression) implements Source {
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
        public Alarms {
            names = List.copyOf(names);
        }
    }

    /** Health of the new side: ALB target health, ECS steady state. */
    public record TargetHealth(int minHealthyPercent) implements Source {
    }

    /** An HTTP probe; its value is the latency in seconds, a wrong status fails. */
    public record Http(String url, int expectStatus, Duration timeout) implements Source {
    }

    /** An instant PromQL query against a Prometheus server. */
    public record Prometheus(String address, String query) implements Source {
    }
}
