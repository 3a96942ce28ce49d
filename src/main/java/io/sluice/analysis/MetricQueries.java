package io.sluice.analysis;

import io.sluice.model.Check;
import java.util.ArrayList;
import java.util.List;
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

    /** The queries of one side; {@code resultId} is the one whose datapoints are the measurement. */
    record Side(List<MetricDataQuery> queries, String resultId) {
    }

    /** All queries of one check: they always travel in one call, so an expression finds its inputs. */
    record Group(DueCheck due, Check.CloudWatch source, Side canary, Optional<Side> stable) {
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
        Check.CloudWatch cw = (Check.CloudWatch) due.check().source();
        Built canary = side(due, cw, due.request().canaryId(), "q" + n + "c_", "e" + n + "c");
        if (canary.problem().isPresent()) {
            return canary;
        }
        Optional<Side> stable = Optional.empty();
        if (due.check().maxRatioToStable().isPresent()) {
            Built s = side(due, cw, due.request().stableId(), "q" + n + "s_", "e" + n + "s");
            if (s.problem().isPresent()) {
                return s;
            }
            stable = s.group().map(Group::canary);
        }
        return new Built(Optional.of(new Group(due, cw, canary.group().orElseThrow().canary(), stable)), Optional.empty());
    }

    record Built(Optional<Group> group, Optional<String> problem) {
        static Built problem(String why) {
            return new Built(Optional.empty(), Optional.of(why));
        }
    }

    private static Built side(DueCheck due, Check.CloudWatch cw, String sideId, String prefix, String expressionId) {
        boolean single = cw.expression().isEmpty();
        List<MetricDataQuery> queries = new ArrayList<>();
        String resultId = null;
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
            queries.add(MetricDataQuery.builder()
                    .id(id)
                    .metricStat(MetricStat.builder()
                            .metric(Metric.builder().namespace(q.namespace()).metricName(q.metric()).dimensions(dims).build())
                            .period((int) cw.period().getSeconds())
                            .stat(q.stat())
                            .build())
                    .returnData(single)
                    .build());
            resultId = id;
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
        } else if (queries.size() > 1) {
            return Built.problem("several queries need an expression that combines them into one value");
        }
        return new Built(Optional.of(new Group(due, cw, new Side(queries, resultId), Optional.empty())), Optional.empty());
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
