package io.sluice.analysis;

import io.sluice.model.Check;
import io.sluice.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One prometheus check's measurement. {@code {{version}}} and {@code {{targetGroup}}} in its queries are
 * filled for the side measured. A threshold check: the instant query's value, held against
 * {@code minCount} (an instant query whose value is the number of events). A judge: the query asked
 * as a range query ({@code /api/v1/query_range}, one sample per step) over the judge window for each
 * side; with {@code counts}, the events and trials queries asked as instant queries per side, with
 * {@code {{window}}} filled with the window in seconds ({@code increase(x[{{window}}])}).
 */
final class PrometheusReading {
    static final String WINDOW = "{{window}}";

    private final PrometheusProvider provider;
    private final DueCheck due;
    private final Instant now;
    private final JudgeStatistics statistics;
    private final Check.Prometheus source;

    PrometheusReading(PrometheusProvider provider, DueCheck due, Instant now, JudgeStatistics statistics) {
        this.provider = provider;
        this.due = due;
        this.now = now;
        this.statistics = statistics;
        this.source = (Check.Prometheus) due.check().source();
    }

    /** A query's text for one side, or why it cannot be filled. */
    private Placeholders.Result fill(String query, String sideId, Duration window) {
        return Placeholders.fill(query.replace(WINDOW, window.toSeconds() + "s"), due.rollout(), sideId,
                due.request().sideOf(sideId));
    }

    Measurement measurement() {
        if (due.check().judge().isPresent()) {
            return judged(due.check().judge().get());
        }
        Placeholders.Result q = fill(source.query(), due.request().canaryId(), Duration.ZERO);
        if (q.value().isEmpty()) {
            return new Measurement.ProviderError(q.problem());
        }
        Measurement m = provider.query(source.address(), q.value().get(), provider.evaluatedAt(now));
        Optional<Check.MinCount> minCount = due.check().guard().minCount();
        if (!(m instanceof Measurement.Value v) || minCount.isEmpty()) {
            return m;
        }
        Optional<Long> count = Optional.empty();
        Placeholders.Result cq = fill(minCount.get().query(), due.request().canaryId(), Duration.ZERO);
        if (cq.value().isEmpty()) {
            return new Measurement.ProviderError(cq.problem());
        }
        Measurement counted = provider.query(source.address(), cq.value().get(), provider.evaluatedAt(now));
        if (counted instanceof Measurement.ProviderError e) {
            return new Measurement.ProviderError("minCount query: " + e.reason());
        }
        long events = counted instanceof Measurement.Value c ? Math.round(c.value()) : 0;
        count = Optional.of(events);
        if (events < minCount.get().atLeast()) {
            return new Measurement.TooFewSamples(Optional.of(v.value()), events + " events counted by minCount.query, "
                    + minCount.get().atLeast() + " needed", Optional.of(1), count);
        }
        return new Measurement.Value(v.value(), v.stableValue(), Optional.of(1), count);
    }

    private Measurement judged(Check.Judge judge) {
        Duration window = JudgeWindow.of(due, now);
        String shown = Durations.format(window);
        Measurement.ProviderError[] trouble = new Measurement.ProviderError[1];
        try {
            if (judge.counts().isPresent()) {
                long[] canary = counts(judge.counts().get(), due.request().canaryId(), window, trouble);
                long[] stable = counts(judge.counts().get(), due.request().stableId(), window, trouble);
                if (trouble[0] != null) {
                    return trouble[0];
                }
                double value = canary[1] == 0 ? 0 : (double) canary[0] / canary[1];
                long atLeast = due.check().guard().minCount().map(Check.MinCount::atLeast).orElse(1L);
                if (Math.min(canary[1], stable[1]) < atLeast) {
                    boolean canaryThin = canary[1] <= stable[1];
                    return new Measurement.TooFewSamples(Optional.of(value), (canaryThin ? "" : "stable side: ")
                            + Math.min(canary[1], stable[1]) + " trials in the " + shown + " window, " + atLeast + " needed",
                            Optional.empty(), Optional.of(canary[1]));
                }
                return JudgeStatisticsFactory.measured(value, statistics.counts(judge, canary[0], canary[1], stable[0],
                        stable[1]), Optional.empty(), Optional.of(canary[1]));
            }
            Duration step = JudgeWindow.sampleStep(due);
            double[] canary = series(due.request().canaryId(), window, step, trouble);
            double[] stable = series(due.request().stableId(), window, step, trouble);
            if (trouble[0] != null) {
                return trouble[0];
            }
            if (canary.length == 0) {
                return new Measurement.NoData("range query returned no samples in the " + shown + " window: " + source.query());
            }
            double value = java.util.Arrays.stream(canary).average().orElse(Double.NaN);
            int needed = Math.max(2, due.check().guard().minSamples());
            if (Math.min(canary.length, stable.length) < needed) {
                String side = canary.length <= stable.length ? "canary" : "stable";
                return new Measurement.TooFewSamples(Optional.of(value), side + " side: "
                        + Math.min(canary.length, stable.length) + " samples in the " + shown + " window, " + needed
                        + " needed", Optional.of(canary.length), Optional.empty());
            }
            return JudgeStatisticsFactory.measured(value, statistics.continuous(judge, canary, stable),
                    Optional.of(canary.length), Optional.empty());
        } catch (RuntimeException e) {
            return new Measurement.ProviderError("the judge's statistics failed: " + e.getMessage());
        }
    }

    private double[] series(String sideId, Duration window, Duration step, Measurement.ProviderError[] trouble) {
        Placeholders.Result q = fill(source.query(), sideId, window);
        if (q.value().isEmpty()) {
            trouble[0] = new Measurement.ProviderError(q.problem());
            return new double[0];
        }
        return provider.range(source.address(), q.value().get(), now.minus(window), now, step, e -> trouble[0] = e)
                .orElse(new double[0]);
    }

    private long[] counts(Check.Counts counts, String sideId, Duration window, Measurement.ProviderError[] trouble) {
        long[] out = new long[2];
        String[] queries = {counts.events(), counts.trials()};
        for (int i = 0; i < 2; i++) {
            Placeholders.Result q = fill(queries[i], sideId, window);
            if (q.value().isEmpty()) {
                trouble[0] = new Measurement.ProviderError(q.problem());
                return out;
            }
            Measurement m = provider.query(source.address(), q.value().get(), provider.evaluatedAt(now));
            if (m instanceof Measurement.ProviderError e) {
                trouble[0] = e;
            } else if (m instanceof Measurement.Value v) {
                out[i] = Math.round(v.value());
            }
        }
        return out;
    }
}
