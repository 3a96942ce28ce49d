package io.sluice.analysis;

import static io.sluice.analysis.AnalysisSim.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.plan.AbortVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scenarios' CloudWatch rules, measured through the real CloudWatch client against the simulator. */
class CloudWatchMetricsTest {
    static final String ALB_SCENARIO = """
            monitoring:
              start: 2026-11-24T10:00:00Z
              metrics:
                - id: green-requests
                  namespace: AWS/ApplicationELB
                  metric: RequestCount
                  dimensions: {TargetGroup: %2$s, LoadBalancer: %1$s}
                  kind: count
                  value: 1000
                - namespace: AWS/ApplicationELB
                  metric: HTTPCode_Target_5XX_Count
                  dimensions: {TargetGroup: %2$s, LoadBalancer: %1$s}
                  kind: count
                  relativeTo: green-requests
                  omitZero: true
                  schedule:
                    - until: 2026-11-24T10:05:00Z
                      value: 0.002
                    - value: 0.06
            """.formatted(Rollouts.LB, Rollouts.GREEN_TG);

    AnalysisSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void failsWhenFiveXxRateOfTheCanaryTargetGroupRisesAboveOnePercent() throws Exception {
        sim = new AnalysisSim(ALB_SCENARIO);
        Rollout web = Rollouts.alb("web", Rollouts.FIVE_XX_RATE);
        sim.advance(Duration.ofMinutes(4));
        CheckStatus before = check(sim.measure(web, "green", "blue", List.of()), "five-xx-rate");
        assertEquals(Result.pass, before.result());
        assertEquals(0.002, before.value().orElseThrow(), 1e-9);

        sim.advance(Duration.ofMinutes(4));
        CheckStatus after = check(sim.measure(web, "green", "blue", List.of(before)), "five-xx-rate");
        assertEquals(Result.fail, after.result());
        assertEquals(0.06, after.value().orElseThrow(), 1e-9);
        assertEquals(1, after.consecutiveFailures());
    }

    @Test
    void aTargetGroupWithoutTrafficIsInconclusiveAndSaysWhy() throws Exception {
        sim = new AnalysisSim(ALB_SCENARIO);
        sim.advance(Duration.ofMinutes(4));
        // blue has no generator: ALB publishes nothing for a target group without requests
        CheckStatus blue = check(sim.measure(Rollouts.alb("web", Rollouts.FIVE_XX_RATE), "blue", "green", List.of()), "five-xx-rate");
        assertEquals(Result.inconclusive, blue.result());
        assertEquals(1, blue.consecutiveNoData());
        assertEquals(0, blue.consecutiveFailures());

        Rollout web = Rollouts.alb("web", Rollouts.FIVE_XX_RATE);
        DueCheck due = DueCheck.of(AnalysisSim.request(web, "blue", "green", List.of()), web.analysis().orElseThrow().checks().get(0));
        CloudWatchMetricsProvider provider = new CloudWatchMetricsProvider(sim.clients());
        Measurement m = provider.batches(List.of(due), sim.now()).get(0).measure().get().get(due.ref());
        assertEquals(new Measurement.NoData("no datapoints in the last 3m: ALB metrics exist only while requests flow"
                + " and arrive 1-3 minutes late"), m);
    }

    static final String LAMBDA_SCENARIO = """
            monitoring:
              start: 2026-11-24T10:00:00Z
              metrics:
                - id: v1-invocations
                  namespace: AWS/Lambda
                  metric: Invocations
                  dimensions: %1$s
                  kind: count
                  value: 100
                - namespace: AWS/Lambda
                  metric: Errors
                  dimensions: %1$s
                  kind: count
                  relativeTo: v1-invocations
                  value: 0.01
                - id: v2-invocations
                  namespace: AWS/Lambda
                  metric: Invocations
                  dimensions: %2$s
                  kind: count
                  value: 100
                - namespace: AWS/Lambda
                  metric: Errors
                  dimensions: %2$s
                  kind: count
                  relativeTo: v2-invocations
                  schedule:
                    - until: 2026-11-24T10:10:00Z
                      value: 0
                    - value: 0.08
                - id: v1-duration
                  namespace: AWS/Lambda
                  metric: Duration
                  dimensions: %1$s
                  samplesPerMinute: 100
                  value: 200
                - namespace: AWS/Lambda
                  metric: Duration
                  dimensions: %2$s
                  samplesPerMinute: 100
                  relativeTo: v1-duration
                  schedule:
                    - until: 2026-11-24T10:10:00Z
                      value: 1.2
                    - value: 1.6
            """.formatted(lambdaDimensions("1"), lambdaDimensions("2"));

    static String lambdaDimensions(String version) {
        return "{FunctionName: orchestrator, Resource: \"orchestrator:live\", ExecutedVersion: \"" + version + "\"}";
    }

    static final String LAMBDA_CHECKS = """
            - name: error-rate
              cloudwatch:
                period: 5m
                lookback: 30m
                queries:
                  errors: { namespace: AWS/Lambda, metric: Errors, stat: Sum, dimensions: %1$s }
                  invocations: { namespace: AWS/Lambda, metric: Invocations, stat: Sum, dimensions: %1$s }
                expression: errors / invocations
              failIf: { above: 0.05 }
            - name: duration-vs-stable
              cloudwatch: { period: 5m, lookback: 30m, namespace: AWS/Lambda, metric: Duration, stat: Average, dimensions: %1$s }
              compareToStable: { maxRatio: 1.5 }
            - name: failed-executions
              cloudwatch: { period: 5m, lookback: 30m, namespace: AWS/Lambda, metric: Errors, stat: Sum, dimensions: %1$s }
              failIf: { above: 0 }
              for: 3
            """.formatted(lambdaDimensions("{{version}}"));

    @Test
    void lambdaErrorRateDurationVersusStableAndThreeFailedExecutionsPerExecutedVersion() throws Exception {
        sim = new AnalysisSim(LAMBDA_SCENARIO);
        Rollout orchestrator = Rollouts.lambda("orchestrator", LAMBDA_CHECKS);
        sim.advance(Duration.ofMinutes(8));
        List<CheckStatus> healthy = sim.measure(orchestrator, "2", "1", List.of());
        assertEquals(List.of("error-rate", "duration-vs-stable", "failed-executions"), healthy.stream().map(CheckStatus::name).toList());
        assertEquals(Result.pass, check(healthy, "error-rate").result());
        assertEquals(0.0, check(healthy, "error-rate").value().orElseThrow(), 1e-9);
        assertEquals(Result.pass, check(healthy, "duration-vs-stable").result(), "1.2x stable is within 1.5x");
        assertEquals(240.0, check(healthy, "duration-vs-stable").value().orElseThrow(), 1e-6);
        assertEquals(Result.pass, check(healthy, "failed-executions").result());

        List<CheckStatus> last = healthy;
        for (int pass = 1; pass <= 3; pass++) {
            sim.advance(Duration.ofMinutes(pass == 1 ? 14 : 5));
            last = sim.measure(orchestrator, "2", "1", last);
            assertEquals(Result.fail, check(last, "error-rate").result());
            assertEquals(0.08, check(last, "error-rate").value().orElseThrow(), 1e-9);
            assertEquals(Result.fail, check(last, "duration-vs-stable").result(), "1.6x stable is above 1.5x");
            CheckStatus failed = check(last, "failed-executions");
            assertEquals(pass, failed.consecutiveFailures());
            assertEquals(pass == 3, AbortVerdict.abortsRollout(orchestrator.analysis().orElseThrow().checks().get(2), failed),
                    "aborts at the third consecutive failure, not before");
        }
    }

    @Test
    void ecsCpuAboveSeventyPercentForTwoPeriodsAborts() throws Exception {
        sim = new AnalysisSim("""
                monitoring:
                  start: 2026-11-24T10:00:00Z
                  metrics:
                    - namespace: AWS/ECS
                      metric: CPUUtilization
                      dimensions: {ClusterName: rag, ServiceName: rag-backend}
                      unit: Percent
                      schedule:
                        - until: 2026-11-24T10:05:00Z
                          value: 40
                        - value: 85
                """);
        Rollout rag = Rollouts.ecs("rag-backend", "rag-backend", """
                - name: cpu
                  cloudwatch:
                    namespace: AWS/ECS
                    metric: CPUUtilization
                    stat: Average
                    dimensions: { ClusterName: rag, ServiceName: rag-backend }
                  failIf: { above: 70 }
                  for: 2
                """);
        var cpu = rag.analysis().orElseThrow().checks().get(0);
        sim.advance(Duration.ofMinutes(4));
        CheckStatus first = check(sim.measure(rag, "rag-backend:42", "rag-backend:41", List.of()), "cpu");
        assertEquals(Result.pass, first.result());
        assertEquals(40, first.value().orElseThrow(), 1e-9);
        sim.advance(Duration.ofMinutes(3));
        CheckStatus second = check(sim.measure(rag, "rag-backend:42", "rag-backend:41", List.of(first)), "cpu");
        assertEquals(Result.fail, second.result());
        assertFalse(AbortVerdict.abortsRollout(cpu, second));
        sim.advance(Duration.ofMinutes(1));
        CheckStatus third = check(sim.measure(rag, "rag-backend:42", "rag-backend:41", List.of(second)), "cpu");
        assertEquals(85, third.value().orElseThrow(), 1e-9);
        assertEquals(2, third.consecutiveFailures());
        assertTrue(AbortVerdict.abortsRollout(cpu, third));
    }

    @Test
    void aThrottledCloudWatchIsAProviderErrorNeverAFailure() throws Exception {
        sim = new AnalysisSim(ALB_SCENARIO);
        sim.advance(Duration.ofMinutes(8));
        sim.addFault("{\"service\": \"monitoring\", \"operation\": \"GetMetricData\", \"kind\": \"throttle\"}");
        CheckStatus s = check(sim.measure(Rollouts.alb("web", Rollouts.FIVE_XX_RATE), "green", "blue", List.of()), "five-xx-rate");
        assertEquals(Result.error, s.result());
        assertEquals(0, s.consecutiveFailures());
        assertEquals(1, s.consecutiveErrors());
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-24T" + time + "Z");
    }
}
