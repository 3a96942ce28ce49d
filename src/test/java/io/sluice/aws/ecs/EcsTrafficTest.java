package io.sluice.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.SimAws;
import io.sluice.model.Rollout;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

class EcsTrafficTest {
    static final String SCENARIO = """
            ecs:
              taskStartTime: 10s
              taskDefinitions:
                - {family: web, revisions: [5, 6, {revision: 7, bad: true}]}
              clusters:
                - name: prod
                  services:
                    - name: web
                      taskDefinition: web:5
                      desiredCount: 4
                      deploymentConfiguration:
                        deploymentCircuitBreaker: {enable: true, rollback: true}
                    - {name: worker, taskDefinition: web:5, desiredCount: 2}
                    - {name: w3, taskDefinition: web:5}
                    - {name: w4, taskDefinition: web:5}
                    - {name: w5, taskDefinition: web:5}
                    - {name: w6, taskDefinition: web:5}
                    - {name: w7, taskDefinition: web:5}
                    - {name: w8, taskDefinition: web:5}
                    - {name: w9, taskDefinition: web:5}
                    - {name: w10, taskDefinition: web:5}
                    - {name: w11, taskDefinition: web:5}
            """;

    SimAws sim;
    EcsClient ecs;

    @BeforeEach
    void start() throws Exception {
        sim = new SimAws(SCENARIO);
        ecs = sim.ecs();
    }

    @AfterEach
    void stop() {
        ecs.close();
        sim.close();
    }

    static Rollout service(String name, String taskDefinition) {
        return SimAws.rollout(name, "ecs: {cluster: prod, service: " + name + "}", "taskDefinition: " + taskDefinition + "\n", List.of(100));
    }

    String liveTaskDefinition(String service) {
        String arn = ecs.describeServices(r -> r.cluster("prod").services(service)).services().get(0).taskDefinition();
        return EcsTraffic.revision(arn);
    }

    @Test
    void deploysTheCanaryRevisionAndReportsProgressUntilSteady() {
        Rollout web = service("web", "web:6");
        Observed before = sim.seen(web).observed();
        assertEquals(Map.of("web:5", 100), before.weights());
        assertEquals(Observed.SETTLED, before.settlement());
        assertEquals(Observed.READY, before.canaryReadiness());

        sim.targets.apply(web, new Split("web:5", "web:6", 100), Urgency.MOVING);
        assertEquals("web:6", liveTaskDefinition("web"));
        sim.advance(20);
        Observed half = sim.seen(web).observed();
        assertEquals(Map.of("web:5", 50, "web:6", 50), half.weights());
        assertEquals(new Observed.InProgress("deployment IN_PROGRESS, 2 of 4 tasks running"), half.settlement());
        sim.advance(60);
        Observed done = sim.seen(web).observed();
        assertEquals(Map.of("web:6", 100), done.weights());
        assertEquals(Observed.SETTLED, done.settlement());
    }

    @Test
    void aServiceNamedByItsArnIsObservedAndDeployedLikeOneNamedByName() {
        Rollout byArn = SimAws.rollout("web", "ecs: {cluster: prod, service: arn:aws:ecs:us-east-1:123456789012:service/prod/web}",
                "taskDefinition: web:6\n", List.of(100));
        assertEquals(Map.of("web:5", 100), sim.seen(byArn).observed().weights());
        sim.targets.apply(byArn, new Split("web:5", "web:6", 100), Urgency.MOVING);
        assertEquals("web:6", liveTaskDefinition("web"));
        sim.advance(80);
        assertEquals(Map.of("web:6", 100), sim.seen(byArn).observed().weights());
    }

    @Test
    void rollsBackFromHalfwayToTheStableRevisionInOneCall() {
        Rollout web = service("web", "web:6");
        sim.targets.apply(web, new Split("web:5", "web:6", 100), Urgency.MOVING);
        sim.advance(20);
        sim.resetCounts();
        sim.targets.apply(web, new Split("web:5", "web:6", 0), Urgency.MOVING);
        assertEquals(1, sim.simCalls("ecs", "UpdateService", "ok"));
        assertEquals("web:5", liveTaskDefinition("web"));
        sim.advance(120);
        assertEquals(Map.of("web:5", 100), sim.seen(web).observed().weights());
    }

    @Test
    void refusesAPartialWeightForARollingUpdate() {
        TargetFailure failure = assertThrows(TargetFailure.class,
                () -> sim.targets.apply(service("web", "web:6"), new Split("web:5", "web:6", 50), Urgency.MOVING));
        assertEquals(TargetFailure.Kind.INVALID, failure.kind());
        assertEquals(0, sim.stats.totalCalls());
    }

    @Test
    void reportsACircuitBreakerRollbackAsAFailedDeployment() {
        Rollout web = service("web", "web:7");
        sim.targets.apply(web, new Split("web:5", "web:7", 100), Urgency.MOVING);
        sim.advance(35);
        Observed failed = sim.seen(web).observed();
        assertTrue(failed.settlement() instanceof Observed.Failed f && f.reason().contains("circuit breaker"),
                failed.settlement().toString());
    }

    @Test
    void reportsAMissingTaskDefinitionAsNotReady() {
        assertEquals(new Observed.NotReady("task definition web:9 does not exist"),
                sim.seen(service("web", "web:9")).observed().canaryReadiness());
    }

    @Test
    void batchesDescribeServicesByTenPerClusterAndIsolatesAMissingService() {
        List<Rollout> rollouts = new ArrayList<>();
        rollouts.add(service("web", "web:6"));
        rollouts.add(service("worker", "web:6"));
        for (int i = 3; i <= 11; i++) {
            rollouts.add(service("w" + i, "web:5"));
        }
        rollouts.add(service("ghost", "web:5"));
        sim.resetCounts();
        Map<String, Observation> seen = sim.targets.observe(rollouts, Urgency.MOVING);
        assertEquals(2, sim.simCalls("ecs", "DescribeServices", "ok"), "12 services: 10 + 2");
        assertEquals(1, sim.simCalls("ecs", "DescribeTaskDefinition", "ok"),
                "web:6 asked once, though two rollouts wait for it");
        assertTrue(seen.get("ghost") instanceof Observation.Failed f && f.failure().kind() == TargetFailure.Kind.NOT_FOUND);
        assertTrue(seen.get("w11") instanceof Observation.Seen);
    }

    @Test
    void asksForARegisteredRevisionOnceAndForAMissingOneAgainEachPass() {
        sim.seen(service("web", "web:6"));
        sim.seen(service("worker", "web:9"));
        sim.resetCounts();
        assertEquals(Observed.READY, sim.seen(service("web", "web:6")).observed().canaryReadiness());
        assertEquals(new Observed.NotReady("task definition web:9 does not exist"),
                sim.seen(service("worker", "web:9")).observed().canaryReadiness());
        assertEquals(0, sim.simCalls("ecs", "DescribeTaskDefinition", "ok"), "web:6 is known to be registered");
        assertEquals(1, sim.simCalls("ecs", "DescribeTaskDefinition", "ClientException"),
                "web:9 may have been registered since: asked again");
    }

    @Test
    void survivesThrottlingAndServerErrorsWithinTheRetryBudget() {
        Rollout web = service("web", "web:6");
        sim.fault(Map.of("service", "ecs", "operation", "DescribeServices", "kind", "throttle", "times", 2));
        sim.fault(Map.of("service", "ecs", "operation", "UpdateService", "kind", "http500", "times", 2));
        assertEquals(Map.of("web:5", 100), sim.seen(web).observed().weights());
        sim.targets.apply(web, new Split("web:5", "web:6", 100), Urgency.MOVING);
        assertEquals(3, sim.stats.attempts("Ecs", "DescribeServices"), sim.stats.snapshot().toString());
        assertEquals(3, sim.stats.attempts("Ecs", "UpdateService"));
        assertEquals("web:6", liveTaskDefinition("web"));
    }

    @Test
    void countsTheCallsOfOneObserveAndOneShift() {
        Rollout web = service("web", "web:6");
        sim.seen(web);
        long observe = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.targets.apply(web, new Split("web:5", "web:6", 100), Urgency.MOVING);
        long shift = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.seen(web);
        long observeDeploying = sim.stats.totalAttempts();
        System.out.println("ECS calls: observe " + observe + " (" + observeDeploying + " once it runs), shift " + shift);
        assertEquals(2, observe, "DescribeServices, DescribeTaskDefinition");
        assertEquals(1, observeDeploying, "DescribeServices");
        assertEquals(1, shift, "UpdateService");
    }
}
