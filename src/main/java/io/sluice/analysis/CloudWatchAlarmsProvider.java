package io.sluice.analysis;

import io.sluice.analysis.DueCheck.CheckRef;
import io.sluice.model.Check;
import io.sluice.model.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * CloudWatch alarms through DescribeAlarms: per AWS scope, the checks are packed into calls of at
 * most {@value #MAX_NAMES_PER_CALL} distinct alarm names (metric and composite alarms).
 *
 * <p>A check measures 1 while any of its alarms is in ALARM, else 0 (OK and INSUFFICIENT_DATA both
 * count as not alarming). An alarm that does not exist is a provider error naming it, unless another
 * of the check's alarms is in ALARM: then the check fails, because one alarming guard rail is reason
 * enough to roll back.
 */
final class CloudWatchAlarmsProvider implements CheckProvider {
    static final int MAX_NAMES_PER_CALL = 100;

    private final AnalysisClients clients;

    CloudWatchAlarmsProvider(AnalysisClients clients) {
        this.clients = clients;
    }

    @Override
    public List<Batch> batches(List<DueCheck> due, Instant now) {
        List<Batch> batches = new ArrayList<>();
        Map<Rollout.AwsScope, List<DueCheck>> byScope = new LinkedHashMap<>();
        for (DueCheck d : due) {
            int names = new LinkedHashSet<>(((Check.Alarms) d.check().source()).names()).size();
            if (names > MAX_NAMES_PER_CALL) {
                batches.add(Batch.known(d, new Measurement.ProviderError("the check lists " + names
                        + " alarms; DescribeAlarms takes at most " + MAX_NAMES_PER_CALL + " names")));
            } else {
                byScope.computeIfAbsent(d.scope(), s -> new ArrayList<>()).add(d);
            }
        }
        byScope.forEach((scope, checks) -> {
            List<DueCheck> call = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (DueCheck d : checks) {
                Set<String> more = new LinkedHashSet<>(names);
                more.addAll(((Check.Alarms) d.check().source()).names());
                if (more.size() > MAX_NAMES_PER_CALL) {
                    batches.add(batch(scope, call, names));
                    call = new ArrayList<>();
                    more = new LinkedHashSet<>(((Check.Alarms) d.check().source()).names());
                }
                call.add(d);
                names = more;
            }
            if (!call.isEmpty()) {
                batches.add(batch(scope, call, names));
            }
        });
        return batches;
    }

    private Batch batch(Rollout.AwsScope scope, List<DueCheck> checks, Set<String> names) {
        List<String> asked = List.copyOf(names);
        return new Batch(checks, () -> measure(scope, checks, asked));
    }

    private Map<CheckRef, Measurement> measure(Rollout.AwsScope scope, List<DueCheck> checks, List<String> names) {
        Map<CheckRef, Measurement> out = new HashMap<>();
        Map<String, StateValue> states;
        try {
            states = states(scope, names);
        } catch (SdkException e) {
            String why = ProviderErrors.describe("CloudWatch DescribeAlarms", e);
            checks.forEach(d -> out.put(d.ref(), new Measurement.ProviderError(why)));
            return out;
        }
        String region = scope.region().map(r -> " in " + r).orElse("");
        for (DueCheck d : checks) {
            List<String> listed = ((Check.Alarms) d.check().source()).names();
            List<String> missing = listed.stream().filter(n -> !states.containsKey(n)).toList();
            boolean alarming = listed.stream().anyMatch(n -> states.get(n) == StateValue.ALARM);
            if (alarming) {
                out.put(d.ref(), Measurement.Value.of(1));
            } else if (!missing.isEmpty()) {
                out.put(d.ref(), new Measurement.ProviderError("no such alarm" + (missing.size() > 1 ? "s" : "") + region
                        + ": " + String.join(", ", missing)));
            } else {
                out.put(d.ref(), Measurement.Value.of(0));
            }
        }
        return out;
    }

    private Map<String, StateValue> states(Rollout.AwsScope scope, List<String> names) {
        DescribeAlarmsRequest.Builder request = DescribeAlarmsRequest.builder()
                .alarmNames(names)
                .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                .maxRecords(MAX_NAMES_PER_CALL);
        Map<String, StateValue> states = new HashMap<>();
        String token = null;
        do {
            DescribeAlarmsResponse page = clients.cloudWatch(scope).describeAlarms(request.nextToken(token).build());
            page.metricAlarms().forEach(a -> states.put(a.alarmName(), a.stateValue()));
            page.compositeAlarms().forEach(a -> states.put(a.alarmName(), a.stateValue()));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return states;
    }
}
