package io.sluice.sim.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PutMetricData: CloudWatch's checks on a batch, then each datum's samples stored in its bucket. */
final class PutMetricData {
    static final int MAX_DATA = 1000;
    static final int MAX_VALUES = 150;

    private PutMetricData() {
    }

    static void run(MetricStore store, Map<String, Object> in, Instant now) {
        String namespace = Inputs.string(in, "Namespace").orElseThrow(() -> Inputs.missing("Namespace"));
        if (namespace.startsWith("AWS/")) {
            throw Inputs.invalid("The value AWS/ for parameter Namespace is invalid.");
        }
        List<Map<String, Object>> data = Inputs.structs(in, "MetricData");
        if (data.size() > MAX_DATA) {
            throw Inputs.invalid("The collection MetricData must not have a size greater than " + MAX_DATA + ".");
        }
        for (int i = 0; i < data.size(); i++) {
            store(store, namespace, data.get(i), "MetricData.member." + (i + 1), now);
        }
    }

    private static void store(MetricStore store, String namespace, Map<String, Object> datum, String where, Instant now) {
        String name = Inputs.string(datum, "MetricName").orElseThrow(() -> Inputs.missing(where + ".MetricName"));
        List<Map<String, Object>> dims = Inputs.structs(datum, "Dimensions");
        if (dims.size() > 30) {
            throw Inputs.invalid("The collection " + where + ".Dimensions must not have a size greater than 30.");
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (Map<String, Object> d : dims) {
            dimensions.put(Inputs.string(d, "Name").orElseThrow(() -> Inputs.missing(where + ".Dimensions.Name")),
                    Inputs.string(d, "Value").orElseThrow(() -> Inputs.missing(where + ".Dimensions.Value")));
        }
        boolean hasValue = datum.containsKey("Value");
        boolean hasSet = datum.containsKey("StatisticValues");
        List<Object> values = Inputs.list(datum, "Values");
        List<Object> counts = Inputs.list(datum, "Counts");
        if (hasValue && hasSet) {
            throw Inputs.combination("The parameters " + where + ".Value and " + where
                    + ".StatisticValues are mutually exclusive and you have specified both.");
        }
        if (!values.isEmpty() && (hasValue || hasSet)) {
            throw Inputs.combination("The parameters " + where + ".Values and " + where + (hasValue ? ".Value" : ".StatisticValues")
                    + " are mutually exclusive and you have specified both.");
        }
        if (values.size() > MAX_VALUES) {
            throw Inputs.invalid("The collection " + where + ".Values must not have a size greater than " + MAX_VALUES + ".");
        }
        if (!counts.isEmpty() && counts.size() != values.size()) {
            throw Inputs.invalid("The parameters " + where + ".Values and " + where
                    + ".Counts must be of the same size.");
        }
        Instant timestamp = Inputs.instant(datum, "Timestamp").orElse(now);
        if (timestamp.isBefore(now.minus(Duration.ofDays(14)))) {
            throw Inputs.invalid("The parameter " + where + ".Timestamp must specify a time no more than two weeks in the past.");
        }
        if (timestamp.isAfter(now.plus(Duration.ofHours(2)))) {
            throw Inputs.invalid("The parameter " + where + ".Timestamp must specify a time no more than two hours in the future.");
        }
        int resolution = Inputs.integer(datum, "StorageResolution").orElse(60);
        if (resolution != 1 && resolution != 60) {
            throw Inputs.invalid("The parameter " + where + ".StorageResolution must be 1 or 60.");
        }
        SampleSet samples = new SampleSet();
        if (hasValue) {
            samples.add(finite(Inputs.number(datum, "Value").orElseThrow(), where + ".Value"), 1);
        } else if (hasSet) {
            Map<String, Object> set = Inputs.struct(datum, "StatisticValues").orElse(Map.of());
            samples.addStatisticSet(required(set, "SampleCount", where), required(set, "Sum", where),
                    required(set, "Minimum", where), required(set, "Maximum", where));
        } else if (!values.isEmpty()) {
            for (int i = 0; i < values.size(); i++) {
                double v = finite(Inputs.number(Map.of("v", values.get(i)), "v").orElseThrow(), where + ".Values");
                double c = counts.isEmpty() ? 1 : Inputs.number(Map.of("c", counts.get(i)), "c").orElseThrow();
                samples.add(v, c);
            }
        } else {
            throw Inputs.missing(where + ".Value");
        }
        store.put(MetricKey.of(namespace, name, dimensions), timestamp, resolution,
                Inputs.string(datum, "Unit").orElse("None"), samples);
    }

    private static double required(Map<String, Object> set, String member, String where) {
        return Inputs.number(set, member).orElseThrow(() -> Inputs.missing(where + ".StatisticValues." + member));
    }

    private static double finite(double v, String where) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw Inputs.invalid("The value " + v + " for parameter " + where + " is invalid.");
        }
        return v;
    }
}
