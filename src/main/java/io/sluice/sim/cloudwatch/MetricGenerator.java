package io.sluice.sim.cloudwatch;

import io.sluice.sim.ScenarioFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Produces one metric's samples for any time bucket from the scenario: a level from the schedule
 * (optionally a multiple of another generator's level), seeded noise, and either event counts
 * ({@code kind: count}: each event a sample of 1, as ALB and Lambda count metrics are) or a number of
 * gauge samples per bucket drawn from a log-normal distribution, so that Average, Sum and percentiles
 * differ as they do for real latency data. The same bucket always yields the same samples.
 */
final class MetricGenerator {
    enum Kind { COUNT, GAUGE }

    private final String id;
    final MetricKey key;
    final String unit;
    private final Kind kind;
    private final ValueSchedule schedule;
    private final String relativeToId;
    private MetricGenerator relativeTo;
    private final double noise;
    private final long seed;
    private final double samplesPerMinute;
    private final double spread;
    private final Statistic valueStatistic;
    final int resolutionSeconds;
    final Duration delay;
    private final List<Instant[]> noData;
    private final boolean omitZero;
    private final Instant dataFrom;

    private MetricGenerator(ScenarioFields g, Instant start, Instant dataFrom) {
        this.id = g.string("id", null);
        this.key = MetricKey.read(g);
        this.unit = g.string("unit", null);
        this.kind = g.oneOf("kind", "gauge", List.of("gauge", "count")).equals("count") ? Kind.COUNT : Kind.GAUGE;
        this.schedule = ValueSchedule.parse(g, start);
        this.relativeToId = g.string("relativeTo", null);
        this.noise = g.number("noise", 0);
        this.seed = (long) g.number("seed", key.toString().hashCode());
        this.samplesPerMinute = g.number("samplesPerMinute", 1);
        this.spread = g.number("spread", 0);
        String valueStat = g.string("valueStat", "Average");
        this.valueStatistic = Statistic.parse(valueStat)
                .filter(s -> s.isPercentile() || s.name().equals("Average"))
                .orElseThrow(() -> g.problem("valueStat", "must be Average or pNN, not " + valueStat));
        this.resolutionSeconds = g.integer("resolution", 60);
        if (resolutionSeconds != 60 && resolutionSeconds != 1) {
            throw g.problem("resolution", "must be 60 (standard) or 1 (high resolution)");
        }
        this.delay = g.duration("delay", Duration.ofSeconds(resolutionSeconds == 60 ? 60 : 0));
        if (noise < 0 || spread < 0 || samplesPerMinute <= 0 || samplesPerMinute > 10_000) {
            throw g.problem("noise and spread must be >= 0, samplesPerMinute in (0, 10000]");
        }
        this.noData = new ArrayList<>();
        for (ScenarioFields window : g.mappings("noData")) {
            noData.add(new Instant[] {window.time("from", start).orElse(start),
                    window.time("until", start).orElse(Instant.MAX)});
        }
        this.omitZero = g.bool("omitZero", false);
        this.dataFrom = dataFrom;
    }

    static MetricGenerator parse(ScenarioFields g, Instant start, Instant dataFrom) {
        return new MetricGenerator(g, start, dataFrom);
    }

    Optional<String> id() {
        return Optional.ofNullable(id);
    }

    Optional<String> relativeToId() {
        return Optional.ofNullable(relativeToId);
    }

    Optional<MetricGenerator> base() {
        return Optional.ofNullable(relativeTo);
    }

    void resolveRelativeTo(MetricGenerator other) {
        this.relativeTo = other;
    }

    /** The bucket's level after the relative base and noise; NaN when the metric has no data then. */
    double level(Instant bucketStart) {
        for (Instant[] window : noData) {
            if (!bucketStart.isBefore(window[0]) && bucketStart.isBefore(window[1])) {
                return Double.NaN;
            }
        }
        double level = schedule.at(bucketStart);
        if (relativeTo != null) {
            level *= relativeTo.level(bucketStart);
        }
        if (noise > 0 && !Double.isNaN(level)) {
            level = Math.max(0, level * (1 + noise * random(bucketStart, 1).nextGaussian()));
        }
        return level;
    }

    /** Samples of the bucket starting at {@code bucketStart}, or null when there are none. */
    SampleSet samples(Instant bucketStart) {
        if (bucketStart.isBefore(dataFrom)) {
            return null;
        }
        double level = level(bucketStart);
        if (Double.isNaN(level)) {
            return null;
        }
        SampleSet set = new SampleSet();
        if (kind == Kind.COUNT) {
            double floor = Math.floor(level);
            double events = floor + (random(bucketStart, 2).nextDouble() < level - floor ? 1 : 0);
            if (events == 0) {
                if (omitZero) {
                    return null;
                }
                set.add(0, 1);
            } else {
                set.add(1, events);
            }
            return set;
        }
        long n = Math.max(1, Math.round(samplesPerMinute * resolutionSeconds / 60.0));
        if (spread == 0 || level <= 0) {
            set.add(level, n);
            return set;
        }
        double mu = valueStatistic.isPercentile()
                ? Math.log(level) - spread * NormalQuantile.of(valueStatistic.percentile() / 100.0)
                : Math.log(level) - spread * spread / 2;
        SplittableRandom random = random(bucketStart, 3);
        for (long i = 0; i < n; i++) {
            set.add(Math.exp(mu + spread * random.nextGaussian()), 1);
        }
        return set;
    }

    /** Whether the bucket has arrived: standard metrics arrive a minute or more late. */
    boolean visible(Instant bucketStart, Instant now) {
        return !bucketStart.plusSeconds(resolutionSeconds).plus(delay).isAfter(now);
    }

    private SplittableRandom random(Instant bucketStart, int stream) {
        long z = seed * 0x9E3779B97F4A7C15L + bucketStart.getEpochSecond() * 0xBF58476D1CE4E5B9L + stream;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }
}
