package io.sluice.model;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * @param guard how much data a measurement needs before it counts as a pass or a failure
 * @param dryRun measured and reported only: never holds, never rolls back, never counts as a provider error
 * @param judge compare canary and stable samples of the metric statistically instead of a threshold
 */
public record Check(String name, Source source, Optional<Threshold> failIf, Optional<Double> maxRatioToStable,
                    int failuresToAbort, NoData noData, int noDataLimit, SampleGuard guard, boolean dryRun,
                    Optional<Judge> judge) {

    public Check(String name, Source source, Optional<Threshold> failIf, Optional<Double> maxRatioToStable,
                 int failuresToAbort, NoData noData, int noDataLimit) {
        this(name, source, failIf, maxRatioToStable, failuresToAbort, noData, noDataLimit, SampleGuard.NONE, false,
                Optional.empty());
    }

    public enum NoData { INCONCLUSIVE, PASS, FAIL }

    /**
     * The hosts the rollouts' checks of one kind reach, in order of first mention: those of the HTTP
     * probes ({@link Kind#HTTP}) or of the Prometheus servers ({@link Kind#PROMETHEUS}); none for other kinds.
     */
    public static List<String> hostsOf(Collection<Rollout> rollouts, Kind kind) {
        Set<String> hosts = new LinkedHashSet<>();
        for (Rollout r : rollouts) {
            for (Check c : r.analysis().map(Analysis::checks).orElse(List.of())) {
                if (kind == Kind.HTTP && c.source() instanceof Http h) {
                    hosts.add(URI.create(h.url()).getHost());
                } else if (kind == Kind.PROMETHEUS && c.source() instanceof Prometheus p) {
                    hosts.add(URI.create(p.address()).getHost());
                }
            }
        }
        return List.copyOf(hosts);
    }

    /**
     * The minimum-sample guard: a measurement with fewer datapoints, or fewer counted events (requests,
     * invocations), than this is inconclusive, and the check's {@code noData} policy applies to it.
     *
     * @param minSamples datapoints of the measured series the look-back (or judge window) must hold
     * @param minCount events behind the measured value, on each side measured
     */
    public record SampleGuard(int minSamples, Optional<MinCount> minCount) {
        public static final SampleGuard NONE = new SampleGuard(1, Optional.empty());

        public boolean isOff() {
            return minSamples <= 1 && minCount.isEmpty();
        }
    }

    /**
     * Events that must stand behind a measured value.
     *
     * @param query a query id of a cloudwatch check, or a PromQL query of a prometheus check, whose value is
     *     the count; for cloudwatch with {@code sampleCount}, the SampleCount statistic of that query's metric
     * @param sampleCount count the samples of the query's metric rather than its values
     * @param atLeast the fewest events; the reader never makes a guard with 0
     */
    public record MinCount(String query, boolean sampleCount, long atLeast) {
    }

    /**
     * A statistical comparison of canary and stable samples of one metric over the same window.
     *
     * @param minEffect smallest relative change that matters (0.1 = 10%)
     * @param confidence 1 - the error rate accepted (0.99)
     * @param counts events and trials queries, for a proportion (errors of requests) instead of samples
     * @param step Prometheus range query resolution (empty: the analysis interval)
     */
    public record Judge(Direction direction, double minEffect, double confidence, Mode mode, boolean failOnVarianceRise,
                        Optional<Counts> counts, Optional<Duration> step) {
        public enum Direction { INCREASE, DECREASE, EITHER }

        public enum Mode { SEQUENTIAL, FIXED }
    }

    /** For a judge of proportions: the query whose value counts events (errors) and the one that counts trials (requests). */
    public record Counts(String events, String trials) {
    }

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
