package io.sluice.sim.cloudwatch;

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

    @Override
    public String toString() {
        return namespace + " " + metricName + " " + dimensions;
    }
}
