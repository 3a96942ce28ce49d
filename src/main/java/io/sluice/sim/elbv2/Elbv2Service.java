package io.sluice.sim.elbv2;

import io.sluice.sim.AwsError;
import io.sluice.sim.ManualChanges;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.SimService;
import io.sluice.sim.protocol.FormParams;
import io.sluice.sim.protocol.QueryProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Elastic Load Balancing v2 (awsQuery, signing name {@code elasticloadbalancing}): load balancers,
 * listeners with weighted forward actions, rules, target groups, target health and attributes.
 * A request sees the state of its caller's account in the region of its signature. One lock guards
 * all of them; time-dependent state (health checks, draining) is computed from the simulator clock
 * when a request reads it.
 */
public final class Elbv2Service implements SimService, ManualChanges {
    public static final String SIGNING_NAME = "elasticloadbalancing";
    private static final String API_VERSION = "2015-12-01";

    private final SimClock clock;
    private final Map<Scope, RegionState> regions = new HashMap<>();
    private Duration healthCheckDelay = Duration.ofSeconds(30);

    public Elbv2Service(SimClock clock) {
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public boolean recognises(SimRequest request) {
        return params(request).get("Version").filter(API_VERSION::equals).isPresent();
    }

    @Override
    public String operationName(SimRequest request) {
        return params(request).action();
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        return QueryProtocol.error(error, ListenerOperations.XMLNS);
    }

    @Override
    public synchronized SimResponse handle(SimRequest request) {
        FormParams params = params(request);
        RegionState region = regions.computeIfAbsent(Scope.of(request), RegionState::new);
        Instant now = clock.now();
        return switch (params.action()) {
            case "DescribeLoadBalancers" -> ListenerOperations.describeLoadBalancers(region, params);
            case "DescribeListeners" -> ListenerOperations.describeListeners(region, params);
            case "DescribeRules" -> ListenerOperations.describeRules(region, params);
            case "ModifyListener" -> ListenerOperations.modifyListener(region, params, now);
            case "ModifyRule" -> ListenerOperations.modifyRule(region, params, now);
            case "DescribeTags" -> ListenerOperations.describeTags(region, params);
            case "DescribeTargetGroups" -> TargetGroupOperations.describeTargetGroups(region, params);
            case "DescribeTargetHealth" ->
                    TargetGroupOperations.describeTargetHealth(region, params, now, healthCheckDelay);
            case "RegisterTargets" -> TargetGroupOperations.registerTargets(region, params, now);
            case "DeregisterTargets" -> TargetGroupOperations.deregisterTargets(region, params, now);
            case "DescribeTargetGroupAttributes" ->
                    TargetGroupOperations.describeTargetGroupAttributes(region, params);
            case "ModifyTargetGroupAttributes" -> TargetGroupOperations.modifyTargetGroupAttributes(region, params);
            default -> throw AwsError.client(400, "InvalidAction",
                    "The action " + params.action() + " is not valid for this web service.").raise();
        };
    }

    @Override
    public synchronized void load(Map<String, Object> scenarioSection) {
        ScenarioFields section = ScenarioFields.of(SIGNING_NAME, scenarioSection)
                .only("region", "account", "healthCheckDelaySeconds", "targetGroups", "loadBalancers");
        int delay = section.integer("healthCheckDelaySeconds", 30);
        if (delay < 0) {
            throw new IllegalArgumentException(section.path("healthCheckDelaySeconds") + ": must not be negative");
        }
        Map<Scope, RegionState> loaded = Elbv2Scenario.load(section, clock.now());
        regions.clear();
        regions.putAll(loaded);
        healthCheckDelay = Duration.ofSeconds(delay);
    }

    @Override
    public synchronized Map<String, Object> snapshot() {
        return Elbv2Snapshot.of(regions, clock.now(), healthCheckDelay);
    }

    @Override
    public synchronized void applyManualChange(Map<String, Object> change) {
        ManualChange.apply(ScenarioFields.of(SIGNING_NAME, change), regions, clock.now());
    }

    private static FormParams params(SimRequest request) {
        String body = request.method().equals("POST") ? request.bodyText() : "";
        String query = request.rawQuery();
        return FormParams.parse(query.isEmpty() ? body : body.isEmpty() ? query : query + "&" + body);
    }
}
