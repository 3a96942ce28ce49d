package io.sluice.sim.cloudwatch;

import io.sluice.sim.AwsError;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import io.sluice.sim.ServiceBase;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.cloudwatch.wire.CloudWatchWire;
import io.sluice.sim.cloudwatch.wire.WireProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Amazon CloudWatch (signing name {@code monitoring}) in all three of its wire protocols:
 * GetMetricData, DescribeAlarms and PutMetricData over scenario-generated and published metrics.
 * Metrics and alarms belong to one account in one region: a request reads and writes those of its
 * caller's account in the region of its signature, and another region simply has none of them.
 */
public final class CloudWatchService extends ServiceBase<CloudWatchScenario.State> {
    public CloudWatchService(SimClock clock) {
        super("monitoring", clock, new CloudWatchScenario.State(new LinkedHashMap<>(), new LinkedHashMap<>()));
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
    protected SimResponse answer(SimRequest request, CloudWatchScenario.State state, Instant now) {
        WireProtocol protocol = WireProtocol.of(request).orElse(WireProtocol.AWS_QUERY);
        String operation = protocol.operation(request);
        Map<String, Object> input = CloudWatchWire.input(protocol, request);
        Scope region = Scope.of(request);
        MetricStore store = state.stores().computeIfAbsent(region, r -> new MetricStore());
        switch (operation) {
            case "GetMetricData":
                return CloudWatchWire.reply(protocol, operation, GetMetricData.run(store, input, now));
            case "DescribeAlarms":
                return CloudWatchWire.reply(protocol, operation,
                        describeAlarms(state.alarms().getOrDefault(region, Map.of()), region, store, input, now));
            case "PutMetricData":
                PutMetricData.run(store, input, now);
                return CloudWatchWire.reply(protocol, operation, null);
            default:
                throw unknownOperation(protocol, operation);
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

    private static Map<String, Object> describeAlarms(Map<String, MetricAlarm> alarms, Scope region, MetricStore store,
            Map<String, Object> in, Instant now) {
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
            for (MetricAlarm alarm : alarms.values()) {
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
    protected CloudWatchScenario.State read(ScenarioFields section, Instant now) {
        return CloudWatchScenario.read(section, now);
    }

    @Override
    protected Map<String, Object> describe(CloudWatchScenario.State state, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<Scope> scopes = new LinkedHashSet<>(state.stores().keySet());
        scopes.addAll(state.alarms().keySet());
        scopes.forEach(region -> {
            Map<String, Object> r = new LinkedHashMap<>(state.stores().getOrDefault(region, new MetricStore()).snapshot());
            r.put("alarms", List.copyOf(state.alarms().getOrDefault(region, Map.of()).keySet()));
            out.put(region.key(), r);
        });
        return out;
    }
}
