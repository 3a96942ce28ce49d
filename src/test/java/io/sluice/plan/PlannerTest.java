package io.sluice.plan;

import static io.sluice.plan.PlannerFixtures.T0;
import static io.sluice.plan.PlannerFixtures.edited;
import static io.sluice.plan.PlannerFixtures.example;
import static io.sluice.plan.PlannerFixtures.notReady;
import static io.sluice.plan.PlannerFixtures.plan;
import static io.sluice.plan.PlannerFixtures.replan;
import static io.sluice.plan.PlannerFixtures.split;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The happy path of each kind of step, start and completion. */
class PlannerTest {
    static final Rollout ISSHONI = example("isshoni-web");

    @Test
    void desiredSideTakingAllTrafficIsHealthy() {
        Decision d = plan(ISSHONI, split("blue", "green", 100), T0);
        Decision.NoChange n = assertInstanceOf(Decision.NoChange.class, d);
        assertEquals(Phase.Healthy, n.status().phase());
        assertEquals(new RolloutStatus.Side("green", "green", 100), n.status().stable().orElseThrow());
        assertEquals(Optional.empty(), n.status().canary());
        assertEquals("all traffic on green", n.status().message());
    }

    @Test
    void startsWithTheFirstWeightStep() {
        Decision d = plan(ISSHONI, split("blue", "green", 0), T0);
        Decision.ShiftWeights s = assertInstanceOf(Decision.ShiftWeights.class, d);
        assertEquals(new Split("blue", "green", 10), s.split());
        assertEquals(Phase.Progressing, s.status().phase());
        assertEquals("1/5", s.status().step().orElseThrow().toString());
        assertEquals("step 1/5: shifting to 90/10", s.status().message());
        assertEquals("start", s.status().history().get(0).event());
        assertEquals(Optional.of("c0ffee1"), s.status().observedCommit());
    }

    @Test
    void refusesToStartWhileTheNewSideIsUnhealthyAndSaysWhy() {
        Decision d = plan(ISSHONI, notReady("blue", "green", "2 of 3 targets unhealthy (Target.FailedHealthChecks)"), T0);
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, d);
        assertEquals("0/5", h.status().step().orElseThrow().toString());
        assertEquals("waiting before step 1/5: green is not ready: 2 of 3 targets unhealthy (Target.FailedHealthChecks)",
                h.status().message());
        Decision next = replan(h, ISSHONI, split("blue", "green", 0), T0.plusSeconds(30));
        assertEquals(new Split("blue", "green", 10), assertInstanceOf(Decision.ShiftWeights.class, next).split());
    }

    @Test
    void aWeightCountsOnlyOnceAwsReportsIt() {
        Decision shifted = plan(ISSHONI, split("blue", "green", 0), T0);
        Decision waiting = replan(shifted, ISSHONI, split("blue", "green", 0), T0.plusSeconds(5));
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, waiting);
        assertEquals("step 1/5: waiting for AWS to report 90/10 (now 100/0)", h.status().message());
        assertEquals(Optional.of(T0.plusSeconds(10)), h.recheckAt());
    }

    @Test
    void verifiedWeightStartsThePauseWithADeadlineKeptInStatus() {
        Decision shifted = plan(ISSHONI, split("blue", "green", 0), T0);
        Decision paused = replan(shifted, ISSHONI, split("blue", "green", 10), T0.plusSeconds(5));
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, paused);
        Instant deadline = T0.plusSeconds(5).plus(Duration.ofMinutes(10));
        assertEquals(Optional.of(deadline), h.status().pausedUntil());
        assertEquals(Optional.of(deadline), h.recheckAt());
        assertEquals("2/5", h.status().step().orElseThrow().toString());
        assertEquals(10.0, h.status().canary().orElseThrow().weight());
        Decision after = replan(h, ISSHONI, split("blue", "green", 10), deadline);
        assertEquals(new Split("blue", "green", 50), assertInstanceOf(Decision.ShiftWeights.class, after).split());
        assertEquals("3/5", after.status().step().orElseThrow().toString());
    }

    @Test
    void runsToCompletionAndTheNewColourBecomesStable() {
        Decision d = plan(ISSHONI, split("blue", "green", 0), T0);
        Instant now = T0;
        int live = 0;
        for (int pass = 0; pass < 20 && !(d instanceof Decision.NoChange); pass++) {
            if (d instanceof Decision.ShiftWeights s) {
                live = s.split().canaryPercent();
            }
            now = d.recheckAt().orElse(now.plusSeconds(5));
            d = replan(d, ISSHONI, split("blue", "green", live), now);
        }
        assertEquals(Phase.Healthy, d.status().phase());
        assertEquals("green", d.status().stable().orElseThrow().name());
        assertEquals("completed", d.status().history().get(0).event());
        // the next release goes the other way: blue is the new canary, green the stable
        Rollout back = edited("isshoni-web", "active: green", "active: blue");
        Decision next = replan(d, back, split("blue", "green", 100), now.plusSeconds(60));
        assertEquals(new Split("green", "blue", 10), assertInstanceOf(Decision.ShiftWeights.class, next).split());
    }

    @Test
    void approvalPauseWaitsForTheFieldTheStatusNames() {
        Rollout r = example("model-platform");
        RolloutStatus atApproval = PlannerFixtures.status("""
                rollout: model-platform
                observedCommit: c0ffee1
                phase: Progressing
                step: 4/5
                stable: { name: blue, version: blue, weight: 50 }
                canary: { name: green, version: green, weight: 50 }
                stepStartedAt: 2026-11-24T09:00:00Z
                message: ""
                """);
        Decision d = plan(r, split("blue", "green", 50), atApproval, T0);
        Decision.AwaitApproval a = assertInstanceOf(Decision.AwaitApproval.class, d);
        assertEquals(4, a.step());
        assertEquals(Phase.Paused, a.status().phase());
        assertEquals("step 4/5: waiting for approval at 50/50: set spec.approvedStep: 4 in rollouts/model-platform.yaml",
                a.status().message());
        Rollout approved = edited("model-platform", "  active: green\n", "  active: green\n  approvedStep: 4\n");
        Decision go = plan(approved, split("blue", "green", 50), a.status(), T0.plusSeconds(60));
        assertEquals(new Split("blue", "green", 100), assertInstanceOf(Decision.ShiftWeights.class, go).split());
    }

    @Test
    void lambdaSplitsBetweenPublishedVersions() {
        Rollout r = example("makenaide-orchestrator");
        Observed live = new Observed(java.util.Map.of("1", 100), java.util.Map.of(), Observed.SETTLED, Observed.READY);
        Decision d = plan(r, live, T0);
        assertEquals(new Split("1", "2", 10), assertInstanceOf(Decision.ShiftWeights.class, d).split());
    }

    @Test
    void ecsRollingUpdateIsDoneWhenTheDeploymentCompletes() {
        Rollout r = example("rag-backend");
        Observed old = new Observed(java.util.Map.of("rag-backend:41", 100), java.util.Map.of(), Observed.SETTLED, Observed.READY);
        Decision deploy = plan(r, old, T0);
        assertEquals(new Split("rag-backend:41", "rag-backend:42", 100),
                assertInstanceOf(Decision.ShiftWeights.class, deploy).split());
        Observed rolling = new Observed(java.util.Map.of("rag-backend:41", 50, "rag-backend:42", 50), java.util.Map.of(),
                new Observed.InProgress("deployment IN_PROGRESS, 2 of 4 tasks running"), Observed.READY);
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, replan(deploy, r, rolling, T0.plusSeconds(30)));
        assertTrue(h.status().message().contains("deployment IN_PROGRESS, 2 of 4 tasks running"), h.status().message());
        Observed done = new Observed(java.util.Map.of("rag-backend:42", 100), java.util.Map.of(), Observed.SETTLED, Observed.READY);
        Decision.Hold analysing = assertInstanceOf(Decision.Hold.class, replan(h, r, done, T0.plusSeconds(300)));
        assertEquals("2/2", analysing.status().step().orElseThrow().toString());
        assertTrue(analysing.status().message().startsWith("step 2/2: analysing"), analysing.status().message());
    }

    @Test
    void suspendedRolloutsAreObservedOnly() {
        Rollout r = edited("isshoni-web", "  active: green\n", "  active: green\n  suspend: true\n");
        Decision d = plan(r, split("blue", "green", 0), T0);
        assertEquals(Phase.Suspended, assertInstanceOf(Decision.NoChange.class, d).status().phase());
    }
}
