package io.sluice.analysis;

import static io.sluice.analysis.AnalysisSim.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fixtures.ShopBlueGreen;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.plan.AbortVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CloudWatch alarms, ALB target health and ECS steady state through the real clients against the simulator. */
class AlarmsAndTargetHealthTest {
    AnalysisSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    static String alarmScenario(int extraAlarms) {
        StringBuilder s = new StringBuilder("""
                monitoring:
                  start: 2026-11-24T10:00:00Z
                  metrics:
                    - namespace: Makenaide/Orchestrator
                      metric: Timeouts
                      dimensions: {FunctionName: orchestrator}
                      kind: count
                      schedule:
                        - until: 2026-11-24T10:05:00Z
                          value: 1
                        - value: 3
                  alarms:
                    - name: makenaide-orchestrator-timeouts
                      namespace: Makenaide/Orchestrator
                      metric: Timeouts
                      dimensions: {FunctionName: orchestrator}
                      statistic: Sum
                      period: 60
                      evaluationPeriods: 1
                      threshold: 2
                      comparison: GreaterThanThreshold
                      treatMissingData: notBreaching
                """);
        for (int i = 0; i < extraAlarms; i++) {
            s.append("""
                        - name: quiet-%d
                          namespace: Makenaide/Orchestrator
                          metric: Timeouts
                          dimensions: {FunctionName: orchestrator}
                          statistic: Sum
                          period: 60
                          evaluationPeriods: 1
                          threshold: 1000
                          comparison: GreaterThanThreshold
                    """.formatted(i));
        }
        return s.toString();
    }

    static Rollout withAlarms(String name, String alarms) {
        return Rollouts.lambda(name, """
                - name: timeouts
                  alarms: [%s]
                """.formatted(alarms));
    }

    @Test
    void moreThanTwoTimeoutsFailsThroughTheTeamsAlarm() throws Exception {
        sim = new AnalysisSim(alarmScenario(0));
        Rollout r = withAlarms("orchestrator", "makenaide-orchestrator-timeouts");
        sim.advance(Duration.ofMinutes(4));
        CheckStatus quiet = check(sim.measure(r, "2", "1", List.of()), "timeouts");
        assertEquals(Result.pass, quiet.result());
        assertEquals(0, quiet.value().orElseThrow());
        sim.advance(Duration.ofMinutes(4));
        CheckStatus alarming = check(sim.measure(r, "2", "1", List.of(quiet)), "timeouts");
        assertEquals(Result.fail, alarming.result());
        assertEquals(1, alarming.value().orElseThrow());
    }

    @Test
    void aMissingAlarmIsAProviderErrorUnlessAnotherListedAlarmIsAlarming() throws Exception {
        sim = new AnalysisSim(alarmScenario(0));
        sim.advance(Duration.ofMinutes(8));
        Rollout onlyMissing = withAlarms("a", "no-such-alarm");
        Rollout missingAndAlarming = withAlarms("b", "no-such-alarm, makenaide-orchestrator-timeouts");
        Map<String, List<CheckStatus>> m = sim.measure(List.of(AnalysisSim.request(onlyMissing, "2", "1", List.of()),
                AnalysisSim.request(missingAndAlarming, "2", "1", List.of())));
        assertEquals(Result.error, m.get("a").get(0).result());
        assertEquals(0, m.get("a").get(0).consecutiveFailures());
        assertEquals(Result.fail, m.get("b").get(0).result());
        assertEquals(1, sim.calls("monitoring", "DescribeAlarms"), "both rollouts' alarms in one call");

        CloudWatchAlarmsProvider provider = new CloudWatchAlarmsProvider(sim.clients());
        DueCheck due = DueCheck.of(AnalysisSim.request(onlyMissing, "2", "1", List.of()), onlyMissing.analysis().orElseThrow().checks().get(0));
        assertEquals(new Measurement.ProviderError("no such alarm: no-such-alarm"),
                provider.batches(List.of(due), sim.now()).get(0).measure().get().get(due.ref()));
    }

    @Test
    void alarmNamesOfManyRolloutsAreAskedAHundredPerCall() throws Exception {
        sim = new AnalysisSim(alarmScenario(150));
        sim.advance(Duration.ofMinutes(4));
        List<AnalysisRequest> requests = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            requests.add(AnalysisSim.request(withAlarms("r" + i, "quiet-" + i), "2", "1", List.of()));
        }
        Map<String, List<CheckStatus>> m = sim.measure(requests);
        assertEquals(2, sim.calls("monitoring", "DescribeAlarms"));
        m.values().forEach(checks -> assertEquals(Result.pass, checks.get(0).result()));
    }

    static final String ELB_SCENARIO = """
            elasticloadbalancing:
              healthCheckDelaySeconds: 0
              targetGroups:
                - name: web-blue
                  targets: [{id: 10.0.1.10}, {id: 10.0.1.11}]
                - name: web-green
                  targets:
                    - {id: 10.0.2.10}
                    - id: 10.0.2.11
                      health: unhealthy
                      reason: Target.Timeout
                      healthChanges:
                        - {at: 2026-11-24T10:05:00Z, health: healthy}
                - name: web-empty
              loadBalancers:
                - name: web
                  listeners:
                    - port: 80
                      defaultActions:
                        - Type: forward
                          ForwardConfig:
                            TargetGroups:
                              - {TargetGroupArn: web-blue, Weight: 90}
                              - {TargetGroupArn: web-green, Weight: 10}
                              - {TargetGroupArn: web-empty, Weight: 0}
            """;

    String arnOf(String name) {
        return sim.elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    @Test
    void albTargetHealthIsTheHealthyPercentOfTheCanaryTargetGroup() throws Exception {
        sim = new AnalysisSim(ELB_SCENARIO);
        Rollout web = Rollouts.alb("web", "us-east-1", arnOf("web-blue"), arnOf("web-green"), """
                - name: green-healthy
                  targetHealth: { minHealthyPercent: 100 }
                """);
        CheckStatus half = check(sim.measure(web, "green", "blue", List.of()), "green-healthy");
        assertEquals(Result.fail, half.result());
        assertEquals(50, half.value().orElseThrow(), 1e-9);
        sim.advance(Duration.ofMinutes(6));
        CheckStatus all = check(sim.measure(web, "green", "blue", List.of(half)), "green-healthy");
        assertEquals(Result.pass, all.result());
        assertEquals(100, all.value().orElseThrow(), 1e-9);

        Rollout empty = Rollouts.alb("empty", "us-east-1", arnOf("web-blue"), arnOf("web-empty"), """
                - name: green-healthy
                  targetHealth: {}
                """);
        CheckStatus none = check(sim.measure(empty, "green", "blue", List.of()), "green-healthy");
        assertEquals(Result.inconclusive, none.result(), "no targets is no data, not a failure");
    }

    @Test
    void ecsBlueGreenTargetHealthReadsTheGroupOfTheServiceRunningTheNewRevision() throws Exception {
        sim = new AnalysisSim(ELB_SCENARIO);
        Rollout shop = AnalysisSim.rollout(ShopBlueGreen.rollout(
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/fedcba9876543210/f2f7dc8efc522ab2",
                arnOf("web-blue"), arnOf("web-green"), "shop:8", """
                  strategy:
                    steps:
                      - setWeight: 10
                      - setWeight: 100
                  analysis:
                    checks:
                      - name: new-side-healthy
                        targetHealth: {}
                """));
        // shop:8 runs on the green service this time; the next release would run on blue
        Map<String, List<CheckStatus>> m = sim.measure(List.of(new AnalysisRequest(shop, "shop:8", "shop:7",
                java.util.Optional.empty(), Map.of("shop:8", "green", "shop:7", "blue"))));
        assertEquals(50, check(m.get("shop"), "new-side-healthy").value().orElseThrow(), 1e-9);
        Map<String, List<CheckStatus>> pong = sim.measure(List.of(new AnalysisRequest(shop, "shop:8", "shop:7",
                java.util.Optional.empty(), Map.of("shop:8", "blue", "shop:7", "green"))));
        assertEquals(100, check(pong.get("shop"), "new-side-healthy").value().orElseThrow(), 1e-9);
    }

    @Test
    void threeConsecutiveFailedTargetHealthChecksAbort() throws Exception {
        sim = new AnalysisSim(ELB_SCENARIO);
        Rollout web = Rollouts.alb("web", "us-east-1", arnOf("web-blue"), arnOf("web-green"), """
                - name: green-healthy
                  targetHealth: {}
                  for: 3
                """);
        List<CheckStatus> last = List.of();
        for (int i = 1; i <= 3; i++) {
            last = sim.measure(web, "green", "blue", last);
            assertEquals(i, last.get(0).consecutiveFailures());
            assertEquals(i == 3, AbortVerdict.abortsRollout(web.analysis().orElseThrow().checks().get(0), last.get(0)));
            sim.advance(Duration.ofSeconds(30));
        }
    }

    static String ecsScenario(int extraServices) {
        StringBuilder s = new StringBuilder("""
                ecs:
                  taskStartTime: 30s
                  taskDefinitions:
                    - family: rag-backend
                      revisions: [41, 42]
                  clusters:
                    - name: rag
                      services:
                        - {name: rag-backend, taskDefinition: "rag-backend:41", desiredCount: 4}
                """);
        for (int i = 0; i < extraServices; i++) {
            s.append("        - {name: svc-%d, taskDefinition: \"rag-backend:41\", desiredCount: 2}\n".formatted(i));
        }
        return s.toString();
    }

    static final String STEADY = """
            - name: steady
              targetHealth: {}
            """;

    @Test
    void ecsServiceIsSteadyWhenItsPrimaryDeploymentCompletedWithAllTasksRunning() throws Exception {
        sim = new AnalysisSim(ecsScenario(0));
        Rollout rag = Rollouts.ecs("rag-backend", "rag-backend", STEADY);
        CheckStatus steady = check(sim.measure(rag, "rag-backend:42", "rag-backend:41", List.of()), "steady");
        assertEquals(Result.pass, steady.result());
        assertEquals(100, steady.value().orElseThrow(), 1e-9);

        sim.ecs.updateService(r -> r.cluster("rag").service("rag-backend").taskDefinition("rag-backend:42"));
        sim.advance(Duration.ofSeconds(30));
        CheckStatus rolling = check(sim.measure(rag, "rag-backend:42", "rag-backend:41", List.of(steady)), "steady");
        assertEquals(Result.fail, rolling.result());
        assertEquals(25, rolling.value().orElseThrow(), 1e-9, "1 of 4 tasks of the new deployment running");

        sim.advance(Duration.ofMinutes(3));
        CheckStatus done = check(sim.measure(rag, "rag-backend:42", "rag-backend:41", List.of(rolling)), "steady");
        assertEquals(Result.pass, done.result());
    }

    @Test
    void ecsServicesOfOneClusterAreDescribedTenPerCall() throws Exception {
        sim = new AnalysisSim(ecsScenario(12));
        List<AnalysisRequest> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(AnalysisSim.request(Rollouts.ecs("svc-" + i, "svc-" + i, STEADY), "rag-backend:41", "rag-backend:40", List.of()));
        }
        requests.add(AnalysisSim.request(Rollouts.ecs("gone", "no-such-service", STEADY), "rag-backend:41", "rag-backend:40", List.of()));
        Map<String, List<CheckStatus>> m = sim.measure(requests);
        assertEquals(2, sim.calls("ecs", "DescribeServices"));
        for (int i = 0; i < 12; i++) {
            assertEquals(Result.pass, m.get("svc-" + i).get(0).result());
        }
        assertEquals(Result.error, m.get("gone").get(0).result(), "a missing service is a provider error");
        assertTrue(m.get("gone").get(0).value().isEmpty());
    }
}
