package io.sluice.metrics;

import static io.sluice.reconcile.BoardFixtures.example;
import static io.sluice.reconcile.BoardFixtures.isshoniProgressing;
import static io.sluice.reconcile.BoardFixtures.isshoniRolledBack;
import static io.sluice.reconcile.BoardFixtures.makenaideHealthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import io.sluice.reconcile.BoardFixtures;
import io.sluice.reconcile.BoardFixtures.Published;
import io.sluice.reconcile.RolloutBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutMetricsTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RolloutMetrics metrics = new RolloutMetrics(registry, Clock.fixed(T0, ZoneOffset.UTC));
    final RolloutBoard board = new RolloutBoard();

    void pass(Instant at, Published... rollouts) {
        BoardFixtures.publish(board, at, Duration.ofMillis(300), rollouts);
        metrics.updateFrom(board.picture());
    }

    Double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        return g == null ? null : g.value();
    }

    double aborts(String rollout, Reason reason) {
        return registry.get(SluiceMeters.ABORTS).tags("rollout", rollout, "reason", reason.name()).counter().count();
    }

    @Test
    void aProgressingRolloutShowsItsPhaseWeightStepAndChecks() {
        Instant at = T0.plusSeconds(60);
        pass(at, new Published(example("isshoni-web"), isshoniProgressing(at)));

        for (Phase p : Phase.values()) {
            assertEquals(p == Phase.Progressing ? 1.0 : 0.0, gauge(SluiceMeters.ROLLOUT_PHASE, "rollout", "isshoni-web",
                    "phase", p.name()), p.name());
        }
        assertEquals(10.0, gauge(SluiceMeters.CANARY_WEIGHT, "rollout", "isshoni-web"));
        assertEquals(2.0, gauge(SluiceMeters.STEP, "rollout", "isshoni-web"));
        assertEquals(5.0, gauge(SluiceMeters.STEPS, "rollout", "isshoni-web"));
        assertEquals(at.minusSeconds(120).getEpochSecond(), gauge(SluiceMeters.LAST_TRANSITION, "rollout", "isshoni-web"));
        assertEquals(at.minusSeconds(30).getEpochSecond(), gauge(SluiceMeters.STEP_STARTED, "rollout", "isshoni-web"));
        assertEquals(600.0, gauge(SluiceMeters.STEP_EXPECTED, "rollout", "isshoni-web"), "step 2 is pause: 10m");
        assertEquals(0.002, gauge(SluiceMeters.CHECK_VALUE, "rollout", "isshoni-web", "check", "five-xx-rate"));
        assertEquals(1.0, gauge(SluiceMeters.CHECK_RESULT, "rollout", "isshoni-web", "check", "five-xx-rate", "result", "pass"));
        assertEquals(0.0, gauge(SluiceMeters.CHECK_RESULT, "rollout", "isshoni-web", "check", "five-xx-rate", "result", "fail"));
        assertEquals(0.0, gauge(SluiceMeters.DRIFT, "rollout", "isshoni-web"));
        assertEquals(0.0, aborts("isshoni-web", Reason.CheckFailed), "every reason starts at 0 so increase() sees the first");
    }

    @Test
    void aRollbackIsCountedOnceByItsReason() {
        Instant at = T0.plusSeconds(60);
        pass(at, new Published(example("isshoni-web"), isshoniProgressing(at)));
        pass(at.plusSeconds(10), new Published(example("isshoni-web"), isshoniRolledBack(at.plusSeconds(10))));
        pass(at.plusSeconds(20), new Published(example("isshoni-web"), isshoniRolledBack(at.plusSeconds(10))));

        assertEquals(1.0, aborts("isshoni-web", Reason.CheckFailed));
        assertEquals(0.0, aborts("isshoni-web", Reason.Aborted));
        assertEquals(1.0, gauge(SluiceMeters.ROLLOUT_PHASE, "rollout", "isshoni-web", "phase", "RolledBack"));
        assertEquals(0.0, gauge(SluiceMeters.CANARY_WEIGHT, "rollout", "isshoni-web"));
        assertEquals(1.0, gauge(SluiceMeters.CHECK_RESULT, "rollout", "isshoni-web", "check", "five-xx-rate", "result", "fail"));
        assertTrue(Double.isNaN(gauge(SluiceMeters.STEP_STARTED, "rollout", "isshoni-web")), "no step runs");
    }

    @Test
    void rollbacksFromBeforeTheProcessStartedAreNotCounted() {
        Instant old = T0.minusSeconds(3600);
        pass(T0.plusSeconds(5), new Published(example("isshoni-web"), isshoniRolledBack(old)));
        assertEquals(0.0, aborts("isshoni-web", Reason.CheckFailed));
    }

    @Test
    void removedRolloutsAndChecksLoseTheirMeters() {
        Instant at = T0.plusSeconds(60);
        pass(at, new Published(example("isshoni-web"), isshoniProgressing(at)),
                new Published(example("makenaide-orchestrator"), makenaideHealthy(at)));
        assertEquals(1.0, gauge(SluiceMeters.ROLLOUT_PHASE, "rollout", "makenaide-orchestrator", "phase", "Healthy"));

        RolloutStatus fewerChecks = isshoniProgressing(at.plusSeconds(10));
        fewerChecks = new RolloutStatus(fewerChecks.rollout(), fewerChecks.observedCommit(), 0, fewerChecks.phase(),
                fewerChecks.step(), fewerChecks.stable(), fewerChecks.canary(), fewerChecks.stepStartedAt(),
                fewerChecks.pausedUntil(), fewerChecks.lastTransition(), fewerChecks.checks().subList(0, 1),
                fewerChecks.message(), fewerChecks.history());
        pass(at.plusSeconds(10), new Published(example("isshoni-web"), fewerChecks));

        assertNull(gauge(SluiceMeters.ROLLOUT_PHASE, "rollout", "makenaide-orchestrator", "phase", "Healthy"));
        assertTrue(registry.find(SluiceMeters.ABORTS).tag("rollout", "makenaide-orchestrator").counters().isEmpty());
        assertNull(gauge(SluiceMeters.CHECK_VALUE, "rollout", "isshoni-web", "check", "five-xx-rate"));
        assertEquals(100.0, gauge(SluiceMeters.CHECK_VALUE, "rollout", "isshoni-web", "check", "green-healthy"));
        assertEquals(1.0, gauge(SluiceMeters.ROLLOUT_PHASE, "rollout", "isshoni-web", "phase", "Progressing"));
    }

    @Test
    void driftIsOneWhileHeldOnADriftEvent() {
        Instant at = T0.plusSeconds(60);
        RolloutStatus p = isshoniProgressing(at);
        List<RolloutStatus.HistoryEntry> history = new java.util.ArrayList<>(p.history());
        history.add(0, new RolloutStatus.HistoryEntry(at, "drift", Optional.of("blue=90,green=10"),
                Optional.of("blue=50,green=50"), Optional.empty(), Optional.of("live weights changed outside sluice")));
        RolloutStatus held = new RolloutStatus(p.rollout(), p.observedCommit(), 0, Phase.Degraded, p.step(), p.stable(),
                p.canary(), p.stepStartedAt(), p.pausedUntil(), Optional.of(at), p.checks(), "holding", history);
        pass(at, new Published(example("isshoni-web"), held));
        assertEquals(1.0, gauge(SluiceMeters.DRIFT, "rollout", "isshoni-web"));
        assertEquals(1.0, gauge(SluiceMeters.ROLLOUT_PHASE, "rollout", "isshoni-web", "phase", "Degraded"));
    }

    @Test
    void eachPassDurationIsRecordedOnce() {
        Instant at = T0.plusSeconds(60);
        pass(at, new Published(example("isshoni-web"), isshoniProgressing(at)));
        metrics.updateFrom(board.picture());
        pass(at.plusSeconds(5), new Published(example("isshoni-web"), isshoniProgressing(at)));
        Timer timer = registry.get("sluice.reconcile.pass").timer();
        assertEquals(2, timer.count());
        assertEquals(0.6, timer.totalTime(java.util.concurrent.TimeUnit.SECONDS), 1e-9);
    }
}
