package io.sluice.sim.cloudwatch;

import io.sluice.sim.ScenarioFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A metric's identity: namespace, name and the exact dimension set. CloudWatch treats every distinct
 * dimension set as its own metric, so {TargetGroup} and {TargetGroup, LoadBalancer} never mix.
 */
record MetricKey(String namespace, String metricName, SortedMap<String, String> dimensions) {

    MetricKey {
        dimensions = new TreeMap<>(dimensions);
    }

    static MetricKey of(String namespace, String metricName, Map<String, String> dimensions) {
        return new MetricKey(namespace, metricName, new TreeMap<>(dimensions));
    }

    /**
     * {@code namespace}, {@code metric} and {@code dimensions} of a scenario metric or alarm; the
     * dimensions are a mapping of name to value, or a list of {@code {name, value}} as AWS writes them.
     */
    static MetricKey read(ScenarioFields f) {
        String namespace = f.string("namespace");
        String metric = f.string("metric");
        Map<String, String> dimensions = new LinkedHashMap<>();
        Object given = f.raw("dimensions");
        if (given instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                ScenarioFields d = f.at(f.path("dimensions") + "[" + i + "]", list.get(i));
                String name = d.optionalString("name").or(() -> d.optionalString("Name"))
                        .orElseThrow(() -> d.problem("name", "required (each dimension has a name and a value)"));
                dimensions.put(name, d.optionalString("value").or(() -> d.optionalString("Value")).orElse("null"));
            }
        } else if (given == null || given instanceof Map<?, ?>) {
            f.mapping("dimensions").asMap().forEach((k, v) -> dimensions.put(String.valueOf(k), String.valueOf(v)));
        } else {
            throw f.problem("dimensions", "expected a mapping of dimension name to value, got "
                    + ScenarioFields.describe(given));
        }
        if (dimensions.size() > 30) {
            throw f.problem("dimensions", "more than 30 dimensions");
        }
        return of(namespace, metric, dimensions);
    }

    @Override
    public String toString() {
        return namespace + " " + metricName + " " + dimensions;
    }
}
