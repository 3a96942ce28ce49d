package io.sluice.sim.cloudwatch;

import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A metric alarm from the scenario. Its state is not stored but evaluated from the metric whenever
 * it is read, over the last EvaluationPeriods complete periods whose data has arrived, with
 * DatapointsToAlarm (M of N) and TreatMissingData as CloudWatch applies them.
 */
final class MetricAlarm {
    private static final List<String> OPERATORS = List.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");
    private static final List<String> MISSING = List.of("breaching", "notBreaching", "ignore", "missing");
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    final String name;
    private final String description;
    final MetricKey key;
    private final String statisticText;
    private final Statistic statistic;
    private final int period;
    private final int evaluationPeriods;
    private final int datapointsToAlarm;
    private final double threshold;
    private final String comparison;
    private final String treatMissingData;
    private final String unit;
    private final Instant configuredAt;
    private String lastState = "INSUFFICIENT_DATA";
    private Instant stateSince;

    /** The evaluated state at one moment. */
    record State(String value, String reason, String reasonData) {
    }

    MetricAlarm(ScenarioFields a, Instant loadedAt) {
        this.name = a.string("name");
        this.description = a.string("description", null);
        this.key = MetricKey.read(a);
        this.statisticText = a.string("statistic", "Average");
        this.statistic = Statistic.parse(statisticText).orElseThrow(() ->
                a.problem("statistic", "not a CloudWatch statistic: " + statisticText));
        this.period = a.integer("period", 60);
        if (period < 10 || (period % 60 != 0 && period != 10 && period != 30)) {
            throw a.problem("period", "must be 10, 30 or a multiple of 60");
        }
        this.evaluationPeriods = a.integer("evaluationPeriods", 1);
        this.datapointsToAlarm = a.integer("datapointsToAlarm", evaluationPeriods);
        if (evaluationPeriods < 1 || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw a.problem("need 1 <= datapointsToAlarm <= evaluationPeriods");
        }
        if (!a.has("threshold")) {
            throw a.problem("threshold", "required");
        }
        this.threshold = a.number("threshold", 0);
        this.comparison = a.oneOf("comparison", "GreaterThanThreshold", OPERATORS);
        this.treatMissingData = a.oneOf("treatMissingData", "missing", MISSING);
        this.unit = a.string("unit", null);
        this.configuredAt = loadedAt;
        this.stateSince = loadedAt;
    }

    State evaluate(MetricStore store, Instant now) {
        long arrived = now.minus(store.delayOf(key)).getEpochSecond();
        long end = MetricStore.floor(arrived, period);
        Instant from = Instant.ofEpochSecond(end - (long) evaluationPeriods * period);
        Map<Instant, Double> values = new LinkedHashMap<>();
        store.series(key, statistic, period, from, Instant.ofEpochSecond(end), Optional.ofNullable(unit), now)
                .forEach(p -> values.put(p.timestamp(), p.value()));
        int breaching = 0;
        int present = 0;
        List<String> crossing = new ArrayList<>();
        for (long t = end - period; t >= from.getEpochSecond(); t -= period) {
            Instant ts = Instant.ofEpochSecond(t);
            Double v = values.get(ts);
            if (v == null) {
                if (treatMissingData.equals("breaching")) {
                    breaching++;
                    present++;
                } else if (treatMissingData.equals("notBreaching")) {
                    present++;
                }
                continue;
            }
            present++;
            if (breaches(v)) {
                breaching++;
                crossing.add(format(v) + " (" + REASON_TIME.format(ts) + ")");
            }
        }
        String words = comparisonWords();
        State state;
        if (breaching >= datapointsToAlarm) {
            state = new State("ALARM", "Threshold Crossed: " + breaching + " out of the last " + evaluationPeriods
                    + " datapoints " + crossing + " were " + words + " the threshold (" + format(threshold)
                    + ") (minimum " + datapointsToAlarm + " datapoint" + (datapointsToAlarm == 1 ? "" : "s")
                    + " for OK -> ALARM transition).", reasonData(values));
        } else if (present == 0) {
            state = treatMissingData.equals("ignore") && !lastState.equals("INSUFFICIENT_DATA")
                    ? new State(lastState, "Missing data is ignored: the state is kept.", reasonData(values))
                    : new State("INSUFFICIENT_DATA", "Insufficient Data: " + evaluationPeriods + " datapoint"
                    + (evaluationPeriods == 1 ? " was" : "s were") + " unknown.", reasonData(values));
        } else {
            state = new State("OK", "Threshold Crossed: " + breaching + " out of the last " + evaluationPeriods
                    + " datapoints were " + words + " the threshold (" + format(threshold) + ") (minimum "
                    + datapointsToAlarm + " datapoint" + (datapointsToAlarm == 1 ? "" : "s")
                    + " for OK -> ALARM transition).", reasonData(values));
        }
        if (!state.value().equals(lastState)) {
            lastState = state.value();
            stateSince = now;
        }
        return state;
    }

    private boolean breaches(double v) {
        switch (comparison) {
            case "GreaterThanOrEqualToThreshold":
                return v >= threshold;
            case "GreaterThanThreshold":
                return v > threshold;
            case "LessThanThreshold":
                return v < threshold;
            default:
                return v <= threshold;
        }
    }

    private String comparisonWords() {
        switch (comparison) {
            case "GreaterThanOrEqualToThreshold":
                return "greater than or equal to";
            case "GreaterThanThreshold":
                return "greater than";
            case "LessThanThreshold":
                return "less than";
            default:
                return "less than or equal to";
        }
    }

    private String reasonData(Map<Instant, Double> values) {
        StringBuilder json = new StringBuilder("{\"version\":\"1.0\",\"queryDate\":null,\"statistic\":\"")
                .append(statisticText).append("\",\"period\":").append(period).append(",\"recentDatapoints\":[");
        List<String> recent = values.values().stream().map(MetricAlarm::format).toList();
        json.append(String.join(",", recent)).append("],\"threshold\":").append(format(threshold)).append('}');
        return json.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) + ".0" : String.valueOf(v);
    }

    /** The alarm as DescribeAlarms returns it, with the given evaluated state. */
    Map<String, Object> describe(State state, Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("AlarmName", name);
        out.put("AlarmArn", "arn:aws:cloudwatch:" + scope.region() + ":" + scope.account() + ":alarm:" + name);
        if (description != null) {
            out.put("AlarmDescription", description);
        }
        out.put("AlarmConfigurationUpdatedTimestamp", configuredAt);
        out.put("ActionsEnabled", Boolean.TRUE);
        out.put("OKActions", List.of());
        out.put("AlarmActions", List.of());
        out.put("InsufficientDataActions", List.of());
        out.put("StateValue", state.value());
        out.put("StateReason", state.reason());
        out.put("StateReasonData", state.reasonData());
        out.put("StateUpdatedTimestamp", stateSince);
        out.put("MetricName", key.metricName());
        out.put("Namespace", key.namespace());
        if (statistic.isPercentile()) {
            out.put("ExtendedStatistic", statisticText);
        } else {
            out.put("Statistic", statisticText);
        }
        List<Object> dims = new ArrayList<>();
        key.dimensions().forEach((k, v) -> {
            Map<String, Object> dim = new LinkedHashMap<>();
            dim.put("Name", k);
            dim.put("Value", v);
            dims.add(dim);
        });
        out.put("Dimensions", dims);
        out.put("Period", period);
        if (unit != null) {
            out.put("Unit", unit);
        }
        out.put("EvaluationPeriods", evaluationPeriods);
        out.put("DatapointsToAlarm", datapointsToAlarm);
        out.put("Threshold", threshold);
        out.put("ComparisonOperator", comparison);
        out.put("TreatMissingData", treatMissingData);
        out.put("StateTransitionedTimestamp", stateSince);
        return out;
    }
}
