package io.sluice.plan;

import static io.sluice.plan.PlannerFixtures.T0;
import static io.sluice.plan.PlannerFixtures.edited;
import static io.sluice.plan.PlannerFixtures.example;
import static io.sluice.plan.PlannerFixtures.plan;
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
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every abort cause at every step, restarts in every phase, drift, broken files, clock skew. */
class PlannerTransitionsTest {
    static final Rollout ISSHONI = example("isshoni-web");
    /** Canary weight live at each step of isshoni-web (10, pause, 50, pause, 100). */
    static final int[] LIVE_AT_STEP = {0, 10, 10, 50, 50, 50};
    static final int[] SET_AT_STEP = {0, 10, 10, 50, 50, 100};

    static RolloutStatus atStep(int step) {
        return status("""
                rollout: isshoni-web
                observedCommit: c0ffee1
                phase: Progressing
                step: %d/5
                stable: { name: blue, version: blue, weight: %d }
                canary: { name: green, version: green, weight: %d }
                stepStartedAt: 2026-11-24T09:58:00Z
                message: ""
                """.formatted(step, 100 - SET_AT_STEP[step], SET_AT_STEP[step]));
    }

    static Stream<Arguments> everyStep() {
        return IntStream.rangeClosed(1, 5).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "step {0}")
    @MethodSource("everyStep")
    void failedCheckRollsBackInOneActionAtEveryStep(int step) {
        CheckStatus failing = new CheckStatus("five-xx-rate", Optional.of(0.04), Result.fail, T0, 2, 0, 0);
        PlanInput in = new PlanInput(ISSHONI, Optional.empty(), "c0ffee1", split("blue", "green", LIVE_AT_STEP[step]),
                Optional.of(atStep(step)), List.of(failing), T0);
        Decision.RollBack rb = assertInstanceOf(Decision.RollBack.class, Planner.plan(in));
        assertEquals(new Split("blue", "green", 0), rb.split());
        assertEquals("five-xx-rate 0.04 above 0.01 (2 of 2)", rb.reason());
        assertEquals(Phase.RolledBack, rb.status().phase());
        assertEquals("rollback", rb.status().history().get(0).event());
        assertEquals(Optional.of("100/0"), rb.status().history().get(0).to());
    }

    @ParameterizedTest(name = "step {0}")
    @MethodSource("everyStep")
    void oneFailingMeasurementOfACheckThatAllowsTwoDoesNotRollBack(int step) {
        CheckStatus once = new CheckStatus("five-xx-rate", Optional.of(0.04), Result.fail, T0, 1, 0, 0);
        PlanInput in = new PlanInput(ISSHONI, Optional.empty(), "c0ffee1", split("blue", "green", LIVE_AT_STEP[step]),
                Optional.of(atStep(step)), List.of(once), T0);
        assertTrue(!(Planner.plan(in) instanceof Decision.RollBack));
    }

    @ParameterizedTest(name = "step {0}")
    @MethodSource("everyStep")
    void abortInGitRollsBackAtEveryStep(int step) {
        Rollout aborted = edited("isshoni-web", "  active: green\n", "  active: green\n  abort: true\n");
        Decision.RollBack rb = assertInstanceOf(Decision.RollBack.class,
                plan(aborted, split("blue", "green", LIVE_AT_STEP[step]), atStep(step), T0));
        assertEquals("aborted by spec.abort in rollouts/isshoni-web.yaml", rb.reason());
        assertEquals(new Split("blue", "green", 0), rb.split());
    }

    @ParameterizedTest(name = "step {0}")
    @MethodSource("everyStep")
    void revertToTheStableSideRollsBackAtEveryStep(int step) {
        Rollout reverted = edited("isshoni-web", "active: green", "active: blue");
        Decision.RollBack rb = assertInstanceOf(Decision.RollBack.class,
                plan(reverted, split("blue", "green", LIVE_AT_STEP[step]), atStep(step), T0));
        assertEquals("desired version reverted to the stable blue in Git", rb.reason());
        assertEquals(new Split("blue", "green", 0), rb.split());
        // once the rollback shows, the reverted desired state is simply healthy
        Decision after = PlannerFixtures.replan(rb, reverted, split("blue", "green", 0), T0.plusSeconds(5));
        assertEquals(Phase.Healthy, after.status().phase());
    }

    @ParameterizedTest(name = "step {0}")
    @MethodSource("everyStep")
    void aNewVersionMidRolloutRollsBackTheOldOneFirst(int step) {
        Rollout r = example("makenaide-orchestrator");
        Rollout v3 = edited("makenaide-orchestrator", "version: \"2\"", "version: \"3\"");
        RolloutStatus s = status("""
                rollout: makenaide-orchestrator
                phase: Progressing
                step: %d/11
                stable: { name: "1", version: "1", weight: 90 }
                canary: { name: "2", version: "2", weight: 10 }
                stepStartedAt: 2026-11-24T09:58:00Z
                message: ""
                """.formatted(step));
        Decision.RollBack rb = assertInstanceOf(Decision.RollBack.class, plan(v3, split("1", "2", 10), s, T0));
        assertEquals(new Split("1", "2", 0), rb.split());
        assertEquals("desired version changed from 2 to 3 during the rollout", rb.reason());
        // next pass: version 3 starts from the stable version 1
        Decision next = PlannerFixtures.replan(rb, v3, split("1", "2", 0), T0.plusSeconds(5));
        assertEquals(new Split("1", "3", 10), assertInstanceOf(Decision.ShiftWeights.class, next).split());
        assertTrue(r.name().equals(v3.name()));
    }

    @ParameterizedTest(name = "step {0}")
    @MethodSource("everyStep")
    void aRestartInAnyStepReachesTheSameDecision(int step) {
        Observed o = split("blue", "green", LIVE_AT_STEP[step]);
        Decision first = plan(ISSHONI, o, atStep(step), T0);
        Decision again = plan(ISSHONI, o, atStep(step), T0);
        assertEquals(first, again);
        // and a restart that replays the decided status changes nothing more
        Decision replayed = plan(ISSHONI, o, first.status(), T0);
        if (first instanceof Decision.ShiftWeights) {
            assertInstanceOf(Decision.Hold.class, replayed);
        } else {
            assertEquals(first.getClass(), replayed.getClass());
        }
    }

    @Test
    void rolledBackStaysRolledBackUntilTheDesiredStateChanges() {
        RolloutStatus rolledBack = status("""
                rollout: isshoni-web
                phase: RolledBack
                stable: { name: blue, version: blue, weight: 100 }
                canary: { name: green, version: green, weight: 0 }
                message: ""
                """);
        Decision stay = plan(ISSHONI, split("blue", "green", 0), rolledBack, T0);
        assertEquals(Phase.RolledBack, assertInstanceOf(Decision.NoChange.class, stay).status().phase());
        assertTrue(stay.status().message().contains("bump spec.retry in rollouts/isshoni-web.yaml"), stay.status().message());
        Rollout retried = edited("isshoni-web", "  active: green\n", "  active: green\n  retry: 1\n");
        Decision again = plan(retried, split("blue", "green", 0), rolledBack, T0);
        assertEquals(new Split("blue", "green", 10), assertInstanceOf(Decision.ShiftWeights.class, again).split());
        assertEquals(1, again.status().retry());
    }

    @Test
    void pauseDeadlineAlreadyPastAfterARestartMovesOnAtOnce() {
        RolloutStatus s = status("""
                rollout: isshoni-web
                phase: Progressing
                step: 2/5
                stable: { name: blue, version: blue, weight: 90 }
                canary: { name: green, version: green, weight: 10 }
                stepStartedAt: 2026-11-24T08:00:00Z
                pausedUntil: 2026-11-24T08:10:00Z
                message: ""
                """);
        Decision d = plan(ISSHONI, split("blue", "green", 10), s, T0);
        assertEquals(new Split("blue", "green", 50), assertInstanceOf(Decision.ShiftWeights.class, d).split());
    }

    @Test
    void aClockThatWentBackKeepsThePauseDeadline() {
        RolloutStatus s = status("""
                rollout: isshoni-web
                phase: Progressing
                step: 2/5
                stable: { name: blue, version: blue, weight: 90 }
                canary: { name: green, version: green, weight: 10 }
                stepStartedAt: 2026-11-24T10:00:00Z
                pausedUntil: 2026-11-24T10:10:00Z
                message: ""
                """);
        Instant skewed = T0.minusSeconds(3600);
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, plan(ISSHONI, split("blue", "green", 10), s, skewed));
        assertEquals(Optional.of(Instant.parse("2026-11-24T10:10:00Z")), h.recheckAt());
    }

    @Test
    void driftIsHeldAndReportedNeverFought() {
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, plan(ISSHONI, split("blue", "green", 0), atStep(2), T0));
        assertEquals(Phase.Degraded, h.status().phase());
        assertTrue(h.status().message().startsWith("holding: live weights 100/0 differ from 90/10 that sluice set"),
                h.status().message());
        assertEquals("drift", h.status().history().get(0).event());
        // the person puts the weights back: the rollout resumes where it was
        Decision resumed = plan(ISSHONI, split("blue", "green", 10), h.status(), T0.plusSeconds(30));
        assertEquals(Phase.Progressing, resumed.status().phase());
    }

    @Test
    void driftIsHealedWhenThePolicySaysSo() {
        Rollout heal = edited("isshoni-web", "  active: green\n", "  active: green\n  driftPolicy: heal\n");
        Decision.ShiftWeights s = assertInstanceOf(Decision.ShiftWeights.class,
                plan(heal, split("blue", "green", 0), atStep(2), T0));
        assertEquals(new Split("blue", "green", 10), s.split());
        assertEquals("heal", s.status().history().get(0).event());
    }

    @Test
    void aHealthyRolloutWhoseTrafficWasMovedByHandIsHeld() {
        RolloutStatus healthy = status("""
                rollout: isshoni-web
                phase: Healthy
                stable: { name: green, version: green, weight: 100 }
                message: ""
                """);
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, plan(ISSHONI, split("green", "blue", 100)
                .weights().containsKey("x") ? null : new Observed(java.util.Map.of("blue", 100, "green", 0),
                java.util.Map.of(), Observed.SETTLED, Observed.READY), healthy, T0));
        assertEquals(Phase.Degraded, h.status().phase());
        Decision back = plan(ISSHONI, split("blue", "green", 100), h.status(), T0.plusSeconds(60));
        assertEquals(Phase.Healthy, back.status().phase());
    }

    @Test
    void aBrokenFileHoldsTheRolloutButChecksStillRollBack() {
        PlanInput broken = new PlanInput(ISSHONI, Optional.of("line 12: unknown field"), "bad0001",
                split("blue", "green", 10), Optional.of(atStep(2)), List.of(), Instant.parse("2026-11-24T11:00:00Z"));
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, Planner.plan(broken));
        assertTrue(h.status().message().contains("rollouts/isshoni-web.yaml is broken (line 12: unknown field)"),
                h.status().message());
        CheckStatus failing = new CheckStatus("five-xx-rate", Optional.of(0.2), Result.fail, T0, 2, 0, 0);
        PlanInput brokenAndFailing = new PlanInput(ISSHONI, Optional.of("line 12: unknown field"), "bad0001",
                split("blue", "green", 10), Optional.of(atStep(2)), List.of(failing), T0);
        assertInstanceOf(Decision.RollBack.class, Planner.plan(brokenAndFailing));
    }

    @Test
    void providerErrorsHoldButNeverRollBack() {
        CheckStatus erroring = new CheckStatus("five-xx-rate", Optional.empty(), Result.error, T0, 0, 5, 0);
        PlanInput in = new PlanInput(ISSHONI, Optional.empty(), "c0ffee1", split("blue", "green", 10),
                Optional.of(atStep(2)), List.of(erroring), T0);
        Decision.Hold h = assertInstanceOf(Decision.Hold.class, Planner.plan(in));
        assertEquals(Phase.Degraded, h.status().phase());
        assertTrue(h.status().message().contains("could not be measured 5 times in a row"), h.status().message());
    }

    @Test
    void aFailedEcsDeploymentRollsBackToThePreviousRevision() {
        Rollout r = example("rag-backend");
        RolloutStatus deploying = status("""
                rollout: rag-backend
                phase: Progressing
                step: 1/2
                stable: { name: "rag-backend:41", version: "rag-backend:41", weight: 0 }
                canary: { name: "rag-backend:42", version: "rag-backend:42", weight: 100 }
                stepStartedAt: 2026-11-24T09:58:00Z
                message: ""
                """);
        Observed failed = new Observed(java.util.Map.of("rag-backend:41", 100), java.util.Map.of(),
                new Observed.Failed("circuit breaker: 3 tasks failed to start"), Observed.READY);
        Decision.RollBack rb = assertInstanceOf(Decision.RollBack.class, plan(r, failed, deploying, T0));
        assertEquals(new Split("rag-backend:41", "rag-backend:42", 0), rb.split());
        assertEquals("deployment of rag-backend:42 failed: circuit breaker: 3 tasks failed to start", rb.reason());
    }

    @Test
    void analysisIsDueOnlyInMotionAfterItsStartAndInterval() {
        assertTrue(!Planner.analysisDue(ISSHONI, Optional.empty(), T0));
        assertTrue(!Planner.analysisDue(ISSHONI, Optional.of(atStep(1)), T0), "startAfter: setWeight 10 is step 1");
        assertTrue(Planner.analysisDue(ISSHONI, Optional.of(atStep(2)), T0));
        RolloutStatus measured = new RolloutStatus("isshoni-web", Optional.empty(), 0, Phase.Progressing,
                atStep(2).step(), atStep(2).stable(), atStep(2).canary(), atStep(2).stepStartedAt(), Optional.empty(),
                Optional.empty(), List.of(new CheckStatus("five-xx-rate", Optional.of(0.0), Result.pass,
                T0.minusSeconds(10), 0, 0, 0)), "", List.of());
        assertTrue(!Planner.analysisDue(ISSHONI, Optional.of(measured), T0), "interval is 30s");
        assertTrue(Planner.analysisDue(ISSHONI, Optional.of(measured), T0.plusSeconds(20)));
    }
}
