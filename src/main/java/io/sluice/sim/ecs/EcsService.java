package io.sluice.sim.ecs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sim.AwsError;
import io.sluice.sim.Scope;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.ServiceBase;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon ECS over awsJson1_1 ({@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>}):
 * DescribeServices, UpdateService, DescribeTaskDefinition, ListServiceDeployments and
 * DescribeServiceDeployments, over the state of the caller's account in the signature's region.
 */
public final class EcsService extends ServiceBase<Map<Scope, EcsRegion>> {
    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public EcsService(SimClock clock) {
        super("ecs", clock, new LinkedHashMap<>());
    }

    @Override
    public boolean recognises(SimRequest request) {
        return targetOperation(request, TARGET_PREFIX).isPresent();
    }

    @Override
    public String operationName(SimRequest request) {
        return targetOperation(request, TARGET_PREFIX).orElse("");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected SimResponse answer(SimRequest request, Map<Scope, EcsRegion> regions, Instant now) {
        String operation = operationName(request);
        Map<String, Object> in;
        try {
            in = request.body().length == 0 ? Map.of() : JSON.readValue(request.body(), Map.class);
        } catch (IOException e) {
            throw AwsError.client(400, "SerializationException", "Start of structure or map found where not expected.").raise();
        }
        EcsRegion region = regions.computeIfAbsent(Scope.of(request), EcsRegion::new);
        EcsOperations ops = new EcsOperations(region, now, request.caller(), operation);
        EcsInput input = new EcsInput(in);
        Map<String, Object> out = switch (operation) {
            case "DescribeServices" -> ops.describeServices(input);
            case "UpdateService" -> ops.updateService(input);
            case "DescribeTaskDefinition" -> ops.describeTaskDefinition(input);
            case "ListServiceDeployments" -> ops.listServiceDeployments(input);
            case "DescribeServiceDeployments" -> ops.describeServiceDeployments(input);
            default -> throw AwsError.client(400, "UnknownOperationException",
                    "The operation " + operation + " is not supported by this simulator.").raise();
        };
        return SimResponse.of(200, CONTENT_TYPE, json(out));
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", error.code());
        body.put("message", error.message());
        return SimResponse.of(error.status(), CONTENT_TYPE, json(body));
    }

    static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(epochSeconds(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object epochSeconds(Object value) {
        if (value instanceof Instant t) {
            return t.getEpochSecond() + t.getNano() / 1e9;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, epochSeconds(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(EcsService::epochSeconds).toList();
        }
        return value;
    }

    @Override
    protected Map<Scope, EcsRegion> read(ScenarioFields section, Instant now) {
        return EcsScenario.load(section, now);
    }

    @Override
    protected Map<String, Object> describe(Map<Scope, EcsRegion> regions, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        regions.forEach((scope, region) -> {
            Map<String, Object> clusters = new LinkedHashMap<>();
            region.clusters.forEach((cluster, services) -> {
                Map<String, Object> byName = new LinkedHashMap<>();
                services.forEach((svc, s) -> {
                    s.settle(now);
                    byName.put(svc, EcsJson.service(s, region.clusterArn(cluster)));
                });
                clusters.put(cluster, byName);
            });
            out.put(scope.key(), Map.of("clusters", clusters,
                    "taskDefinitions", region.taskDefinitions.keySet().stream().toList()));
        });
        return out;
    }
}
