package io.sluice.sim.cloudwatch;

import io.sluice.sim.AwsError;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.SimService;
import io.sluice.sim.cloudwatch.wire.CloudWatchWire;
import io.sluice.sim.cloudwatch.wire.WireProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon CloudWatch (signing name {@code monitoring}) in all three of its wire protocols:
 * GetMetricData, DescribeAlarms and PutMetricData over scenario-generated and published metrics.
 * Metrics and alarms belong to one account in one region: a request reads and writes those of its
 * caller's account in the region of its signature, and another region simply has none of them.
 */
public final class CloudWatchService implements SimService {
    private final SimClock clock;
    private final Object lock = new Object();
    private final Map<Scope, MetricStore> stores = new LinkedHashMap<>();
    private final Map<Scope, Map<String, MetricAlarm>> alarms = new LinkedHashMap<>();

    public CloudWatchService(SimClock clock) {
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "monitoring";
    }

    @Override
    public boolean recognises(SimRequest request) {
        return WireProtocol.of(request).isPresent();
    }

    @Override
    public String operationName(SimRequest request) {
        return WireProtocol.of(request).map(p -> p.operation(request)).orElse("");
    }

    @Override
    public SimResponse handle(SimRequest request) {
        WireProtocol protocol = WireProtocol.of(request).orElse(WireProtocol.AWS_QUERY);
        String operation = protocol.operation(request);
        Map<String, Object> input = CloudWatchWire.input(protocol, request);
        Scope region = Scope.of(request);
        Instant now = clock.now();
        synchronized (lock) {
            MetricStore store = stores.computeIfAbsent(region, r -> new MetricStore());
            switch (operation) {
                case "GetMetricData":
                    return CloudWatchWire.reply(protocol, operation, GetMetricData.run(store, input, now));
                case "DescribeAlarms":
                    return CloudWatchWire.reply(protocol, operation, describeAlarms(region, store, input, now));
                case "PutMetricData":
                    PutMetricData.run(store, input, now);
                    return CloudWatchWire.reply(protocol, operation, null);
                default:
                    throw unknownOperation(protocol, operation);
            }
        }
    }

    private static AwsError.Raised unknownOperation(WireProtocol protocol, String operation) {
        if (protocol == WireProtocol.AWS_QUERY) {
            return AwsError.client(400, "InvalidAction",
                    "The action " + operation + " is not valid for this web service.").raise();
        }
        return AwsError.client(400, "UnknownOperationException", "The operation " + operation
                + " is not supported by this simulator.").raise();
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        return CloudWatchWire.error(WireProtocol.of(request).orElse(WireProtocol.AWS_QUERY), error);
    }

    private Map<String, Object> describeAlarms(Scope region, MetricStore store, Map<String, Object> in, Instant now) {
        List<Object> names = Inputs.list(in, "AlarmNames");
        if (names.size() > 100) {
            throw Inputs.validation("1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 100");
        }
        var prefix = Inputs.string(in, "AlarmNamePrefix");
        if (!names.isEmpty() && prefix.isPresent()) {
            throw Inputs.combination("AlarmNamePrefix and AlarmNames cannot be used together.");
        }
        var stateValue = Inputs.string(in, "StateValue");
        if (stateValue.isPresent() && !List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(stateValue.get())) {
            throw Inputs.validation("1 validation error detected: Value '" + stateValue.get() + "' at 'stateValue' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
        }
        List<Object> types = Inputs.list(in, "AlarmTypes");
        boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
        int maxRecords = Inputs.integer(in, "MaxRecords").orElse(50);
        if (maxRecords < 1 || maxRecords > 100) {
            throw Inputs.validation("1 validation error detected: Value '" + maxRecords + "' at 'maxRecords' failed "
                    + "to satisfy constraint: Member must have value between 1 and 100");
        }
        int offset = 0;
        var token = Inputs.string(in, "NextToken");
        if (token.isPresent()) {
            try {
                offset = Integer.parseInt(token.get());
            } catch (NumberFormatException e) {
                throw AwsError.client(400, "InvalidNextToken", "The service cannot process the next token.").raise();
            }
        }
        List<Object> matched = new ArrayList<>();
        if (metricAlarms) {
            for (MetricAlarm alarm : alarms.getOrDefault(region, Map.of()).values()) {
                if (!names.isEmpty() && !names.contains(alarm.name)
                        || prefix.isPresent() && !alarm.name.startsWith(prefix.get())) {
                    continue;
                }
                MetricAlarm.State state = alarm.evaluate(store, now);
                if (stateValue.isEmpty() || stateValue.get().equals(state.value())) {
                    matched.add(alarm.describe(state, region));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CompositeAlarms", List.of());
        int to = Math.min(matched.size(), offset + maxRecords);
        out.put("MetricAlarms", offset >= matched.size() ? List.of() : matched.subList(offset, to));
        if (to < matched.size()) {
            out.put("NextToken", String.valueOf(to));
        }
        return out;
    }

    @Override
    public void load(Map<String, Object> section) {
        CloudWatchScenario.State loaded = CloudWatchScenario.read(ScenarioFields.of("monitoring", section), clock.now());
        synchronized (lock) {
            stores.clear();
            stores.putAll(loaded.stores());
            alarms.clear();
            alarms.putAll(loaded.alarms());
        }
    }

    @Override
    public Map<String, Object> snapshot() {
        synchronized (lock) {
            Map<String, Object> out = new LinkedHashMap<>();
            java.util.Set<Scope> scopes = new java.util.LinkedHashSet<>(stores.keySet());
            scopes.addAll(alarms.keySet());
            scopes.forEach(region -> {
                Map<String, Object> r = new LinkedHashMap<>(stores.getOrDefault(region, new MetricStore()).snapshot());
                r.put("alarms", List.copyOf(alarms.getOrDefault(region, Map.of()).keySet()));
                out.put(region.key(), r);
            });
            return out;
        }
    }
}
