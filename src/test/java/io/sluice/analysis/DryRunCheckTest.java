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

/** A dry-run check is measured and reported like any other, and never rolls back, holds or counts as an error. */
class DryRunCheckTest {
    static final Observed AT_TEN = new Observed(Map.of("blue", 90, "green", 10), Map.of(), Observed.SETTLED, Observed.READY);

    AnalysisSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** The canary at 10% after its first step, and the checks measured so far. */
    static RolloutStatus atTen(List<CheckStatus> checks) {
        return new RolloutStatus("web", Optional.of("c0ffee1"), 0, Phase.Progressing,
                Optional.of(new RolloutStatus.StepProgress(2, 3)), Optional.of(new RolloutStatus.Side("blue", "blue", 90)),
                Optional.of(new RolloutStatus.Side("green", "green", 10)), Optional.of(AnalysisSim.START),
                Optional.empty(), Optional.of(AnalysisSim.START), checks, "", List.of());
    }

    static Rollout web(String extra) {
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
                      - analysis: 30m
                      - setWeight: 100
                  analysis:
                    interval: 30s
                    maxConsecutiveErrors: 1
                    checks:
                %s
                """.formatted(Rollouts.TG_ARN + Rollouts.BLUE_TG, Rollouts.TG_ARN + Rollouts.GREEN_TG,
                (Rollouts.FIVE_XX_RATE + extra).indent(6)));
    }

    /** Two passes a minute apart once green serves 6% 5xx; returns the second pass's decision. */
    Decision twoFailingPasses(Rollout r) {
        sim.advance(Duration.ofMinutes(8));
        List<CheckStatus> first = sim.measure(r, "green", "blue", List.of());
        sim.advance(Duration.ofMinutes(1));
        List<CheckStatus> second = sim.measure(r, "green", "blue", first);
        return Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", AT_TEN, Optional.of(atTen(first)), second,
                sim.now()));
    }

    @Test
    void theSameFailingCheckRollsBackWhenItIsNotADryRun() throws Exception {
        sim = new AnalysisSim(CloudWatchMetricsTest.ALB_SCENARIO);
        Decision d = twoFailingPasses(web("  for: 2\n"));
        assertInstanceOf(Decision.RollBack.class, d);
        assertEquals(Optional.of(Reason.CheckFailed), d.status().reason());
    }

    @Test
    void aFailingDryRunCheckIsReportedButNeverRollsBackNorHolds() throws Exception {
        sim = new AnalysisSim(CloudWatchMetricsTest.ALB_SCENARIO);
        Decision d = twoFailingPasses(web("  for: 2\n  dryRun: true\n"));
        assertInstanceOf(Decision.Hold.class, d, d.status().message());
        assertEquals(Optional.of(Reason.Pausing), d.status().reason(), d.status().message());
        CheckStatus c = check(d.status().checks(), "five-xx-rate");
        assertEquals(Result.fail, c.result());
        assertEquals(2, c.consecutiveFailures(), "counted as it would be, so a person sees it would have rolled back");
        assertTrue(c.dryRun());
    }

    @Test
    void aDryRunCheckThatCannotBeMeasuredNeverHoldsForProviderErrors() throws Exception {
        sim = new AnalysisSim(CloudWatchMetricsTest.ALB_SCENARIO);
        sim.addFault("{\"service\":\"monitoring\",\"kind\":\"http503\"}");
        Rollout r = web("  dryRun: true\n");
        sim.advance(Duration.ofMinutes(4));
        List<CheckStatus> erring = sim.measure(r, "green", "blue", List.of());
        assertEquals(Result.error, check(erring, "five-xx-rate").result());
        Decision d = Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", AT_TEN, Optional.of(atTen(List.of())), erring,
                sim.now()));
        assertEquals(Optional.of(Reason.Pausing), d.status().reason(), "maxConsecutiveErrors is 1, and a dry run never"
                + " uses it: " + d.status().message());
    }
}
