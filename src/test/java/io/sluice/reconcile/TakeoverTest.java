package io.sluice.reconcile;

import static io.sluice.reconcile.RollbackNeedsOnlyItsWriteTest.okCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.DesiredState;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one rollout, as leases let them be: the standby shows what Git records and
 * writes nothing; when it takes over, the holder's last write (made, never recorded) is taken as
 * made, not made again, and the rollout carries on from there.
 */
class TakeoverTest {

    /** Ownership that a test flips, with the statuses "in Git" given by the other instance. */
    static final class Flag implements Ownership {
        final AtomicBoolean mine = new AtomicBoolean();
        volatile Map<String, RolloutStatus> git = Map.of();

        @Override
        public boolean mayWrite(Rollout rollout) {
            return mine.get();
        }

        @Override
        public boolean repository() {
            return mine.get();
        }

        @Override
        public Map<String, RolloutStatus> recorded() {
            return git;
        }
    }

    @Test
    void aStandbyWritesNothingAndATakeoverNeverRepeatsTheHoldersLastWrite() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(UnaryOperator.identity())) {
            Rollout isshoni = ScenarioHarness.example("isshoni-web", UnaryOperator.identity());
            DesiredState desired = new DesiredState("c0ffee1", List.of(isshoni), List.of());
            Reconciler standby = new Reconciler(new DefaultTrafficTargets(h.aws), h.analyzer, h.clock, 4, new RolloutBoard());
            Flag own = new Flag();

            // the holder starts the rollout: 10% written and verified
            h.pass(isshoni);
            h.clock.advance(Duration.ofSeconds(10));
            RolloutStatus recorded = h.pass(isshoni).statuses().get("isshoni-web");
            assertEquals(10, recorded.canary().orElseThrow().weight(), h.timeline());

            // the standby shows the holder's status from Git and makes no AWS call that writes
            own.git = Map.of("isshoni-web", recorded);
            long writes = okCalls(h, "elasticloadbalancing", "ModifyListener");
            PassReport shown = standby.pass(desired, own);
            assertEquals(recorded, shown.statuses().get("isshoni-web"));
            assertEquals(List.of(), shown.changedStatuses(), "a standby records nothing");
            assertTrue(shown.shownOnly().contains("isshoni-web"));
            assertEquals(writes, okCalls(h, "elasticloadbalancing", "ModifyListener"), "a standby writes nothing");

            // the holder moves on past the pause and writes 50%, then dies before that status reaches Git
            h.clock.advance(Duration.ofMinutes(11));
            h.pass(isshoni);
            long writesBeforeTakeover = okCalls(h, "elasticloadbalancing", "ModifyListener");
            assertEquals(writes + 1, writesBeforeTakeover, "the holder wrote 50%: " + h.timeline());

            // the standby takes over, with the status Git still has (10%)
            h.clock.advance(Duration.ofSeconds(15));
            standby.pass(desired, own);
            own.mine.set(true);
            PassReport took = standby.pass(desired, own);
            RolloutStatus after = took.statuses().get("isshoni-web");
            assertEquals(writesBeforeTakeover, okCalls(h, "elasticloadbalancing", "ModifyListener"),
                    "the 50% the holder wrote is taken as made, not written again: " + after);
            assertEquals(50, after.canary().orElseThrow().weight(), after.toString());
            assertTrue(took.changedStatuses().contains("isshoni-web"), "the new holder records it");
        }
    }
}
