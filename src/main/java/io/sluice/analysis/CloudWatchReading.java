package io.sluice.analysis;

import io.sluice.analysis.CloudWatchMetricsProvider.Series;
import io.sluice.model.Check;
import io.sluice.model.Durations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cloudwatch check's measurement from the series GetMetricData returned: the newest value (and the
 * stable side's, for compareToStable) held against the minimum-sample guard, or, for a judge, the
 * samples of both sides over the window handed to the statistics.
 */
final class CloudWatchReading {
    private final MetricQueries.Group g;
    private final Map<String, Series> series;
    private final Instant cutoff;
    private final JudgeStatistics statistics;
    private final Check check;

    CloudWatchReading(MetricQueries.Group g, Map<String, Series> series, Instant cutoff, JudgeStatistics statistics) {
        this.g = g;
        this.series = series;
        this.cutoff = cutoff;
        this.statistics = statistics;
        this.check = g.due().check();
    }

    /** One datapoint. */
    record Point(Instant at, double value) {
    }

    Measurement measurement() {
        Optional<String> broken = CloudWatchMetricsProvider.broken(series.get(g.canary().resultId()), g.canary().resultId());
        if (broken.isPresent()) {
            return new Measurement.ProviderError(broken.get());
        }
        if (g.stable().isPresent()) {
            Optional<String> stableBroken = CloudWatchMetricsProvider.broken(series.get(g.stable().get().resultId()),
                    g.stable().get().resultId());
            if (stableBroken.isPresent()) {
                return new Measurement.ProviderError("stable side: " + stableBroken.get());
            }
        }
        List<Point> canary = points(g.canary().resultId());
        if (canary.isEmpty()) {
            return new Measurement.NoData("no datapoints in the last " + Durations.format(g.window()) + ": "
                    + CloudWatchMetricsProvider.hint(g.source()));
        }
        return check.judge().isPresent() ? judged(check.judge().get(), canary) : newest(canary);
    }

    private Measurement newest(List<Point> canary) {
        Point newest = canary.get(canary.size() - 1);
        Optional<Long> count = g.canary().countId().map(id -> valueAt(id, newest.at()));
        Optional<Double> stable = g.stable().flatMap(s -> last(points(s.resultId()))).map(Point::value);
        Optional<Integer> samples = Optional.of(canary.size());
        Check.SampleGuard guard = check.guard();
        String period = Durations.format(g.source().period());
        Optional<String> thin = Optional.empty();
        if (canary.size() < guard.minSamples()) {
            thin = Optional.of(canary.size() + " datapoints in the last " + Durations.format(g.window()) + ", "
                    + guard.minSamples() + " needed");
        } else if (count.isPresent() && count.get() < guard.minCount().orElseThrow().atLeast()) {
            thin = Optional.of(count.get() + " " + noun() + " in the measured " + period + " period, "
                    + guard.minCount().get().atLeast() + " needed");
        } else if (g.stable().isPresent() && g.stable().get().countId().isPresent() && stable.isPresent()) {
            Point stableNewest = last(points(g.stable().get().resultId())).orElseThrow();
            long stableCount = valueAt(g.stable().get().countId().get(), stableNewest.at());
            if (stableCount < guard.minCount().orElseThrow().atLeast()) {
                thin = Optional.of("stable side: " + stableCount + " " + noun() + " in the measured " + period
                        + " period, " + guard.minCount().get().atLeast() + " needed");
            }
        }
        if (thin.isPresent()) {
            return new Measurement.TooFewSamples(Optional.of(newest.value()), thin.get(), samples, count);
        }
        return new Measurement.Value(newest.value(), stable, samples, count);
    }

    private Measurement judged(Check.Judge judge, List<Point> canary) {
        MetricQueries.Side stableSide = g.stable().orElseThrow();
        List<Point> stable = points(stableSide.resultId());
        String window = Durations.format(g.window());
        double value = judge.counts().isPresent()
                ? ratio(sum(g.canary().eventsId().orElseThrow()), sum(g.canary().trialsId().orElseThrow()))
                : mean(canary);
        Optional<Integer> samples = Optional.of(canary.size());
        Optional<Long> count = g.canary().countId().map(this::sum);
        Check.SampleGuard guard = check.guard();
        int fewest = Math.min(canary.size(), stable.size());
        if (stable.isEmpty()) {
            return new Measurement.TooFewSamples(Optional.of(value), "stable side: no datapoints in the " + window
                    + " window", samples, count);
        }
        if (fewest < Math.max(2, guard.minSamples())) {
            String side = canary.size() <= stable.size() ? "canary" : "stable";
            return new Measurement.TooFewSamples(Optional.of(value), side + " side: " + fewest + " datapoints in the "
                    + window + " window, " + Math.max(2, guard.minSamples()) + " needed", samples, count);
        }
        if (guard.minCount().isPresent()) {
            long atLeast = guard.minCount().get().atLeast();
            long stableCount = stableSide.countId().map(this::sum).orElse(Long.MAX_VALUE);
            if (count.orElse(Long.MAX_VALUE) < atLeast || stableCount < atLeast) {
                boolean canaryThin = count.orElse(Long.MAX_VALUE) < atLeast;
                return new Measurement.TooFewSamples(Optional.of(value), (canaryThin ? "" : "stable side: ")
                        + (canaryThin ? count.get() : stableCount) + " " + noun() + " in the " + window + " window, "
                        + atLeast + " needed", samples, count);
            }
        }
        try {
            JudgeStatistics.Judgement j = judge.counts().isPresent()
                    ? statistics.counts(judge, sum(g.canary().eventsId().get()), sum(g.canary().trialsId().get()),
                            sum(stableSide.eventsId().orElseThrow()), sum(stableSide.trialsId().orElseThrow()))
                    : statistics.continuous(judge, values(canary), values(stable));
            return JudgeStatisticsFactory.measured(value, j, samples, count);
        } catch (RuntimeException e) {
            return new Measurement.ProviderError("the judge's statistics failed: " + e.getMessage());
        }
    }

    /** What the guard counts, as a person says it: the query's id (requests, invocations) or a metric's samples. */
    private String noun() {
        Check.MinCount c = check.guard().minCount().orElseThrow();
        if (!c.sampleCount()) {
            return c.query();
        }
        Check.MetricQuery q = g.source().queries().get(c.query());
        return "samples of " + (q == null ? c.query() : q.metric());
    }

    /** The series' datapoints inside the window, oldest first; NaN (0/0 in metric math) is no datapoint. */
    private List<Point> points(String id) {
        Series s = series.get(id);
        List<Point> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (int i = 0; i < Math.min(s.timestamps().size(), s.values().size()); i++) {
            Double v = s.values().get(i);
            Instant t = s.timestamps().get(i);
            if (v != null && !v.isNaN() && !t.isBefore(cutoff)) {
                out.add(new Point(t, v));
            }
        }
        out.sort(java.util.Comparator.comparing(Point::at));
        return out;
    }

    private long valueAt(String id, Instant at) {
        return points(id).stream().filter(p -> p.at().equals(at)).findFirst().map(p -> Math.round(p.value())).orElse(0L);
    }

    private long sum(String id) {
        return Math.round(points(id).stream().mapToDouble(Point::value).sum());
    }

    private static Optional<Point> last(List<Point> points) {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    private static double mean(List<Point> points) {
        return points.stream().mapToDouble(Point::value).average().orElse(Double.NaN);
    }

    private static double ratio(long events, long trials) {
        return trials == 0 ? 0 : (double) events / trials;
    }

    private static double[] values(List<Point> points) {
        return points.stream().mapToDouble(Point::value).toArray();
    }
}
