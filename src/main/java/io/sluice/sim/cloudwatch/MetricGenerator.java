package io.sluice.sim.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private MetricGenerator(Map<String, Object> g, Instant start, Instant dataFrom, String where) {
        this.id = ScenarioFields.string(g, "id", null, where);
        this.key = MetricKey.of(ScenarioFields.string(g, "namespace", where), ScenarioFields.string(g, "metric", where),
                ScenarioFields.dimensions(g.get("dimensions"), where + ".dimensions"));
        this.unit = ScenarioFields.string(g, "unit", null, where);
        String kindText = ScenarioFields.string(g, "kind", "gauge", where);
        if (!kindText.equals("gauge") && !kindText.equals("count")) {
            throw new IllegalArgumentException(where + ".kind must be gauge or count, not " + kindText);
        }
        this.kind = kindText.equals("count") ? Kind.COUNT : Kind.GAUGE;
        this.schedule = ValueSchedule.parse(g, start, where);
        this.relativeToId = ScenarioFields.string(g, "relativeTo", null, where);
        this.noise = ScenarioFields.number(g, "noise", 0, where);
        this.seed = (long) ScenarioFields.number(g, "seed", key.toString().hashCode(), where);
        this.samplesPerMinute = ScenarioFields.number(g, "samplesPerMinute", 1, where);
        this.spread = ScenarioFields.number(g, "spread", 0, where);
        String valueStat = ScenarioFields.string(g, "valueStat", "Average", where);
        this.valueStatistic = Statistic.parse(valueStat)
                .filter(s -> s.isPercentile() || s.name().equals("Average"))
                .orElseThrow(() -> new IllegalArgumentException(where + ".valueStat must be Average or pNN, not " + valueStat));
        this.resolutionSeconds = (int) ScenarioFields.number(g, "resolution", 60, where);
        if (resolutionSeconds != 60 && resolutionSeconds != 1) {
            throw new IllegalArgumentException(where + ".resolution must be 60 (standard) or 1 (high resolution)");
        }
        this.delay = ScenarioFields.duration(g, "delay", Duration.ofSeconds(resolutionSeconds == 60 ? 60 : 0), where);
        if (noise < 0 || spread < 0 || samplesPerMinute <= 0 || samplesPerMinute > 10_000) {
            throw new IllegalArgumentException(where + ": noise and spread must be >= 0, samplesPerMinute in (0, 10000]");
        }
        this.noData = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> window : ScenarioFields.maps(g, "noData", where)) {
            String at = where + ".noData[" + i++ + "]";
            Instant from = ScenarioFields.time(window.getOrDefault("from", "0s"), start, at + ".from");
            Instant until = window.containsKey("until") ? ScenarioFields.time(window.get("until"), start, at + ".until")
                    : Instant.MAX;
            noData.add(new Instant[] {from, until});
        }
        this.omitZero = ScenarioFields.bool(g, "omitZero", false);
        this.dataFrom = dataFrom;
    }

    static MetricGenerator parse(Map<String, Object> g, Instant start, Instant dataFrom, String where) {
        return new MetricGenerator(g, start, dataFrom, where);
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
