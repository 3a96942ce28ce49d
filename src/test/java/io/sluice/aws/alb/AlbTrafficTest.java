package io.sluice.aws.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.AwsCallStats;
import io.sluice.aws.SimAws;
import io.sluice.model.Rollout;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

class AlbTrafficTest {
    static final String SCENARIO = """
            elasticloadbalancing:
              healthCheckDelaySeconds: 30
              targetGroups:
                - {name: shop-blue, tags: {version: v1.0}, attributes: {deregistration_delay.timeout_seconds: "30"},
                   targets: [{id: 10.0.1.10}, {id: 10.0.1.11}]}
                - {name: shop-green, tags: {version: v1.1}, targets: [{id: 10.0.2.10}, {id: 10.0.2.11}, {id: 10.0.2.12}]}
                - {name: api-blue, targets: [{id: 10.0.3.10}]}
                - {name: api-green, targets: [{id: 10.0.4.10, health: unhealthy, reason: Target.ResponseCodeMismatch}]}
              loadBalancers:
                - name: shop
                  listeners:
                    - port: 443
                      protocol: HTTPS
                      certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
                      defaultActions:
                        - Type: authenticate-oidc
                          Order: 1
                          AuthenticateOidcConfig:
                            Issuer: https://idp.example.com
                            AuthorizationEndpoint: https://idp.example.com/auth
                            TokenEndpoint: https://idp.example.com/token
                            UserInfoEndpoint: https://idp.example.com/userinfo
                            ClientId: shop
                            OnUnauthenticatedRequest: authenticate
                            Scope: openid email
                            SessionTimeout: 3600
                        - Type: forward
                          Order: 2
                          ForwardConfig:
                            TargetGroups:
                              - {TargetGroupArn: shop-blue, Weight: 999}
                              - {TargetGroupArn: shop-green, Weight: 0}
                            TargetGroupStickinessConfig: {Enabled: true, DurationSeconds: 120}
                    - port: 80
                      defaultActions: [{Type: forward, TargetGroupArn: api-blue}]
                      rules:
                        - priority: 10
                          conditions: [{Field: path-pattern, Values: ["/api/*"]}]
                          actions: [{Type: forward, TargetGroupArn: api-blue}]
                        - priority: 20
                          conditions: [{Field: path-pattern, Values: ["/old/*"]}]
                          actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "410", ContentType: text/plain}}]
            """;

    SimAws sim;
    ElasticLoadBalancingV2Client elb;

    @BeforeEach
    void start() throws Exception {
        sim = new SimAws(SCENARIO);
        elb = sim.elb();
    }

    @AfterEach
    void stop() {
        elb.close();
        sim.close();
    }

    String group(String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    String listener(int port) {
        String lb = elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream().filter(l -> l.port() == port)
                .findFirst().orElseThrow().listenerArn();
    }

    Rule rule(String priority) {
        return elb.describeRules(r -> r.listenerArn(listener(80))).rules().stream()
                .filter(r -> r.priority().equals(priority)).findFirst().orElseThrow();
    }

    Rollout shop(String extra) {
        return SimAws.rollout("shop", "alb:\n  listenerArn: " + listener(443) + "\n  targetGroups:\n    blue: "
                + group("shop-blue") + "\n    green: " + group("shop-green") + "\n" + extra, "active: green\n");
    }

    Rollout api(String ruleArn) {
        return SimAws.rollout("api", "alb:\n  listenerArn: " + listener(80) + "\n  ruleArn: " + ruleArn
                + "\n  targetGroups:\n    blue: " + group("api-blue") + "\n    green: " + group("api-green") + "\n",
                "active: green\n");
    }

    List<Action> defaultActions(int port) {
        String arn = listener(port);
        return elb.describeListeners(r -> r.listenerArns(arn)).listeners().get(0).defaultActions();
    }

    /** The forward's AWS weights by target group name, read without sluice. */
    Map<String, Integer> awsWeights(List<Action> actions) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Action forward = actions.stream().filter(a -> a.typeAsString().equals("forward")).findFirst().orElseThrow();
        for (TargetGroupTuple t : forward.forwardConfig().targetGroups()) {
            out.put(t.targetGroupArn().split("/")[1], t.weight());
        }
        return out;
    }

    @Test
    void observesWeightsVersionsAndCanaryHealthThenShiftsTenFiftyHundred() {
        Rollout shop = shop("");
        Observed before = sim.seen(shop).observed();
        assertEquals(Map.of("blue", 100, "green", 0), before.weights());
        assertEquals(Map.of("blue", "v1.0", "green", "v1.1"), before.versions());
        assertEquals(new Observed.NotReady("green: 3 of 3 targets initial (Elb.RegistrationInProgress)"),
                before.canaryReadiness());
        sim.advance(20);
        assertEquals(new Observed.NotReady("green: 3 of 3 targets initial (Elb.InitialHealthChecking)"),
                sim.seen(shop).observed().canaryReadiness());
        sim.advance(20);
        assertEquals(Observed.READY, sim.seen(shop).observed().canaryReadiness());

        int[][] expected = {{10, 899, 100}, {50, 499, 500}, {100, 0, 999}};
        for (int[] step : expected) {
            sim.targets.apply(shop, new Split("blue", "green", step[0]), Urgency.MOVING);
            assertEquals(Map.of("shop-blue", step[1], "shop-green", step[2]), awsWeights(defaultActions(443)));
            assertEquals(Map.of("blue", 100 - step[0], "green", step[0]), sim.seen(shop).observed().weights());
        }
    }

    @Test
    void keepsEveryOtherActionAndTheStickinessByteForByte() {
        List<Action> before = defaultActions(443);
        sim.targets.apply(shop(""), new Split("blue", "green", 10), Urgency.MOVING);
        List<Action> after = defaultActions(443);
        assertEquals(before.get(0), after.get(0));
        assertEquals(2, after.size());
        assertEquals(before.get(1).order(), after.get(1).order());
        assertEquals(before.get(1).forwardConfig().targetGroupStickinessConfig(),
                after.get(1).forwardConfig().targetGroupStickinessConfig());
        List<Action> otherRule = rule("20").actions();
        sim.targets.apply(api(rule("10").ruleArn()), new Split("blue", "green", 50), Urgency.MOVING);
        assertEquals(otherRule, rule("20").actions());
    }

    @Test
    void setsTheRolloutsStickinessWhenGiven() {
        sim.targets.apply(shop("  stickiness: 300s\n"), new Split("blue", "green", 10), Urgency.MOVING);
        var stickiness = defaultActions(443).get(1).forwardConfig().targetGroupStickinessConfig();
        assertEquals(true, stickiness.enabled());
        assertEquals(300, stickiness.durationSeconds());
    }

    @Test
    void rollsBackFromFiftyToZeroInOneCall() {
        Rollout shop = shop("");
        sim.targets.apply(shop, new Split("blue", "green", 50), Urgency.MOVING);
        sim.resetCounts();
        sim.targets.apply(shop, new Split("blue", "green", 0), Urgency.MOVING);
        assertEquals(Map.of("shop-blue", 999, "shop-green", 0), awsWeights(defaultActions(443)));
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyListener", "ok"));
        assertEquals(1, sim.stats.totalCalls(), "the forward last written is not read again: "
                + sim.stats.snapshot());
    }

    @Test
    void shiftsARuleAndNormalisesTheSingleGroupShape() {
        Rollout api = api(rule("10").ruleArn());
        assertEquals(Map.of("blue", 100, "green", 0), sim.seen(api).observed().weights());
        assertEquals(new Observed.NotReady("green: 1 of 1 targets unused (Target.NotInUse)"),
                sim.seen(api).observed().canaryReadiness());
        sim.targets.apply(api, new Split("blue", "green", 10), Urgency.MOVING);
        assertEquals(Map.of("api-blue", 899, "api-green", 100), awsWeights(rule("10").actions()));
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyRule", "ok"));
        sim.advance(60);
        sim.resetCounts();
        sim.seen(api);
        assertEquals(0, sim.simCalls("elasticloadbalancing", "DescribeTargetHealth", "ok"),
                "health gates a start only; once green takes traffic, the rollout's targetHealth check watches it");
    }

    @Test
    void shiftsTheDefaultRuleThroughModifyListenerNeverModifyRule() {
        Rule defaultRule = elb.describeRules(r -> r.listenerArn(listener(80))).rules().stream()
                .filter(Rule::isDefault).findFirst().orElseThrow();
        Rollout api = api(defaultRule.ruleArn());
        sim.targets.apply(api, new Split("blue", "green", 10), Urgency.MOVING);
        assertEquals(Map.of("api-blue", 899, "api-green", 100), awsWeights(defaultActions(80)));
        assertEquals(Map.of("api-blue", 1), Map.of("api-blue", rule("10").actions().size()));
        assertEquals(0, sim.simCalls("elasticloadbalancing", "ModifyRule", "ok")
                + sim.simCalls("elasticloadbalancing", "ModifyRule", "OperationNotPermitted"));
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyListener", "ok"));
    }

    @Test
    void setsTheDeregistrationDelayOfTheRetiringGroupOnceAsItReachesZero() {
        Rollout shop = shop("  drainSeconds: 300\n");
        sim.targets.apply(shop, new Split("blue", "green", 50), Urgency.MOVING);
        assertEquals(0, sim.simCalls("elasticloadbalancing", "ModifyTargetGroupAttributes", "ok"));
        sim.targets.apply(shop, new Split("blue", "green", 100), Urgency.MOVING);
        String delay = elb.describeTargetGroupAttributes(r -> r.targetGroupArn(group("shop-blue"))).attributes().stream()
                .filter(a -> a.key().equals(AlbTraffic.DRAIN_ATTRIBUTE)).findFirst().orElseThrow().value();
        assertEquals("300", delay);
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyTargetGroupAttributes", "ok"));
        sim.targets.apply(shop, new Split("green", "blue", 50), Urgency.MOVING);
        sim.targets.apply(shop, new Split("green", "blue", 100), Urgency.MOVING);
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyTargetGroupAttributes", "ok"),
                "green already had no such delay; blue kept its 300");
    }

    @Test
    void readsAGroupsDeregistrationDelayOncePerPassWhenTwoRolloutsRetireIt() {
        String drain = "  drainSeconds: 120\n"; // api-blue has the default 300
        Rollout onRule = SimAws.rollout("api", "alb:\n  listenerArn: " + listener(80) + "\n  ruleArn: "
                + rule("10").ruleArn() + "\n  targetGroups:\n    blue: " + group("api-blue") + "\n    green: "
                + group("api-green") + "\n" + drain, "active: green\n");
        Rollout onDefault = SimAws.rollout("api-default", "alb:\n  listenerArn: " + listener(80)
                + "\n  targetGroups:\n    blue: " + group("api-blue") + "\n    green: " + group("api-green") + "\n"
                + drain, "active: green\n");
        sim.resetCounts();
        sim.targets.observe(List.of(onRule, onDefault), Urgency.MOVING);
        sim.targets.apply(onRule, new Split("blue", "green", 100), Urgency.MOVING);
        sim.targets.apply(onDefault, new Split("blue", "green", 100), Urgency.MOVING);
        assertEquals(1, sim.simCalls("elasticloadbalancing", "DescribeTargetGroupAttributes", "ok"),
                "api-blue's delay is read once in the pass, for both rollouts that retire it: " + sim.stats.snapshot());
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyTargetGroupAttributes", "ok"));
        assertEquals(1, sim.simCalls("elasticloadbalancing", "DescribeListeners", "ok"),
                "the observe's only: the shifts wrote into the forwards it had read");
        assertEquals(1, sim.simCalls("elasticloadbalancing", "DescribeRules", "ok"));

        sim.targets.observe(List.of(onRule), Urgency.MOVING);
        sim.targets.apply(onRule, new Split("green", "blue", 100), Urgency.MOVING);
        assertEquals(2, sim.simCalls("elasticloadbalancing", "DescribeTargetGroupAttributes", "ok"),
                "a new pass reads again: someone may have changed it meanwhile");
    }

    @Test
    void neverWritesAllZeroWeights() {
        Rollout shop = shop("");
        for (int p : new int[] {0, 1, 99, 100}) {
            sim.targets.apply(shop, new Split("blue", "green", p), Urgency.MOVING);
            Map<String, Integer> w = awsWeights(defaultActions(443));
            assertEquals(999, w.get("shop-blue") + w.get("shop-green"));
            assertEquals(p, sim.seen(shop).observed().weightOf("green"));
        }
        AlbForward forward = AlbForward.of(defaultActions(443)).orElseThrow();
        assertThrows(IllegalArgumentException.class,
                () -> forward.withWeights(Map.of(group("shop-blue"), 0, group("shop-green"), 0), java.util.Optional.empty()));
    }

    @Test
    void batchesListenersAndRulesAcrossRolloutsAndIsolatesAMissingListener() {
        Rollout shop = shop("");
        Rollout api = api(rule("10").ruleArn());
        Rollout gone = SimAws.rollout("gone", "alb:\n  listenerArn: " + listener(443).replaceAll("/[0-9a-f]+$", "/0000000000000000")
                + "\n  targetGroups:\n    blue: " + group("api-blue") + "\n    green: " + group("api-green") + "\n",
                "active: green\n");
        sim.resetCounts();
        Map<String, Observation> seen = sim.targets.observe(List.of(shop, api, gone), Urgency.MOVING);
        assertInstanceOf(Observation.Seen.class, seen.get("shop"));
        assertInstanceOf(Observation.Seen.class, seen.get("api"));
        TargetFailure failure = ((Observation.Failed) seen.get("gone")).failure();
        assertEquals(TargetFailure.Kind.NOT_FOUND, failure.kind(), failure.getMessage());
        // one batch refused for the unknown listener, then each listener alone; one DescribeRules for the rule
        assertEquals(1, sim.stats.calls("ElasticLoadBalancingV2", "DescribeRules", "ok"), sim.stats.snapshot().toString());
        assertEquals(2, sim.simCalls("elasticloadbalancing", "DescribeListeners", "ListenerNotFound"), "batch, then alone");
        assertEquals(1, sim.simCalls("elasticloadbalancing", "DescribeListeners", "ok"));
        assertEquals(1, sim.simCalls("elasticloadbalancing", "DescribeTags", "ok"));
    }

    @Test
    void aRollbacksCallRetriesThrottlingPastTheRoutineBudgetAndSoonerAfterEachThrottle() {
        Rollout shop = shop("");
        sim.targets.apply(shop, new Split("blue", "green", 50), Urgency.MOVING);
        sim.fault(Map.of("service", "elasticloadbalancing", "operation", "ModifyListener", "kind", "throttle", "times", 8));
        TargetFailure routine = assertThrows(TargetFailure.class,
                () -> sim.targets.apply(shop, new Split("blue", "green", 0), Urgency.MOVING));
        assertEquals(TargetFailure.Kind.THROTTLED, routine.kind(), "3 attempts, all throttled");
        long started = System.nanoTime();
        sim.targets.apply(shop, new Split("blue", "green", 0), Urgency.ROLLBACK);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Map.of("shop-blue", 999, "shop-green", 0), awsWeights(defaultActions(443)));
        assertEquals(8, sim.simCalls("elasticloadbalancing", "ModifyListener", "Throttling"));
        assertTrue(millis < 1500, "five throttles at most 100 ms apart took " + millis + " ms");
    }

    @Test
    void survivesThrottlingAndServerErrorsWithinTheRetryBudget() {
        Rollout shop = shop("");
        sim.resetCounts();
        sim.fault(Map.of("service", "elasticloadbalancing", "operation", "DescribeListeners", "kind", "throttle", "times", 2));
        sim.fault(Map.of("service", "elasticloadbalancing", "operation", "ModifyListener", "kind", "http500", "times", 2));
        assertEquals(100, sim.seen(shop).observed().weightOf("blue"));
        sim.targets.apply(shop, new Split("blue", "green", 10), Urgency.MOVING);
        assertEquals(Map.of("shop-blue", 899, "shop-green", 100), awsWeights(defaultActions(443)));
        assertEquals(2, sim.simCalls("elasticloadbalancing", "DescribeListeners", "Throttling"));
        assertEquals(2, sim.simCalls("elasticloadbalancing", "ModifyListener", "InternalFailure"));
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyListener", "ok"));
        assertEquals(3, sim.stats.attempts("ElasticLoadBalancingV2", "ModifyListener"), sim.stats.snapshot().toString());
    }

    @Test
    void reportsThrottlingBeyondTheBudgetAndCountsItInMetrics() {
        Rollout shop = shop("");
        sim.resetCounts();
        sim.fault(Map.of("service", "elasticloadbalancing", "operation", "DescribeListeners", "kind", "throttle", "times", 5));
        TargetFailure failure = sim.failure(shop);
        assertEquals(TargetFailure.Kind.THROTTLED, failure.kind());
        assertEquals("Throttling", failure.awsCode());
        assertEquals(3, sim.simCalls("elasticloadbalancing", "DescribeListeners", "Throttling"));
        assertEquals(1.0, sim.meters.get(AwsCallStats.CALLS).tag("operation", "DescribeListeners")
                .tag("outcome", "Throttling").counter().count());
        assertEquals(3.0, sim.meters.get(AwsCallStats.ATTEMPTS).tag("operation", "DescribeListeners").counter().count());
    }

    @Test
    void countsTheCallsOfOneObserveAndOneShift() {
        Rollout shop = shop("");
        sim.resetCounts();
        sim.seen(shop);
        long observe = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.targets.apply(shop, new Split("blue", "green", 10), Urgency.MOVING);
        long shift = sim.stats.totalAttempts();
        System.out.println("ALB calls: observe " + observe + ", shift " + shift);
        assertEquals(3, observe, "DescribeListeners, DescribeTags, DescribeTargetHealth");
        assertEquals(1, shift, "ModifyListener, on the forward the observe read");
        sim.targets.apply(shop, new Split("blue", "green", 100), Urgency.MOVING);
        sim.resetCounts();
        sim.seen(shop);
        assertEquals(2, sim.stats.totalAttempts(), "once green takes all traffic its health gates nothing: no DescribeTargetHealth");
    }
}
