package io.sluice.sim.cloudwatch;

import io.sluice.sim.quota.PublishedQuotas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** GetMetricData: validation as CloudWatch does it, MetricStat queries and metric math. */
final class GetMetricData {
    static final int MAX_QUERIES = PublishedQuotas.GET_METRIC_DATA_QUERIES_PER_CALL;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]{0,254}");
    private static final Set<Integer> HIGH_RESOLUTION_PERIODS = Set.of(1, 5, 10, 20, 30);

    private record Query(int index, String id, Optional<Map<String, Object>> metricStat, Optional<String> expression,
            Optional<String> label, boolean returnData, Optional<Integer> period) {
    }

    private final MetricStore store;
    private final Instant now;
    private final Instant from;
    private final Instant to;
    private final Map<String, Query> byId = new LinkedHashMap<>();
    private final Map<String, TreeMap<Instant, Double>> evaluated = new LinkedHashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    private GetMetricData(MetricStore store, Instant now, Instant from, Instant to) {
        this.store = store;
        this.now = now;
        this.from = from;
        this.to = to;
    }

    static Map<String, Object> run(MetricStore store, Map<String, Object> in, Instant now) {
        if (!in.containsKey("MetricDataQueries")) {
            throw Inputs.missing("MetricDataQueries");
        }
        List<Map<String, Object>> queries = Inputs.structs(in, "MetricDataQueries");
        if (queries.size() > MAX_QUERIES) {
            throw Inputs.invalid("The collection MetricDataQueries must not have a size greater than " + MAX_QUERIES + ".");
        }
        Instant start = Inputs.instant(in, "StartTime").orElseThrow(() -> Inputs.missing("StartTime"));
        Instant end = Inputs.instant(in, "EndTime").orElseThrow(() -> Inputs.missing("EndTime"));
        if (!start.isBefore(end)) {
            throw Inputs.invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        String scanBy = Inputs.string(in, "ScanBy").orElse("TimestampDescending");
        if (!scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
            throw Inputs.validation("1 validation error detected: Value '" + scanBy + "' at 'scanBy' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]");
        }
        // CloudWatch rounds StartTime down to the minute for data younger than 15 days
        Instant roundedStart = Duration.between(start, now).toDays() < 15
                ? Instant.ofEpochSecond(MetricStore.floor(start.getEpochSecond(), 60)) : start;
        GetMetricData run = new GetMetricData(store, now, roundedStart, end);
        for (int i = 0; i < queries.size(); i++) {
            run.add(i + 1, queries.get(i));
        }
        List<Object> results = new ArrayList<>();
        for (Query q : run.byId.values()) {
            if (!q.returnData()) {
                continue;
            }
            TreeMap<Instant, Double> series = run.series(q.id());
            List<Object> timestamps = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            (scanBy.equals("TimestampAscending") ? series : series.descendingMap()).forEach((t, v) -> {
                timestamps.add(t);
                values.add(v);
            });
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("Id", q.id());
            result.put("Label", q.label().orElseGet(() -> run.defaultLabel(q)));
            result.put("Timestamps", timestamps);
            result.put("Values", values);
            result.put("StatusCode", "Complete");
            result.put("Messages", List.of());
            results.add(result);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("MetricDataResults", results);
        out.put("Messages", List.of());
        return out;
    }

    private void add(int n, Map<String, Object> q) {
        String where = "MetricDataQueries.member." + n;
        String id = Inputs.string(q, "Id").orElseThrow(() -> Inputs.missing(where + ".Id"));
        if (!ID.matcher(id).matches()) {
            throw Inputs.validation("The value " + id + " for parameter " + where + ".Id is not valid. The Id must "
                    + "start with a lowercase letter and contain only letters, numbers and underscores.");
        }
        Optional<Map<String, Object>> metricStat = Inputs.struct(q, "MetricStat");
        Optional<String> expression = Inputs.string(q, "Expression").filter(s -> !s.isEmpty());
        if (metricStat.isPresent() == expression.isPresent()) {
            throw Inputs.combination("Exactly one of MetricStat and Expression must be set in " + where + ".");
        }
        Optional<Integer> period = Inputs.integer(q, "Period");
        period.ifPresent(p -> checkPeriod(p, where + ".Period"));
        if (metricStat.isPresent()) {
            Map<String, Object> ms = metricStat.get();
            Map<String, Object> metric = Inputs.struct(ms, "Metric").orElseThrow(() -> Inputs.missing(where + ".MetricStat.Metric"));
            Inputs.string(metric, "Namespace").orElseThrow(() -> Inputs.missing(where + ".MetricStat.Metric.Namespace"));
            Inputs.string(metric, "MetricName").orElseThrow(() -> Inputs.missing(where + ".MetricStat.Metric.MetricName"));
            int statPeriod = Inputs.integer(ms, "Period").orElseThrow(() -> Inputs.missing(where + ".MetricStat.Period"));
            checkPeriod(statPeriod, where + ".MetricStat.Period");
            String stat = Inputs.string(ms, "Stat").orElseThrow(() -> Inputs.missing(where + ".MetricStat.Stat"));
            if (Statistic.parse(stat).isEmpty()) {
                throw Inputs.validation("The value " + stat + " for parameter " + where
                        + ".MetricStat.Stat is not a valid statistic.");
            }
        } else {
            try {
                MetricMath.parse(expression.get());
            } catch (IllegalArgumentException e) {
                throw Inputs.validation("Error in expression '" + id + "': " + e.getMessage());
            }
        }
        Query query = new Query(n, id, metricStat, expression, Inputs.string(q, "Label"),
                Inputs.bool(q, "ReturnData").orElse(true), period);
        if (byId.putIfAbsent(id, query) != null) {
            throw Inputs.validation("The values for parameter id in MetricDataQueries are not unique.");
        }
    }

    private static void checkPeriod(int period, String where) {
        if (period < 1 || (period % 60 != 0 && !HIGH_RESOLUTION_PERIODS.contains(period))) {
            throw Inputs.invalid("The parameter " + where + " must be a multiple of 60 or one of 1, 5, 10, 20, 30"
                    + " (high resolution); got " + period + ".");
        }
    }

    private TreeMap<Instant, Double> series(String id) {
        TreeMap<Instant, Double> done = evaluated.get(id);
        if (done != null) {
            return done;
        }
        Query q = byId.get(id);
        if (!evaluating.add(id)) {
            throw Inputs.validation("Error in expression '" + id + "': circular reference");
        }
        TreeMap<Instant, Double> result = new TreeMap<>();
        if (q.metricStat().isPresent()) {
            Map<String, Object> ms = q.metricStat().get();
            Map<String, Object> metric = Inputs.struct(ms, "Metric").orElseThrow();
            Map<String, String> dims = new LinkedHashMap<>();
            Inputs.structs(metric, "Dimensions").forEach(d ->
                    dims.put(Inputs.string(d, "Name").orElse(""), Inputs.string(d, "Value").orElse("")));
            MetricKey key = MetricKey.of(Inputs.string(metric, "Namespace").orElseThrow(),
                    Inputs.string(metric, "MetricName").orElseThrow(), dims);
            Statistic stat = Statistic.parse(Inputs.string(ms, "Stat").orElseThrow()).orElseThrow();
            int period = Inputs.integer(ms, "Period").orElseThrow();
            store.series(key, stat, period, from, to, Inputs.string(ms, "Unit"), now)
                    .forEach(p -> result.put(p.timestamp(), p.value()));
        } else {
            MetricMath.Node node = MetricMath.parse(q.expression().get());
            for (String ref : MetricMath.references(node)) {
                if (!byId.containsKey(ref)) {
                    throw Inputs.validation("Error in expression '" + id + "': Unrecognized metric or expression id '"
                            + ref + "'");
                }
            }
            int period = q.period().orElseGet(() -> periodOf(node, 0));
            result.putAll(MetricMath.evaluate(node, this::series, MetricMath.grid(from, to, period)));
        }
        evaluating.remove(id);
        evaluated.put(id, result);
        return result;
    }

    private int periodOf(MetricMath.Node node, int depth) {
        if (depth > byId.size()) {
            throw Inputs.validation("Error in expression: circular reference between expressions");
        }
        for (String ref : MetricMath.references(node)) {
            Query q = byId.get(ref);
            if (q == null) {
                continue;
            }
            if (q.metricStat().isPresent()) {
                return Inputs.integer(q.metricStat().get(), "Period").orElse(60);
            }
            if (q.expression().isPresent()) {
                return q.period().orElseGet(() -> periodOf(MetricMath.parse(q.expression().get()), depth + 1));
            }
        }
        return 60;
    }

    private String defaultLabel(Query q) {
        return q.metricStat()
                .flatMap(ms -> Inputs.struct(ms, "Metric"))
                .flatMap(m -> Inputs.string(m, "MetricName"))
                .orElse(q.id());
    }
}
