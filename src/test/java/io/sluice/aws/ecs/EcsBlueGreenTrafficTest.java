package io.sluice.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.Percentages;
import io.sluice.aws.SimAws;
import io.sluice.model.Rollout;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Two ECS services behind one ALB forward: the idle one gets the revision, then the ALB moves traffic. */
class EcsBlueGreenTrafficTest {
    static final String SCENARIO = """
            ecs:
              taskStartTime: 10s
              taskDefinitions:
                - {family: shop, revisions: [6, 7, 8, {revision: 9, bad: true}, 10]}
              clusters:
                - name: prod
                  services:
                    - {name: shop-blue, taskDefinition: "shop:7", desiredCount: 2}
                    - name: shop-green
                      taskDefinition: "shop:6"
                      desiredCount: 2
                      deploymentConfiguration:
                        deploymentCircuitBreaker: {enable: true, rollback: true}
                    - {name: s3-blue, taskDefinition: "shop:7"}
                    - {name: s3-green, taskDefinition: "shop:7"}
                    - {name: s4-blue, taskDefinition: "shop:7"}
                    - {name: s4-green, taskDefinition: "shop:7"}
                    - {name: s5-blue, taskDefinition: "shop:7"}
                    - {name: s5-green, taskDefinition: "shop:7"}
                    - {name: s6-blue, taskDefinition: "shop:7"}
                    - {name: s6-green, taskDefinition: "shop:7"}
                    - {name: s7-blue, taskDefinition: "shop:7"}
                    - {name: s7-green, taskDefinition: "shop:7"}
                    - {name: cd-green, taskDefinition: "shop:7", deploymentController: {type: CODE_DEPLOY}}
                    - {name: native-green, taskDefinition: "shop:7", deploymentConfiguration: {strategy: BLUE_GREEN}}
            elasticloadbalancing:
              healthCheckDelaySeconds: 0
              targetGroups:
                - {name: shop-blue, targets: [{id: 10.0.1.10}, {id: 10.0.1.11}]}
                - {name: shop-green, targets: [{id: 10.0.2.10}, {id: 10.0.2.11}]}
              loadBalancers:
                - name: shop
                  listeners:
                    - port: 443
                      protocol: HTTPS
                      certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
                      defaultActions:
                        - Type: forward
                          ForwardConfig:
                            TargetGroups:
                              - {TargetGroupArn: shop-blue, Weight: 999}
                              - {TargetGroupArn: shop-green, Weight: 0}
                            TargetGroupStickinessConfig: {Enabled: true, DurationSeconds: 60}
            """;

    SimAws sim;
    ElasticLoadBalancingV2Client elb;
    EcsClient ecs;

    @BeforeEach
    void start() throws Exception {
        sim = new SimAws(SCENARIO);
        elb = sim.elb();
        ecs = sim.ecs();
    }

    @AfterEach
    void stop() {
        elb.close();
        ecs.close();
        sim.close();
    }

    String group(String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    String listener() {
        String lb = elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
    }

    Rollout shop(String taskDefinition) {
        return blueGreen("shop", "shop-blue", "shop-green", taskDefinition);
    }

    Rollout blueGreen(String name, String blueService, String greenService, String taskDefinition) {
        return SimAws.rollout(name, "ecs:\n  cluster: prod\n  services: {blue: " + blueService + ", green: " + greenService
                + "}\n  alb:\n    listenerArn: " + listener() + "\n    targetGroups:\n      blue: " + group("shop-blue")
                + "\n      green: " + group("shop-green") + "\n", "taskDefinition: " + taskDefinition + "\n");
    }

    /** AWS weights by target group name, read with a client of its own. */
    Map<String, Integer> awsWeights() {
        Map<String, Integer> out = new LinkedHashMap<>();
        Action forward = elb.describeListeners(r -> r.listenerArns(listener())).listeners().get(0).defaultActions().get(0);
        for (TargetGroupTuple t : forward.forwardConfig().targetGroups()) {
            out.put(t.targetGroupArn().replaceAll(".*:targetgroup/([^/]+)/.*", "$1"), t.weight());
        }
        return out;
    }

    String liveTaskDefinition(String service) {
        return EcsTraffic.revision(ecs.describeServices(r -> r.cluster("prod").services(service)).services().get(0)
                .taskDefinition());
    }

    /** The rollout with shop:8 deployed to the idle green service and steady. */
    Rollout deployedToGreen() {
        Rollout shop = shop("shop:8");
        sim.targets.deploy(shop, "green", "shop:8");
        sim.advance(60);
        return shop;
    }

    @Test
    void namesTheIdleServiceWhenTheNewRevisionRunsNowhere() {
        Observed o = sim.seen(shop("shop:8")).observed();
        assertEquals(Map.of("shop:7", 100, "shop:6", 0), o.weights());
        assertEquals(Map.of("shop:7", "blue", "shop:6", "green"), o.versions());
        assertEquals(new Observed.NotDeployed("green", "shop-green runs shop:6 and takes no traffic"), o.canaryReadiness());
        assertEquals(Observed.SETTLED, o.settlement());
    }

    @Test
    void deploysToTheIdleServiceAndIsNotReadyUntilItsDeploymentCompletes() {
        Rollout shop = shop("shop:8");
        sim.resetCounts();
        sim.targets.deploy(shop, "green", "shop:8");
        assertEquals(1, sim.simCalls("ecs", "UpdateService", "ok"));
        assertEquals("shop:8", liveTaskDefinition("shop-green"));
        assertEquals("shop:7", liveTaskDefinition("shop-blue"));
        assertEquals(Map.of("shop-blue", 999, "shop-green", 0), awsWeights(), "no traffic moved by a deploy");
        sim.advance(10);
        Observed deploying = sim.seen(shop).observed();
        assertEquals(new Observed.NotReady("shop-green: deployment IN_PROGRESS, 1 of 2 tasks running"),
                deploying.canaryReadiness());
        assertEquals(Map.of("shop:7", 100, "shop:8", 0), deploying.weights());
        sim.advance(50);
        Observed steady = sim.seen(shop).observed();
        assertEquals(Observed.READY, steady.canaryReadiness());
        assertEquals(Observed.SETTLED, steady.settlement());
        assertEquals(Map.of("shop:7", "blue", "shop:8", "green"), steady.trafficSides());
    }

    @Test
    void shiftsTenFiftyHundredOnTheAlbAndReadsBackEachSplit() {
        Rollout shop = deployedToGreen();
        for (int percent : List.of(10, 50, 100)) {
            sim.targets.apply(shop, new Split("shop:7", "shop:8", percent), Urgency.MOVING);
            int green = Percentages.toWeight(percent, 999);
            assertEquals(Map.of("shop-blue", 999 - green, "shop-green", green), awsWeights(), percent + "%");
            assertEquals(percent, sim.seen(shop).observed().weightOf("shop:8"));
        }
        Action forward = elb.describeListeners(r -> r.listenerArns(listener())).listeners().get(0).defaultActions().get(0);
        assertEquals(60, forward.forwardConfig().targetGroupStickinessConfig().durationSeconds(), "stickiness kept");
        assertEquals(Map.of("shop:8", 100, "shop:7", 0), sim.seen(shop).observed().weights());
    }

    @Test
    void rollsBackFromFiftyToZeroInOneWrite() {
        Rollout shop = deployedToGreen();
        sim.targets.apply(shop, new Split("shop:7", "shop:8", 50), Urgency.MOVING);
        sim.resetCounts();
        sim.targets.apply(shop, new Split("shop:7", "shop:8", 0), Urgency.MOVING);
        assertEquals(1, sim.simCalls("elasticloadbalancing", "ModifyListener", "ok"));
        assertEquals(0, sim.simCalls("ecs", "UpdateService", "ok"), "the services keep their revisions");
        assertEquals(Map.of("shop-blue", 999, "shop-green", 0), awsWeights());
        assertEquals("shop:8", liveTaskDefinition("shop-green"));
    }

    @Test
    void theNextReleaseGoesToTheServiceThatWasBlue() {
        Rollout shop = deployedToGreen();
        sim.targets.apply(shop, new Split("shop:7", "shop:8", 100), Urgency.MOVING);
        Observed next = sim.seen(shop("shop:10")).observed();
        assertEquals(new Observed.NotDeployed("blue", "shop-blue runs shop:7 and takes no traffic"), next.canaryReadiness());
        sim.targets.deploy(shop("shop:10"), "blue", "shop:10");
        sim.advance(60);
        sim.targets.apply(shop("shop:10"), new Split("shop:8", "shop:10", 10), Urgency.MOVING);
        int blue = Percentages.toWeight(10, 999);
        assertEquals(Map.of("shop-blue", blue, "shop-green", 999 - blue), awsWeights());
    }

    @Test
    void deploysNothingWhileBothServicesTakeTraffic() {
        Rollout shop = deployedToGreen();
        sim.targets.apply(shop, new Split("shop:7", "shop:8", 50), Urgency.MOVING);
        Observed o = sim.seen(shop("shop:10")).observed();
        assertEquals(new Observed.NotReady("neither service is idle (blue 50%, green 50%): shop:10 is deployed only to a"
                + " service without traffic"), o.canaryReadiness());
    }

    @Test
    void reportsACircuitBreakerFailureOnTheIdleServiceAsAFailedDeployment() {
        Rollout shop = shop("shop:9");
        sim.targets.deploy(shop, "green", "shop:9");
        sim.advance(35);
        Observed o = sim.seen(shop).observed();
        Observed.Failed failed = assertInstanceOf(Observed.Failed.class, o.settlement());
        assertTrue(failed.reason().startsWith("shop-green: ") && failed.reason().contains("circuit breaker"), failed.reason());
        assertInstanceOf(Observed.NotReady.class, o.canaryReadiness());
        assertEquals(Map.of("shop-blue", 999, "shop-green", 0), awsWeights());
    }

    @Test
    void reportsAMissingTaskDefinitionBeforeAnyDeploy() {
        sim.resetCounts();
        assertEquals(new Observed.NotReady("task definition shop:99 does not exist"),
                sim.seen(shop("shop:99")).observed().canaryReadiness());
        assertEquals(0, sim.simCalls("ecs", "UpdateService", "ok"));
    }

    @Test
    void reportsWeightsSetByHandAsTheyAre() {
        Rollout shop = deployedToGreen();
        sim.targets.apply(shop, new Split("shop:7", "shop:8", 10), Urgency.MOVING);
        elb.modifyListener(m -> m.listenerArn(listener()).defaultActions(Action.builder().type("forward")
                .forwardConfig(f -> f.targetGroups(TargetGroupTuple.builder().targetGroupArn(group("shop-blue")).weight(700)
                        .build(), TargetGroupTuple.builder().targetGroupArn(group("shop-green")).weight(300).build()))
                .build()));
        assertEquals(Map.of("shop:7", 70, "shop:8", 30), sim.seen(shop).observed().weights());
    }

    @Test
    void refusesASplitWhoseStableRevisionRunsOnNeitherServiceBeforeAnyWrite() {
        Rollout shop = deployedToGreen();
        sim.resetCounts();
        TargetFailure f = assertThrows(TargetFailure.class, () -> sim.targets.apply(shop, new Split("shop:6", "shop:8", 10), Urgency.MOVING));
        assertEquals(TargetFailure.Kind.INVALID, f.kind());
        assertEquals(0, sim.simCalls("elasticloadbalancing", "ModifyListener", "ok"));
        assertEquals(Map.of("shop-blue", 999, "shop-green", 0), awsWeights());
    }

    @Test
    void refusesServicesWhoseOwnDeploymentsMoveListenerWeights() {
        TargetFailure codeDeploy = sim.failure(blueGreen("cd", "shop-blue", "cd-green", "shop:8"));
        assertEquals(TargetFailure.Kind.INVALID, codeDeploy.kind());
        assertTrue(codeDeploy.getMessage().contains("service cd-green deploys with the CODE_DEPLOY controller"),
                codeDeploy.getMessage());
        TargetFailure nativeBlueGreen = sim.failure(blueGreen("native", "shop-blue", "native-green", "shop:8"));
        assertTrue(nativeBlueGreen.getMessage().contains("service native-green deploys with the ECS BLUE_GREEN strategy"),
                nativeBlueGreen.getMessage());
    }

    @Test
    void batchesDescribeServicesAcrossRolloutsOfOneCluster() {
        List<Rollout> rollouts = new ArrayList<>(List.of(shop("shop:8")));
        for (int i = 3; i <= 7; i++) {
            rollouts.add(blueGreen("s" + i, "s" + i + "-blue", "s" + i + "-green", "shop:7"));
        }
        rollouts.add(blueGreen("ghost", "ghost-blue", "ghost-green", "shop:7"));
        sim.resetCounts();
        Map<String, Observation> seen = sim.targets.observe(rollouts, Urgency.MOVING);
        assertEquals(2, sim.simCalls("ecs", "DescribeServices", "ok"), "14 services: 10 + 4");
        assertEquals(1, sim.simCalls("elasticloadbalancing", "DescribeListeners", "ok"), "one listener for all");
        assertTrue(seen.get("ghost") instanceof Observation.Failed f && f.failure().kind() == TargetFailure.Kind.NOT_FOUND);
        assertTrue(seen.get("s7") instanceof Observation.Seen);
    }

    @Test
    void survivesThrottlingAndServerErrorsWithinTheRetryBudget() {
        Rollout shop = deployedToGreen();
        sim.fault(Map.of("service", "ecs", "operation", "DescribeServices", "kind", "throttle", "times", 2));
        sim.fault(Map.of("service", "elasticloadbalancing", "operation", "ModifyListener", "kind", "http500", "times", 2));
        sim.resetCounts();
        sim.targets.apply(shop, new Split("shop:7", "shop:8", 10), Urgency.MOVING);
        assertEquals(3, sim.stats.attempts("Ecs", "DescribeServices"), sim.stats.snapshot().toString());
        assertEquals(3, sim.stats.attempts("ElasticLoadBalancingV2", "ModifyListener"), sim.stats.snapshot().toString());
        assertEquals(Percentages.toWeight(10, 999), awsWeights().get("shop-green"));
    }

    @Test
    void countsTheCallsOfOneObserveOneDeployAndOneShift() {
        sim.resetCounts();
        sim.seen(shop("shop:8"));
        long observeUndeployed = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.targets.deploy(shop("shop:8"), "green", "shop:8");
        long deploy = sim.stats.totalAttempts();
        sim.advance(60);
        sim.resetCounts();
        sim.seen(shop("shop:8"));
        long observeBeforeStart = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.targets.apply(shop("shop:8"), new Split("shop:7", "shop:8", 10), Urgency.MOVING);
        long shift = sim.stats.totalAttempts();
        sim.targets.apply(shop("shop:8"), new Split("shop:7", "shop:8", 100), Urgency.MOVING);
        sim.resetCounts();
        sim.seen(shop("shop:8"));
        long observeAtRest = sim.stats.totalAttempts();
        System.out.println("ECS blue/green calls: observe " + observeUndeployed + " before the deploy, " + observeBeforeStart
                + " before a start, " + observeAtRest + " at rest; deploy " + deploy + "; shift " + shift);
        assertEquals(3, observeUndeployed, "DescribeServices, DescribeListeners, DescribeTaskDefinition");
        assertEquals(3, observeBeforeStart, "DescribeServices, DescribeListeners, DescribeTargetHealth");
        assertEquals(2, observeAtRest, "DescribeServices, DescribeListeners");
        assertEquals(1, deploy, "UpdateService");
        assertEquals(2, shift, "DescribeServices, ModifyListener on the forward the observe read");
    }
}
