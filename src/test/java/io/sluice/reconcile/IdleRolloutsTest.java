package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rollout at rest spares the API quota: observed once per idle interval, at once after a Git change. */
class IdleRolloutsTest {

    @Test
    void aHealthyUnchangedRolloutIsObservedOncePerIdleIntervalAndAtOnceWhenItsFileChanges() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(s -> s);
             Reconciler reconciler = new Reconciler(new DefaultTrafficTargets(h.aws), h.analyzer, h.clock, 2,
                     new RolloutBoard(), Duration.ofMinutes(5))) {
            Rollout atRest = example("nodeapp-alb", t -> t.replace("active: green", "active: blue"));
            assertEquals(Phase.Healthy, pass(reconciler, atRest).statuses().get("nodeapp-alb").phase());
            assertTrue(elbCalls(h) > 0);

            h.sim.control().calls().clear();
            h.clock.advance(Duration.ofMinutes(1));
            pass(reconciler, atRest);
            assertEquals(0, elbCalls(h), "at rest and unchanged: no call within the idle interval");

            h.clock.advance(Duration.ofMinutes(5));
            pass(reconciler, atRest);
            assertTrue(elbCalls(h) > 0, "observed again once the idle interval is over");

            h.sim.control().calls().clear();
            h.clock.advance(Duration.ofSeconds(10));
            Rollout released = example("nodeapp-alb", t -> t);
            PassReport moved = pass(reconciler, released);
            assertTrue(elbCalls(h) > 0, "a Git change is looked at in the next pass");
            assertEquals(Phase.Progressing, moved.statuses().get("nodeapp-alb").phase());
        }
    }

    private static PassReport pass(Reconciler reconciler, Rollout rollout) {
        return reconciler.pass(new DesiredState("c0ffee1", List.of(rollout), List.of()));
    }

    @SuppressWarnings("unchecked")
    private static long elbCalls(ScenarioHarness h) {
        var elb = (java.util.Map<String, java.util.Map<String, Long>>) (Object) h.sim.control().calls().snapshot()
                .getOrDefault("elasticloadbalancing", java.util.Map.of());
        return elb.values().stream().mapToLong(outcomes -> outcomes.values().stream().mapToLong(Long::longValue).sum()).sum();
    }
}
