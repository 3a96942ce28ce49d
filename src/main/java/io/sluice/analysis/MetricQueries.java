package io.sluice.analysis;

import io.sluice.model.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Turns one cloudwatch check into the GetMetricData queries of its sides: the canary, and for
 * compareToStable the stable side with the same queries. Ids are made unique across the whole call
 * ({@code q<n>c_<id>}, {@code q<n>s_<id>}, expressions {@code e<n>c}, {@code e<n>s}) and always match
 * {@code ^[a-z][a-zA-Z0-9_]*$}; an expression's query ids are rewritten to match.
 */
final class MetricQueries {
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_.])[A-Za-z_][A-Za-z0-9_]*");

    private MetricQueries() {
    }

    /**
     * The queries of one side; {@code resultId} is the one whose datapoints are the measurement,
     * {@code countId} the one whose values count the events behind them (the minimum-sample guard),
     * {@code eventsId} and {@code trialsId} a judge's counts.
     */
    record Side(List<MetricDataQuery> queries, String resultId, Optional<String> countId, Optional<String> eventsId,
                Optional<String> trialsId) {
    }

    /**
     * All queries of one check: they always travel in one call, so an expression finds its inputs.
     * {@code window} is how far back its datapoints count: the look-back, or a judge's window.
     */
    record Group(DueCheck due, Check.CloudWatch source, Side canary, Optional<Side> stable, Duration window) {
        int size() {
            return canary.queries().size() + stable.map(s -> s.queries().size()).orElse(0);
        }

        List<MetricDataQuery> queries() {
            List<MetricDataQuery> all = new ArrayList<>(canary.queries());
            stable.ifPresent(s -> all.addAll(s.queries()));
            return all;
        }
    }

    /** The group of check number {@code n} of this pass, or why its queries cannot be written. */
    static Built build(DueCheck due, int n) {
        return build(due, n, Instant.EPOCH);
    }

    /** As {@link #build(DueCheck, int)}, with the judge window of a sequential judge counted back from {@code now}. */
    static Built build(DueCheck due, int n, Instant now) {
        Check.CloudWatch cw = (Check.CloudWatch) due.check().source();
        Built canary = side(due, cw, due.request().canaryId(), "q" + n + "c_", "e" + n + "c", "k" + n + "c_");
        if (canary.problem().isPresent()) {
            return canary;
        }
        Optional<Side> stable = Optional.empty();
        if (due.check().maxRatioToStable().isPresent() || due.check().judge().isPresent()) {
            Built s = side(due, cw, due.request().stableId(), "q" + n + "s_", "e" + n + "s", "k" + n + "s_");
            if (s.problem().isPresent()) {
                return s;
            }
            stable = s.group().map(Group::canary);
        }
        return new Built(Optional.of(new Group(due, cw, canary.group().orElseThrow().canary(), stable,
                JudgeWindow.of(due, now))), Optional.empty());
    }

    record Built(Optional<Group> group, Optional<String> problem) {
        static Built problem(String why) {
            return new Built(Optional.empty(), Optional.of(why));
        }
    }

    private static Built side(DueCheck due, Check.CloudWatch cw, String sideId, String prefix, String expressionId,
                              String countPrefix) {
        boolean single = cw.expression().isEmpty();
        List<MetricDataQuery> queries = new ArrayList<>();
        String resultId = null;
        Optional<Check.MinCount> minCount = due.check().guard().minCount();
        Optional<Check.Counts> counts = due.check().judge().flatMap(Check.Judge::counts);
        Set<String> returned = new HashSet<>();
        minCount.filter(c -> !c.sampleCount()).ifPresent(c -> returned.add(c.query()));
        counts.ifPresent(c -> {
            returned.add(c.events());
            returned.add(c.trials());
        });
        Optional<String> countId = Optional.empty();
        for (Map.Entry<String, Check.MetricQuery> e : cw.queries().entrySet()) {
            Check.MetricQuery q = e.getValue();
            List<Dimension> dims = new ArrayList<>();
            for (Map.Entry<String, String> d : q.dimensions().entrySet()) {
                Placeholders.Result filled = Placeholders.fill(d.getValue(), due.rollout(), sideId,
                        due.request().sideOf(sideId));
                if (filled.value().isEmpty()) {
                    return Built.problem(filled.problem());
                }
                dims.add(Dimension.builder().name(d.getKey()).value(filled.value().get()).build());
            }
            String id = prefix + e.getKey();
            Metric metric = Metric.builder().namespace(q.namespace()).metricName(q.metric()).dimensions(dims).build();
            queries.add(MetricDataQuery.builder()
                    .id(id)
                    .metricStat(MetricStat.builder()
                            .metric(metric)
                            .period((int) cw.period().getSeconds())
                            .stat(q.stat())
                            .build())
                    .returnData(single || returned.contains(e.getKey()))
                    .build());
            resultId = id;
            if (minCount.isPresent() && minCount.get().query().equals(e.getKey())) {
                if (minCount.get().sampleCount()) {
                    // how many samples stand behind each value: the same metric's SampleCount
                    countId = Optional.of(countPrefix + e.getKey());
                    queries.add(MetricDataQuery.builder()
                            .id(countId.get())
                            .metricStat(MetricStat.builder().metric(metric).period((int) cw.period().getSeconds())
                                    .stat("SampleCount").build())
                            .returnData(true)
                            .build());
                } else {
                    countId = Optional.of(id);
                }
            }
        }
        if (queries.isEmpty()) {
            return Built.problem("the cloudwatch check has no queries");
        }
        if (!single) {
            queries.add(MetricDataQuery.builder()
                    .id(expressionId)
                    .expression(rewrite(cw.expression().get(), cw.queries().keySet(), prefix))
                    .returnData(true)
                    .build());
            resultId = expressionId;
        } else if (cw.queries().size() > 1) {
            return Built.problem("several queries need an expression that combines them into one value");
        }
        Side side = new Side(queries, resultId, countId, counts.map(c -> prefix + c.events()),
                counts.map(c -> prefix + c.trials()));
        return new Built(Optional.of(new Group(due, cw, side, Optional.empty(), cw.lookback())), Optional.empty());
    }

    /** Renames the check's own query ids in a metric-math expression to their ids in the call. */
    static String rewrite(String expression, java.util.Set<String> ids, String prefix) {
        Matcher m = IDENTIFIER.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(ids.contains(id) ? prefix + id : id));
        }
        m.appendTail(out);
        return out.toString();
    }
}
