package io.sluice.analysis;

import static io.sluice.analysis.AnalysisSim.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.model.status.StatusYaml;
import io.sluice.model.status.StatusYamlReader;
import io.sluice.plan.Decision;
import io.sluice.plan.PlanInput;
import io.sluice.plan.Planner;
import io.sluice.traffic.Observed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A judge check against the simulator's seeded, noisy per-target-group CloudWatch data: the canary's
 * per-minute p95 latencies against stable's over the same window, re-asked every interval.
 */
class JudgeCheckTest {
    static final Observed AT_TEN = new Observed(Map.of("blue", 90, "green", 10), Map.of(), Observed.SETTLED, Observed.READY);

    /** Blue's p95 is 200 ms; green's {@code greenSeconds}; both with 10% noise a minute and 300 requests a minute. */
    static String scenario(double greenSeconds) {
        return """
                monitoring:
                  start: 2026-11-24T10:00:00Z
                  metrics:
                    - namespace: AWS/ApplicationELB
                      metric: TargetResponseTime
                      dimensions: {TargetGroup: %2$s, LoadBalancer: %1$s}
                      value: 0.2
                      valueStat: p95
                      spread: 0.4
                      samplesPerMinute: 300
                      noise: 0.1
                    - namespace: AWS/ApplicationELB
                      metric: TargetResponseTime
                      dimensions: {TargetGroup: %3$s, LoadBalancer: %1$s}
                      value: %4$s
                      valueStat: p95
                      spread: 0.4
                      samplesPerMinute: 300
                      noise: 0.1
                """.formatted(Rollouts.LB, Rollouts.BLUE_TG, Rollouts.GREEN_TG, greenSeconds);
    }

    static final String JUDGE = """
            - name: latency-judge
              cloudwatch:
                period: 1m
                lookback: 30m
                namespace: AWS/ApplicationELB
                metric: TargetResponseTime
                stat: p95
                dimensions: { LoadBalancer: app/web/fedcba9876543210, TargetGroup: "{{targetGroup}}" }
              judge: { direction: increase, minEffect: 10%, confidence: 99%, mode: sequential }
            """;

    static Rollout web() {
        return AnalysisSim.rollout("""
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata:
                  name: web
                spec:
                  target:
                    alb:
                      listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/fedcba9876543210/f2f7dc8efc522ab2
                      targetGroups:
                        blue: %s
                        green: %s
                  active: green
                  strategy:
                    steps:
                      - setWeight: 10
                      - analysis: 15m
                      - setWeight: 100
                  analysis:
                    interval: 1m
                    settle: 30s
                    checks:
                %s
                """.formatted(Rollouts.TG_ARN + Rollouts.BLUE_TG, Rollouts.TG_ARN + Rollouts.GREEN_TG, JUDGE.indent(6)));
    }

    /** Green verified at 10% at 10:00: step 2 (the analysis) began then. */
    static RolloutStatus analysing() {
        return new RolloutStatus("web", Optional.of("c0ffee1"), 0, Phase.Progressing,
                Optional.of(new RolloutStatus.StepProgress(2, 3)), Optional.of(new RolloutStatus.Side("blue", "blue", 90)),
                Optional.of(new RolloutStatus.Side("green", "green", 10)), Optional.of(AnalysisSim.START),
                Optional.empty(), Optional.of(AnalysisSim.START), List.of(), "", List.of());
    }

    AnalysisSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** Passes a minute apart as the loop makes them, until a decision other than a hold; at most 20 minutes. */
    Decision run(Rollout r) {
        RolloutStatus status = analysing();
        for (int minute = 1; minute <= 20; minute++) {
            sim.advance(Duration.ofMinutes(1));
            List<CheckStatus> measured = Planner.analysisDue(r, Optional.of(status), sim.now())
                    ? sim.measure(List.of(new AnalysisRequest(r, "green", "blue", Optional.of(status)))).get("web")
                    : List.of();
            Decision d = Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", AT_TEN, Optional.of(status), measured,
                    sim.now()));
            if (!(d instanceof Decision.Hold)) {
                return d;
            }
            status = d.status();
        }
        throw new AssertionError("still holding after 20 minutes: " + status.message());
    }

    @Test
    void twiceTheLatencyOfStableRollsTheCanaryBack() throws Exception {
        sim = new AnalysisSim(scenario(0.4));
        Decision d = run(web());
        assertInstanceOf(Decision.RollBack.class, d, d.status().message());
        assertEquals(Optional.of(Reason.CheckFailed), d.status().reason());
        CheckStatus c = check(d.status().checks(), "latency-judge");
        assertEquals(Result.fail, c.result());
        RolloutStatus.JudgeResult j = c.judge().orElseThrow();
        assertEquals("mann-whitney", j.test());
        assertTrue(j.eValue() >= 100, "sequential: fails once the e-value reaches 1 / (1 - 0.99): " + j);
        assertTrue(j.effect() > 0.5, "about twice stable: " + j);
        assertTrue(c.samples().orElseThrow() >= 2, c.toString());
        assertTrue(d.status().history().get(0).reason().orElse("").startsWith("latency-judge: "),
                d.status().history().get(0).toString());
        // the statistics go to Git and come back
        RolloutStatus back = StatusYamlReader.read(StatusYaml.write(d.status()), "web.yaml");
        assertEquals(c.judge(), check(back.checks(), "latency-judge").judge());
    }

    @Test
    void anIdenticalCanaryPassesTheAnalysisAndMovesOn() throws Exception {
        sim = new AnalysisSim(scenario(0.2));
        Decision d = run(web());
        assertInstanceOf(Decision.ShiftWeights.class, d, d.status().message());
        assertEquals(100, ((Decision.ShiftWeights) d).split().canaryPercent());
        CheckStatus c = check(d.status().checks(), "latency-judge");
        assertEquals(Result.pass, c.result(), c.toString());
        assertTrue(c.judge().orElseThrow().eValue() < 100, c.toString());
    }

    @Test
    void theFirstMinutesOfAStepAreTooThinToJudge() throws Exception {
        sim = new AnalysisSim(scenario(0.4));
        Rollout r = web();
        sim.advance(Duration.ofSeconds(90));
        CheckStatus c = check(sim.measure(List.of(new AnalysisRequest(r, "green", "blue", Optional.of(analysing()))))
                .get("web"), "latency-judge");
        assertEquals(Result.inconclusive, c.result(), c.toString());
        assertEquals(0, c.consecutiveFailures());
    }
}
