package io.sluice.reconcile;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Each deployment of config-repo-example runs to completion against the simulator, and a failing
 * variant of each rolls back; weights are read back through separate SDK clients, the way a person
 * would check in the console.
 */
class ScenariosEndToEndTest {
    static final UnaryOperator<String> AS_IS = s -> s;
    static final UnaryOperator<String> HEALTHY_ISSHONI = s -> s.replace(
            "schedule: [{until: 12m, value: 0.0005}, {value: 0.04}]", "value: 0.0005");

    @Test
    void lambdaOrchestratorMovesTheAliasToVersionTwoInSixSteps() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            Rollout r = example("makenaide-orchestrator", AS_IS);
            RolloutStatus s = h.runUntilSettled(r, Duration.ofMinutes(10), Duration.ofHours(30));
            assertEquals(Phase.Healthy, s.phase(), h.timeline());
            GetAliasResponse alias = lambda(h).getAlias(a -> a.functionName("makenaide-integrated-orchestrator").name("live"));
            assertEquals("2", alias.functionVersion());
            assertTrue(alias.routingConfig() == null || alias.routingConfig().additionalVersionWeights().isEmpty());
            assertEquals(6, s.history().stream().filter(e -> e.event().equals("setWeight")).count(), h.timeline());
        }
    }

    @Test
    void lambdaOrchestratorRollsBackWhenVersionTwoErrsAboveFivePercent() throws Exception {
        UnaryOperator<String> failing = s -> s.replace("relativeTo: orch-v2-invocations, value: 0.0,",
                "relativeTo: orch-v2-invocations, value: 0.08,");
        try (ScenarioHarness h = new ScenarioHarness(failing)) {
            Rollout r = example("makenaide-orchestrator", AS_IS);
            RolloutStatus s = h.runUntilSettled(r, Duration.ofMinutes(10), Duration.ofHours(30));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            assertTrue(s.history().get(0).reason().orElse("").matches("error-rate 0\\.0\\d+ above 0\\.05 \\(1 of 1\\)"), h.timeline());
            GetAliasResponse alias = lambda(h).getAlias(a -> a.functionName("makenaide-integrated-orchestrator").name("live"));
            assertEquals("1", alias.functionVersion());
            assertTrue(alias.routingConfig() == null || alias.routingConfig().additionalVersionWeights().isEmpty());
        }
    }

    @Test
    void isshoniCanaryReachesGreenAndDrainsBlue() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(HEALTHY_ISSHONI)) {
            Rollout r = example("isshoni-web", AS_IS);
            RolloutStatus s = h.runUntilSettled(r, Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.Healthy, s.phase(), h.timeline());
            assertEquals(Map.of("isshoni-blue", 0, "isshoni-green", 999), weights(h, "isshoni"));
            String blue = elb(h).describeTargetGroups(t -> t.names("isshoni-blue")).targetGroups().get(0).targetGroupArn();
            assertEquals("300", elb(h).describeTargetGroupAttributes(a -> a.targetGroupArn(blue)).attributes().stream()
                    .filter(a -> a.key().equals("deregistration_delay.timeout_seconds")).findFirst().orElseThrow().value());
        }
    }

    @Test
    void isshoniRollsBackToBlueWhenGreenServesFourPercentFiveXx() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            Rollout r = example("isshoni-web", AS_IS);
            RolloutStatus s = h.runUntilSettled(r, Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            assertTrue(s.history().get(0).reason().orElse("").startsWith("five-xx-rate"), h.timeline());
            assertEquals(Map.of("isshoni-blue", 999, "isshoni-green", 0), weights(h, "isshoni"));
        }
    }

    @Test
    void nodeAppAlbPingPongsToGreenThenDnsMovesToTheAlb() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            RolloutStatus alb = h.runUntilSettled(example("nodeapp-alb", AS_IS), Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.Healthy, alb.phase(), h.timeline());
            assertEquals(Map.of("nodeapp-blue", 0, "nodeapp-green", 999), weights(h, "nodeapp"));
            RolloutStatus dns = h.runUntilSettled(example("nodeapp-dns", AS_IS), Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.Healthy, dns.phase(), h.timeline());
            assertEquals(Map.of("app-single-host", 0L, "app-alb", 255L), recordWeights(h));
        }
    }

    @Test
    void nodeAppRollsBackAfterThreeFailedDeepHealthChecks() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            h.standIns.answer("nodeapp-green.internal.example.com", 503);
            RolloutStatus s = h.runUntilSettled(example("nodeapp-alb", AS_IS), Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            assertTrue(s.history().get(0).reason().orElse("").startsWith("deep-health"), h.timeline());
            assertTrue(s.history().get(0).reason().orElse("").endsWith("(3 of 3)"), h.timeline());
            assertEquals(Map.of("nodeapp-blue", 999, "nodeapp-green", 0), weights(h, "nodeapp"));

            h.standIns.answer("app-alb.internal.example.com", 503);
            RolloutStatus dns = h.runUntilSettled(example("nodeapp-dns", AS_IS), Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.RolledBack, dns.phase(), h.timeline());
            assertEquals(Map.of("app-single-host", 255L, "app-alb", 0L), recordWeights(h));
        }
    }

    @Test
    void modelPlatformCompletesOnceAPersonApprovesTheGoNoGo() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            Rollout waiting = example("model-platform", AS_IS);
            for (int i = 0; i < 40 && h.reconciler.statuses().getOrDefault(waiting.name(), null) == null
                    || h.reconciler.statuses().get(waiting.name()).phase() != Phase.Paused; i++) {
                h.pass(waiting);
                h.clock.advance(Duration.ofSeconds(30));
            }
            RolloutStatus paused = h.reconciler.statuses().get(waiting.name());
            assertEquals(Phase.Paused, paused.phase(), h.timeline());
            assertTrue(paused.message().contains("set spec.approvedStep: 4"), paused.message());
            assertEquals(Map.of("model-api-blue", 499, "model-api-green", 500), ruleWeights(h));
            Rollout approved = example("model-platform", t -> t.replace("  active: green\n", "  active: green\n  approvedStep: 4\n"));
            RolloutStatus s = h.runUntilSettled(approved, Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.Healthy, s.phase(), h.timeline());
            assertEquals(Map.of("model-api-blue", 0, "model-api-green", 999), ruleWeights(h));
        }
    }

    @Test
    void modelPlatformRollsBackWhenP95StaysAboveTwoSecondsForThreeMinutes() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            h.standIns.prometheusP95Seconds(2.6);
            RolloutStatus s = h.runUntilSettled(example("model-platform", AS_IS), Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            assertTrue(s.history().get(0).reason().orElse("").startsWith("p95-latency 2.6 above 2 (3 of 3)"), h.timeline());
            assertEquals(Map.of("model-api-blue", 999, "model-api-green", 0), ruleWeights(h));
        }
    }

    @Test
    void ragBackendDeploysRevisionFortyTwo() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            RolloutStatus s = h.runUntilSettled(example("rag-backend", AS_IS), Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.Healthy, s.phase(), h.timeline());
            assertTrue(serviceTaskDefinition(h).endsWith("task-definition/rag-backend:42"), serviceTaskDefinition(h));
        }
    }

    @Test
    void ragBackendRollsBackWhenRevisionFortyTwoNeverStarts() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(s -> s.replace("revisions: [41, 42, 43]",
                "revisions: [41, {revision: 42, bad: true}, 43]"))) {
            RolloutStatus s = h.runUntilSettled(example("rag-backend", AS_IS), Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            assertTrue(s.history().get(0).reason().orElse("").contains("rag-backend:42"), h.timeline());
            h.clock.advance(Duration.ofMinutes(10));
            assertTrue(serviceTaskDefinition(h).endsWith("task-definition/rag-backend:41"), serviceTaskDefinition(h));
        }
    }

    @Test
    void ragBackendBlueGreenDeploysFortyThreeToTheIdleGreenServiceAndMovesTheListenerToIt() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(AS_IS)) {
            RolloutStatus s = h.runUntilSettled(example("rag-backend-bluegreen", AS_IS), Duration.ofSeconds(30),
                    Duration.ofHours(1));
            assertEquals(Phase.Healthy, s.phase(), h.timeline());
            assertEquals(Map.of("rag-backend-blue", 0, "rag-backend-green", 999), weights(h, "rag"));
            assertTrue(taskDefinition(h, "rag-backend-green").endsWith("task-definition/rag-backend:43"), h.timeline());
            assertTrue(taskDefinition(h, "rag-backend-blue").endsWith("task-definition/rag-backend:42"),
                    "blue keeps the old revision for a fast way back");
            assertEquals(3, s.history().stream().filter(e -> e.event().equals("setWeight")).count(), h.timeline());
            assertTrue(h.timeline().contains("deploying rag-backend:43 to the idle service green"), h.timeline());
        }
    }

    @Test
    void ragBackendBlueGreenRollsBackToBlueWhenFortyThreeErrsAboveTenAMinuteAtFiftyPercent() throws Exception {
        UnaryOperator<String> failing = s -> s.replace(
                "value: 3,\n       dimensions: {Service: rag-backend, TaskDefinition: \"rag-backend:43\"}",
                "schedule: [{until: 9m, value: 3}, {value: 25}],\n       dimensions: {Service: rag-backend, TaskDefinition: \"rag-backend:43\"}");
        try (ScenarioHarness h = new ScenarioHarness(failing)) {
            RolloutStatus s = h.runUntilSettled(example("rag-backend-bluegreen", AS_IS), Duration.ofSeconds(30),
                    Duration.ofHours(1));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            RolloutStatus.HistoryEntry rollback = s.history().get(0);
            assertEquals("rollback", rollback.event(), h.timeline());
            assertTrue(rollback.reason().orElse("").startsWith("app-errors 25 above 10"), h.timeline());
            assertEquals(java.util.Optional.of("50/50"), rollback.from(), "rolled back from the 50% step: " + h.timeline());
            assertEquals(Map.of("rag-backend-blue", 999, "rag-backend-green", 0), weights(h, "rag"));
            Service blue = service(h, "rag-backend-blue");
            assertTrue(blue.taskDefinition().endsWith("task-definition/rag-backend:42"), blue.taskDefinition());
            assertEquals(1, blue.deployments().size(), "blue was never redeployed: " + blue.deployments());
            assertTrue(taskDefinition(h, "rag-backend-green").endsWith("task-definition/rag-backend:43"),
                    "green keeps the failed revision until the next release replaces it");
        }
    }

    @Test
    void ragBackendBlueGreenRollsBackOnceWhenTheCircuitBreakerUndidFortyThreeBetweenTwoPasses() throws Exception {
        UnaryOperator<String> bad = s -> s.replace("revisions: [41, 42, 43]", "revisions: [41, 42, {revision: 43, bad: true}]");
        try (ScenarioHarness h = new ScenarioHarness(bad)) {
            Rollout r = example("rag-backend-bluegreen", AS_IS);
            // passes 3 minutes apart: green fails 3 tasks, rolls back to 42 and is steady again before the second one
            RolloutStatus s = h.runUntilSettled(r, Duration.ofMinutes(3), Duration.ofHours(1));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            assertTrue(s.history().get(0).reason().orElse("").startsWith(
                    "deployment of rag-backend:43 (green) was undone before it took traffic"), h.timeline());
            for (int i = 0; i < 10; i++) {
                h.clock.advance(Duration.ofMinutes(3));
                h.pass(r);
            }
            assertEquals(Phase.RolledBack, h.reconciler.statuses().get(r.name()).phase(), h.timeline());
            assertEquals(1, updateServiceCalls(h), "43 was deployed once, not once a pass: " + h.timeline());
            assertTrue(taskDefinition(h, "rag-backend-green").endsWith("task-definition/rag-backend:42"));
            assertEquals(Map.of("rag-backend-blue", 100, "rag-backend-green", 0), weights(h, "rag"),
                    "the listener is as the scenario set it: no traffic ever moved");
        }
    }

    private static long updateServiceCalls(ScenarioHarness h) {
        Object ecs = h.sim.control().calls().snapshot().get("ecs");
        if (!(ecs instanceof Map<?, ?> ops) || !(ops.get("UpdateService") instanceof Map<?, ?> outcomes)) {
            return 0;
        }
        return outcomes.values().stream().mapToLong(n -> ((Number) n).longValue()).sum();
    }

    private static StaticCredentialsProvider creds() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPERSON", "secret"));
    }

    private static ElasticLoadBalancingV2Client elb(ScenarioHarness h) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(h.sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static LambdaClient lambda(ScenarioHarness h) {
        return LambdaClient.builder().endpointOverride(h.sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Target group name -> weight of the load balancer's listener default forward. */
    private static Map<String, Integer> weights(ScenarioHarness h, String loadBalancer) {
        var client = elb(h);
        String lb = client.describeLoadBalancers(d -> d.names(loadBalancer)).loadBalancers().get(0).loadBalancerArn();
        Action forward = client.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).defaultActions().get(0);
        return byName(forward);
    }

    private static Map<String, Integer> ruleWeights(ScenarioHarness h) {
        var client = elb(h);
        String lb = client.describeLoadBalancers(d -> d.names("model-platform")).loadBalancers().get(0).loadBalancerArn();
        String listener = client.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).listenerArn();
        Action forward = client.describeRules(d -> d.listenerArn(listener)).rules().stream()
                .filter(r -> "10".equals(r.priority())).findFirst().orElseThrow().actions().get(0);
        return byName(forward);
    }

    private static Map<String, Integer> byName(Action forward) {
        return forward.forwardConfig().targetGroups().stream().collect(Collectors.toMap(
                t -> t.targetGroupArn().replaceAll(".*:targetgroup/([^/]+)/.*", "$1"), t -> t.weight()));
    }

    private static Map<String, Long> recordWeights(ScenarioHarness h) {
        Route53Client r53 = Route53Client.builder().endpointOverride(h.sim.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(creds()).httpClient(UrlConnectionHttpClient.create()).build();
        return r53.listResourceRecordSets(l -> l.hostedZoneId("Z0123456789EXAMPLE")).resourceRecordSets().stream()
                .filter(rs -> rs.setIdentifier() != null)
                .collect(Collectors.toMap(rs -> rs.setIdentifier(), rs -> rs.weight()));
    }

    private static String serviceTaskDefinition(ScenarioHarness h) {
        return taskDefinition(h, "rag-backend");
    }

    private static String taskDefinition(ScenarioHarness h, String service) {
        return service(h, service).taskDefinition();
    }

    private static Service service(ScenarioHarness h, String name) {
        EcsClient ecs = EcsClient.builder().endpointOverride(h.sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds()).httpClient(UrlConnectionHttpClient.create()).build();
        return ecs.describeServices(d -> d.cluster("rag").services(name)).services().get(0);
    }

}
