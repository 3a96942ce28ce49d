package io.sluice.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fixtures.ShopBlueGreen;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import io.sluice.model.status.RolloutStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The loop runs an ECS blue/green rollout: deploy to the idle service, shift on the ALB, ping-pong next time. */
class EcsBlueGreenEndToEndTest {
    static final String SCENARIO = """
            ecs:
              taskStartTime: 10s
              taskDefinitions:
                - {family: shop, revisions: [7, 8, {revision: 9, bad: true}, 10]}
              clusters:
                - name: prod
                  services:
                    - {name: shop-blue, taskDefinition: "shop:7", desiredCount: 2}
                    - name: shop-green
                      taskDefinition: "shop:7"
                      desiredCount: 2
                      deploymentConfiguration:
                        deploymentCircuitBreaker: {enable: true, rollback: true}
            elasticloadbalancing:
              healthCheckDelaySeconds: 0
              targetGroups:
                - {name: shop-blue, targets: [{id: 10.0.1.10}, {id: 10.0.1.11}]}
                - {name: shop-green, targets: [{id: 10.0.2.10}, {id: 10.0.2.11}]}
              loadBalancers:
                - name: shop
                  listeners:
                    - port: 80
                      defaultActions:
                        - Type: forward
                          ForwardConfig:
                            TargetGroups:
                              - {TargetGroupArn: shop-blue, Weight: 1}
                              - {TargetGroupArn: shop-green, Weight: 0}
            """;

    static Rollout shop(ScenarioHarness h, String taskDefinition) {
        ElasticLoadBalancingV2Client elb = h.aws.elb(Rollout.AwsScope.defaults());
        String text = ShopBlueGreen.rollout(listener(elb), group(elb, "shop-blue"), group(elb, "shop-green"), taskDefinition,
                """
                  strategy:
                    steps:
                      - setWeight: 10
                      - analysis: 1m
                      - setWeight: 50
                      - setWeight: 100
                  analysis:
                    interval: 20s
                    settle: 10s
                    checks:
                      - name: new-side-healthy
                        targetHealth: {}
                """);
        RolloutFiles.FileResult read = RolloutFiles.read(text, "rollouts/shop.yaml");
        return read.rollout().orElseThrow(() -> new AssertionError(read.problems()));
    }

    static String listener(ElasticLoadBalancingV2Client elb) {
        String lb = elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
    }

    static String group(ElasticLoadBalancingV2Client elb, String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    static String runs(ScenarioHarness h, String service) {
        EcsClient ecs = h.aws.ecs(Rollout.AwsScope.defaults());
        String arn = ecs.describeServices(r -> r.cluster("prod").services(service)).services().get(0).taskDefinition();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static List<String> events(RolloutStatus s) {
        return s.history().stream().map(HistoryEntry::event).toList();
    }

    @Test
    void deploysToTheIdleServiceThenShiftsStepByStepAndTheNextReleaseGoesToTheOtherService() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(s -> SCENARIO)) {
            RolloutStatus done = h.runUntilSettled(shop(h, "shop:8"), Duration.ofSeconds(10), Duration.ofMinutes(10));
            assertEquals(Phase.Healthy, done.phase(), h.timeline());
            assertEquals("shop:8", done.stable().orElseThrow().name());
            assertEquals("shop:8", runs(h, "shop-green"));
            assertEquals("shop:7", runs(h, "shop-blue"), "the old service keeps its revision for a fast way back");
            assertEquals(List.of("completed", "setWeight", "setWeight", "setWeight", "start"),
                    events(done).subList(0, 5), h.timeline());
            assertTrue(h.timeline().contains("deploying shop:8 to the idle service green"), h.timeline());
            assertTrue(h.timeline().contains("is not ready: shop-green: deployment IN_PROGRESS"), h.timeline());

            RolloutStatus next = h.runUntilSettled(shop(h, "shop:10"), Duration.ofSeconds(10), Duration.ofMinutes(10));
            assertEquals(Phase.Healthy, next.phase(), h.timeline());
            assertEquals("shop:10", runs(h, "shop-blue"), "ping-pong: blue was idle");
            assertEquals("shop:8", runs(h, "shop-green"));
        }
    }

    @Test
    void aRevisionThatFailsOnTheIdleServiceRollsBackWithoutMovingAnyTraffic() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(s -> SCENARIO)) {
            RolloutStatus s = h.runUntilSettled(shop(h, "shop:9"), Duration.ofSeconds(10), Duration.ofMinutes(10));
            assertEquals(Phase.RolledBack, s.phase(), h.timeline());
            assertTrue(s.message().contains("circuit breaker"), s.message());
            assertEquals(List.of("rollback", "deploy"), events(s), "no step ever started: " + h.timeline());
            ElasticLoadBalancingV2Client elb = h.aws.elb(Rollout.AwsScope.defaults());
            Map<String, Integer> weights = new java.util.TreeMap<>();
            elb.describeListeners(r -> r.listenerArns(listener(elb))).listeners().get(0).defaultActions().get(0).forwardConfig()
                    .targetGroups().forEach(t -> weights.put(t.targetGroupArn().contains("shop-green") ? "green" : "blue",
                            t.weight()));
            assertEquals(0, weights.get("green"), "green never took traffic: " + weights);
            assertEquals("shop:7", runs(h, "shop-blue"));
        }
    }
}
