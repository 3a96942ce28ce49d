package io.sluice.plan;

import static io.sluice.plan.PlannerFixtures.T0;
import static io.sluice.plan.PlannerFixtures.example;
import static io.sluice.plan.PlannerFixtures.split;
import static io.sluice.plan.PlannerFixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.model.status.RolloutStatus;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failing check never promotes, sluice's own unrecorded writes are not drift, drift is one episode. */
class PlannerSafetyNetTest {
    static final Rollout ISSHONI = example("isshoni-web");

    /** Step 2/5 of isshoni-web (pause 10m at 90/10), started at 09:58, due at 10:08. */
    static RolloutStatus pausedAt10(String checks) {
        return status("""
                rollout: isshoni-web
                observedCommit: c0ffee1
                phase: Progressing
                step: 2/5
                stable: { name: blue, version: blue, weight: 90 }
                canary: { name: green, version: green, weight: 10 }
                stepStartedAt: 2026-11-24T09:58:00Z
                pausedUntil: 2026-11-24T10:08:00Z
                %s
                message: ""
                """.formatted(checks));
    }

    static PlanInput in(Observed live, RolloutStatus last, List<CheckStatus> measured, Instant now, boolean unconfirmed) {
        return new PlanInput(ISSHONI, Optional.empty(), "c0ffee1", live, Optional.of(last), measured, now, unconfirmed);
    }

    @Test
    void aCheckFailingBelowItsRollbackCountHoldsTheWeightWhenThePauseEnds() {
        CheckStatus once = new CheckStatus("five-xx-rate", Optional.of(0.04), Result.fail, T0, 1, 0, 0);
        Decision d = Planner.plan(in(split("blue", "green", 10), pausedAt10(""), List.of(once), T0.plusSeconds(600), false));
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, d);
        assertEquals(Optional.of(new RolloutStatus.StepProgress(2, 5)), h.status().step());
        assertTrue(h.status().message().contains("five-xx-rate is failing"), h.status().message());
        // the same check passing at its next measurement lets the step go on
        CheckStatus passing = new CheckStatus("five-xx-rate", Optional.of(0.001), Result.pass, T0.plusSeconds(630), 0, 0, 0);
        Decision next = Planner.plan(in(split("blue", "green", 10), h.status(), List.of(passing), T0.plusSeconds(630), false));
        Decision.ShiftWeights s = assertInstanceOf(Decision.ShiftWeights.class, next);
        assertEquals(new Split("blue", "green", 50), s.split());
    }

    @Test
    void anApprovedStepWaitsForAFailingCheckToo() {
        Rollout approved = PlannerFixtures.edited("model-platform", "  active: green\n",
                "  active: green\n  approvedStep: 4\n");
        RolloutStatus waiting = status("""
                rollout: model-platform
                observedCommit: c0ffee1
                phase: Paused
                step: 4/5
                stable: { name: blue, version: blue, weight: 50 }
                canary: { name: green, version: green, weight: 50 }
                stepStartedAt: 2026-11-24T09:58:00Z
                message: ""
                """);
        CheckStatus slow = new CheckStatus("p95-latency", Optional.of(2.4), Result.fail, T0, 1, 0, 0);
        Decision d = Planner.plan(new PlanInput(approved, Optional.empty(), "c0ffee1", split("blue", "green", 50),
                Optional.of(waiting), List.of(slow), T0));
        assertInstanceOf(Decision.Hold.class, d);
        assertTrue(d.status().message().contains("p95-latency is failing"), d.status().message());
        assertEquals(50.0, d.status().canary().get().weight());
    }

    @Test
    void afterARestartTheNextWeightLiveIsSluicesOwnWriteNotDrift() {
        // status in Git still says step 2 at 10%: the write of 50% landed, its status commit did not
        Decision d = Planner.plan(in(split("blue", "green", 50), pausedAt10(""), List.of(), T0.plusSeconds(700), true));
        assertTrue(!(d instanceof Decision.ShiftWeights), "the 50% write must not be made twice: " + d);
        assertEquals(Phase.Progressing, d.status().phase(), d.status().message());
        assertEquals(Optional.of(new RolloutStatus.StepProgress(4, 5)), d.status().step());
        assertEquals("setWeight", d.status().history().get(0).event());
        assertEquals(50.0, d.status().canary().get().weight());
    }

    @Test
    void theSameSplitWithoutARestartIsDrift() {
        Decision d = Planner.plan(in(split("blue", "green", 50), pausedAt10(""), List.of(), T0.plusSeconds(700), false));
        assertEquals(Phase.Degraded, d.status().phase());
        assertEquals("drift", d.status().history().get(0).event());
    }

    @Test
    void anUnsettledOwnWriteIsWaitedForNotRepeated() {
        Observed pending = PlannerFixtures.settling(split("blue", "green", 50), new Observed.InProgress("Route 53 change PENDING"));
        Decision d = Planner.plan(in(pending, pausedAt10(""), List.of(), T0.plusSeconds(700), true));
        assertInstanceOf(Decision.Hold.class, d);
        assertEquals(Optional.of(new RolloutStatus.StepProgress(3, 5)), d.status().step());
        assertTrue(d.status().message().startsWith("step 3/5: waiting for AWS to report 50/50"), d.status().message());
    }

    @Test
    void afterARestartAllTrafficOnStableIsARollbackAndTheReleaseStaysOff() {
        Decision d = Planner.plan(in(split("blue", "green", 0), pausedAt10(""), List.of(), T0.plusSeconds(30), true));
        assertInstanceOf(Decision.Hold.class, d);
        assertEquals(Phase.RolledBack, d.status().phase());
        assertEquals("rollback", d.status().history().get(0).event());
        Decision later = Planner.plan(in(split("blue", "green", 0), d.status(), List.of(), T0.plusSeconds(60), false));
        assertInstanceOf(Decision.NoChange.class, later);
        assertEquals(Phase.RolledBack, later.status().phase());
    }

    @Test
    void thirtyPassesOfUnchangedDriftRecordOneEntryAndItsEndAnother() {
        RolloutStatus s = pausedAt10("");
        Instant t = T0;
        for (int pass = 0; pass < 30; pass++) {
            t = t.plusSeconds(10);
            s = Planner.plan(in(split("blue", "green", 0), s, List.of(), t, false)).status();
            assertEquals(Phase.Degraded, s.phase());
        }
        assertEquals(1, s.history().stream().filter(h -> h.event().equals("drift")).count(), s.history().toString());
        Decision back = Planner.plan(in(split("blue", "green", 10), s, List.of(), t.plusSeconds(10), false));
        assertEquals(Phase.Progressing, back.status().phase());
        assertEquals("driftCleared", back.status().history().get(0).event());
        assertEquals(2, back.status().history().size());
        RolloutStatus after = Planner.plan(in(split("blue", "green", 10), back.status(), List.of(), t.plusSeconds(20),
                false)).status();
        assertEquals(2, after.history().size(), "the end of the drift is recorded once");
    }

    @Test
    void aCorrectionBeforeAnyTrafficIsANewStartNotARollback() {
        Rollout nine = PlannerFixtures.edited("makenaide-orchestrator", "  version: \"2\"", "  version: \"9\"");
        Observed unpublished = new Observed(java.util.Map.of("1", 100), java.util.Map.of(), Observed.SETTLED,
                new Observed.NotReady("version 9 is not published"));
        Decision waiting = Planner.plan(new PlanInput(nine, Optional.empty(), "c0ffee1", unpublished, Optional.empty(),
                List.of(), T0));
        assertEquals(Phase.Progressing, waiting.status().phase(), waiting.status().message());

        Rollout two = example("makenaide-orchestrator");
        Observed ready = new Observed(java.util.Map.of("1", 100), java.util.Map.of(), Observed.SETTLED, Observed.READY);
        Decision d = Planner.plan(new PlanInput(two, Optional.empty(), "c0ffee2", ready, Optional.of(waiting.status()),
                List.of(), T0.plusSeconds(30)));
        assertTrue(d.status().history().stream().noneMatch(h -> h.event().equals("rollback")), d.status().history().toString());
        assertEquals("corrected", d.status().history().get(1).event(), d.status().history().toString());
        assertEquals("start", d.status().history().get(0).event());
        Decision.ShiftWeights s = assertInstanceOf(Decision.ShiftWeights.class, d, "acted on in the same pass");
        assertEquals(new Split("1", "2", 10), s.split());
    }

    @Test
    void aDeploymentThatNeverSettlesRollsBackAtTheProgressDeadline() {
        Rollout rag = PlannerFixtures.example("rag-backend");
        RolloutStatus deploying = status("""
                rollout: rag-backend
                observedCommit: c0ffee1
                phase: Progressing
                step: 1/2
                stable: { name: "rag-backend:41", version: "rag-backend:41", weight: 0 }
                canary: { name: "rag-backend:42", version: "rag-backend:42", weight: 100 }
                stepStartedAt: 2026-11-24T10:00:00Z
                message: ""
                """);
        Observed stalled = new Observed(java.util.Map.of("rag-backend:41", 75, "rag-backend:42", 25), java.util.Map.of(),
                new Observed.InProgress("deployment IN_PROGRESS, 1 of 4 tasks running"), Observed.READY);
        Decision early = Planner.plan(in2(rag, stalled, deploying, T0.plusSeconds(599)));
        assertInstanceOf(Decision.Hold.class, early);
        Decision late = Planner.plan(in2(rag, stalled, deploying, T0.plusSeconds(600)));
        Decision.RollBack rb = assertInstanceOf(Decision.RollBack.class, late);
        assertEquals(new Split("rag-backend:41", "rag-backend:42", 0), rb.split());
        assertEquals(io.sluice.model.status.Reason.ProgressDeadlineExceeded, late.status().reason().orElseThrow());
        assertTrue(rb.reason().contains("within 10m"), rb.reason());

        Rollout holding = PlannerFixtures.edited("rag-backend", "    automatic: true", "    automatic: false");
        Decision held = Planner.plan(in2(holding, stalled, deploying, T0.plusSeconds(600)));
        assertInstanceOf(Decision.Hold.class, held);
        assertEquals(Phase.Degraded, held.status().phase());
        assertEquals(io.sluice.model.status.Reason.ProgressDeadlineExceeded, held.status().reason().orElseThrow());
    }

    @Test
    void aVersionNeverReadyIsGivenUpAtTheDeadlineWithoutAnAwsWrite() {
        Observed notReady = PlannerFixtures.notReady("blue", "green", "green: 0 of 2 targets healthy");
        Decision first = Planner.plan(new PlanInput(ISSHONI, Optional.empty(), "c0ffee1", notReady, Optional.empty(),
                List.of(), T0));
        assertEquals(Optional.of(T0), first.status().stepStartedAt());
        Decision later = Planner.plan(new PlanInput(ISSHONI, Optional.empty(), "c0ffee1", notReady,
                Optional.of(first.status()), List.of(), T0.plusSeconds(601)));
        assertInstanceOf(Decision.Hold.class, later, "nothing to write: green never took traffic");
        assertEquals(Phase.RolledBack, later.status().phase());
        assertEquals(io.sluice.model.status.Reason.ProgressDeadlineExceeded, later.status().reason().orElseThrow());
    }

    static PlanInput in2(Rollout r, Observed o, RolloutStatus last, Instant now) {
        return new PlanInput(r, Optional.empty(), "c0ffee1", o, Optional.of(last), List.of(), now);
    }

    @Test
    void twoWritesLostInARowAreBothTakenAsMade() {
        // status still at step 2 (10%); two restarts each wrote the next weight and died before committing
        Decision d = Planner.plan(in(split("blue", "green", 100), pausedAt10(""), List.of(), T0.plusSeconds(900), true));
        assertTrue(!(d instanceof Decision.ShiftWeights), d.toString());
        assertEquals(Phase.Healthy, d.status().phase(), d.status().message());
        assertEquals(0, d.status().history().stream().filter(h -> h.event().equals("drift")).count());
    }

    @Test
    void aWeightPastAnUnapprovedApprovalIsNotSluicesOwn() {
        Rollout model = example("model-platform");
        RolloutStatus at20 = status("""
                rollout: model-platform
                observedCommit: c0ffee1
                phase: Progressing
                step: 2/5
                stable: { name: blue, version: blue, weight: 80 }
                canary: { name: green, version: green, weight: 20 }
                stepStartedAt: 2026-11-24T09:58:00Z
                message: ""
                """);
        Decision d = Planner.plan(new PlanInput(model, Optional.empty(), "c0ffee1", split("blue", "green", 100),
                Optional.of(at20), List.of(), T0, true));
        assertEquals(Phase.Degraded, d.status().phase(), "100% needs the approval nobody gave: a person did it");
        assertEquals("drift", d.status().history().get(0).event());
    }

    @Test
    void aRetryBumpedDuringAnAttemptDoesNotRunTheReleaseAgainAfterItsRollback() {
        Rollout retried = PlannerFixtures.edited("isshoni-web", "  active: green\n", "  active: green\n  retry: 1\n");
        CheckStatus failing = new CheckStatus("five-xx-rate", Optional.of(0.04), Result.fail, T0.plusSeconds(60), 2, 0, 0);
        Decision rb = Planner.plan(new PlanInput(retried, Optional.empty(), "c0ffee1", split("blue", "green", 10),
                Optional.of(pausedAt10("")), List.of(failing), T0.plusSeconds(60), false));
        assertEquals(Phase.RolledBack, rb.status().phase());
        Decision after = Planner.plan(new PlanInput(retried, Optional.empty(), "c0ffee1", split("blue", "green", 0),
                Optional.of(rb.status()), List.of(), T0.plusSeconds(70), false));
        assertEquals(Phase.RolledBack, after.status().phase(), "the bump was answered by the attempt that failed");
        assertInstanceOf(Decision.NoChange.class, after);
    }

    @Test
    void aLaterWeightLiveWhileTheRecordedStepStillWaitsIsTakenAsMade() {
        RolloutStatus shifting = status("""
                rollout: isshoni-web
                observedCommit: c0ffee1
                phase: Progressing
                step: 3/5
                stable: { name: blue, version: blue, weight: 50 }
                canary: { name: green, version: green, weight: 50 }
                stepStartedAt: 2026-11-24T09:58:00Z
                message: ""
                """);
        Decision d = Planner.plan(in(split("blue", "green", 100), shifting, List.of(), T0, true));
        assertEquals(Phase.Healthy, d.status().phase(), d.status().message());
        assertTrue(!(d instanceof Decision.ShiftWeights));
    }
}
