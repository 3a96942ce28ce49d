package io.sluice.sim.elbv2;

import io.sluice.sim.AwsError;
import io.sluice.sim.ManualChanges;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import io.sluice.sim.ServiceBase;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
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
public final class Elbv2Service extends ServiceBase<Elbv2Service.State> implements ManualChanges {
    public static final String SIGNING_NAME = "elasticloadbalancing";
    private static final String API_VERSION = "2015-12-01";

    /** Every scope's load balancers and target groups, and how long a new target's health check takes. */
    record State(Map<Scope, RegionState> regions, Duration healthCheckDelay) {
    }

    public Elbv2Service(SimClock clock) {
        super(SIGNING_NAME, clock, new State(new HashMap<>(), Duration.ofSeconds(30)));
    }

    @Override
    public boolean recognises(SimRequest request) {
        return FormParams.of(request).get("Version").filter(API_VERSION::equals).isPresent();
    }

    @Override
    public String operationName(SimRequest request) {
        return FormParams.of(request).action();
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        return QueryProtocol.error(error, ListenerOperations.XMLNS);
    }

    @Override
    protected SimResponse answer(SimRequest request, State state, Instant now) {
        FormParams params = FormParams.of(request);
        RegionState region = state.regions().computeIfAbsent(Scope.of(request), RegionState::new);
        return switch (params.action()) {
            case "DescribeLoadBalancers" -> ListenerOperations.describeLoadBalancers(region, params);
            case "DescribeListeners" -> ListenerOperations.describeListeners(region, params);
            case "DescribeRules" -> ListenerOperations.describeRules(region, params);
            case "ModifyListener" -> ListenerOperations.modifyListener(region, params, now);
            case "ModifyRule" -> ListenerOperations.modifyRule(region, params, now);
            case "DescribeTags" -> ListenerOperations.describeTags(region, params);
            case "DescribeTargetGroups" -> TargetGroupOperations.describeTargetGroups(region, params);
            case "DescribeTargetHealth" ->
                    TargetGroupOperations.describeTargetHealth(region, params, now, state.healthCheckDelay());
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
    protected State read(ScenarioFields section, Instant now) {
        section.only("region", "account", "healthCheckDelaySeconds", "targetGroups", "loadBalancers");
        int delay = section.integer("healthCheckDelaySeconds", 30);
        if (delay < 0) {
            throw section.problem("healthCheckDelaySeconds", "must not be negative");
        }
        return new State(new HashMap<>(Elbv2Scenario.load(section, now)), Duration.ofSeconds(delay));
    }

    @Override
    protected Map<String, Object> describe(State state, Instant now) {
        return Elbv2Snapshot.of(state.regions(), now, state.healthCheckDelay());
    }

    @Override
    public void applyManualChange(Map<String, Object> change) {
        change((state, now) -> {
            ManualChange.apply(ScenarioFields.of(SIGNING_NAME, change), state.regions(), now);
            return null;
        });
    }
}
