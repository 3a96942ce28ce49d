package io.sluice.sim.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One region's metrics: scenario generators (computed lazily per bucket) and data sent with
 * PutMetricData (kept per bucket). Callers hold the service lock.
 */
final class MetricStore {
    /** One aggregated datapoint of a series. */
    record Datapoint(Instant timestamp, double value) {
    }

    private record Stored(TreeMap<Long, SampleSet> buckets, String unit) {
    }

    private final Map<MetricKey, MetricGenerator> generators = new LinkedHashMap<>();
    private final Map<MetricKey, Stored> stored = new LinkedHashMap<>();

    void addGenerator(MetricGenerator generator, String where) {
        if (generators.putIfAbsent(generator.key, generator) != null) {
            throw new IllegalArgumentException(where + " repeats the metric " + generator.key
                    + ": one generator per namespace, metric name and dimension set");
        }
    }

    List<MetricGenerator> generators() {
        return List.copyOf(generators.values());
    }

    /** Stores one PutMetricData datum's samples in its bucket. */
    void put(MetricKey key, Instant timestamp, int storageResolution, String unit, SampleSet samples) {
        long bucket = floor(timestamp.getEpochSecond(), storageResolution == 1 ? 1 : 60);
        Stored series = stored.computeIfAbsent(key, k -> new Stored(new TreeMap<>(), unit));
        series.buckets().merge(bucket, samples, (a, b) -> {
            a.addAll(b);
            return a;
        });
    }

    /** How late the metric's data arrive (0 for data sent with PutMetricData). */
    Duration delayOf(MetricKey key) {
        MetricGenerator g = generators.get(key);
        return g == null ? Duration.ZERO : g.delay;
    }

    /**
     * The series of one statistic over windows {@code [from + k*period, from + (k+1)*period)} before
     * {@code to}, ascending, holding only windows with data that has arrived by {@code now}.
     */
    List<Datapoint> series(MetricKey key, Statistic statistic, int period, Instant from, Instant to,
            Optional<String> unit, Instant now) {
        MetricGenerator generator = generators.get(key);
        Stored put = stored.get(key);
        if (unit.isPresent()) {
            String seriesUnit = generator != null && generator.unit != null ? generator.unit
                    : put != null && put.unit() != null ? put.unit() : "None";
            if (!unit.get().equals(seriesUnit)) {
                return List.of();
            }
        }
        TreeMap<Long, SampleSet> windows = new TreeMap<>();
        long start = from.getEpochSecond();
        long end = to.getEpochSecond();
        if (generator != null) {
            int step = generator.resolutionSeconds;
            for (long b = ceil(start, step); b < end; b += step) {
                Instant bucket = Instant.ofEpochSecond(b);
                if (!generator.visible(bucket, now)) {
                    break;
                }
                SampleSet samples = generator.samples(bucket);
                if (samples != null) {
                    windows.computeIfAbsent(start + (b - start) / period * period, w -> new SampleSet()).addAll(samples);
                }
            }
        }
        if (put != null) {
            put.buckets().subMap(start, true, end, false).forEach((b, samples) ->
                    windows.computeIfAbsent(start + (b - start) / period * period, w -> new SampleSet()).addAll(samples));
        }
        List<Datapoint> out = new ArrayList<>();
        windows.forEach((w, samples) -> {
            if (!samples.isEmpty()) {
                double value = statistic.of(samples);
                if (!Double.isNaN(value)) {
                    out.add(new Datapoint(Instant.ofEpochSecond(w), value));
                }
            }
        });
        return out;
    }

    static long floor(long seconds, long step) {
        return Math.floorDiv(seconds, step) * step;
    }

    private static long ceil(long seconds, long step) {
        return -Math.floorDiv(-seconds, step) * step;
    }

    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated", generators.keySet().stream().map(MetricKey::toString).toList());
        out.put("published", stored.keySet().stream().map(MetricKey::toString).toList());
        return out;
    }
}
