package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Condition;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rollout whose file was never readable, and one whose listener does not exist, are on the board
 * from their first pass with their reason and error, in their status file's conditions; neither
 * moves traffic, the others go on, and fixing the file clears it in the next pass.
 */
class EveryFileOnTheBoardTest {

    @Test
    void aBrokenNewFileAndAMissingListenerShowTheirReasonsAndNeverStopTheOthers() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(ResilienceTest.HEALTHY_ISSHONI)) {
            Rollout isshoni = example("isshoni-web", s -> s);
            String brokenText = Files.readString(Path.of("config-repo-example/rollouts/nodeapp-alb.yaml"))
                    .replace("  name: nodeapp-alb\n", "  name: nodeapp-canary\n").replace("  strategy:", "  stratgy:");
            RolloutFiles.FileResult broken = RolloutFiles.read(brokenText, "rollouts/nodeapp-canary.yaml");
            assertTrue(broken.rollout().isEmpty());
            Rollout missing = example("model-platform", s -> s.replace("name: model-platform", "name: ghost-listener")
                    .replace("listener/app/model-platform/bca647e671b4d68a/14d6256cfe703b1c\n",
                            "listener/app/model-platform/bca647e671b4d68a/00000000deadbeef\n")
                    .replaceAll("\\s+ruleArn: .*\\n", "\n"));
            List<Problem> problems = broken.problems();

            PassReport first = h.reconciler.pass(new DesiredState("c1", List.of(isshoni, missing), problems));
            RolloutStatus invalid = first.statuses().get("nodeapp-canary");
            assertEquals(Phase.Degraded, invalid.phase(), first.statuses().toString());
            assertEquals(Reason.InvalidFile, invalid.reason().orElseThrow());
            assertTrue(invalid.message().contains("rollouts/nodeapp-canary.yaml:"), invalid.message());
            assertTrue(invalid.message().contains("spec.stratgy: unknown field (did you mean 'strategy'?)"),
                    "the misspelling, not the 'is required' it causes: " + invalid.message());
            assertTrue(first.changedStatuses().contains("nodeapp-canary"), "its status file is written");
            assertTrue(StatusYaml.write(invalid).contains("reason: InvalidFile"), StatusYaml.write(invalid));

            RolloutStatus ghost = first.statuses().get("ghost-listener");
            assertEquals(Reason.TargetNotFound, ghost.reason().orElseThrow(), ghost.toString());
            assertTrue(ghost.message().contains("00000000deadbeef"), ghost.message());
            assertTrue(first.changedStatuses().contains("ghost-listener"));

            var board = h.board.picture();
            assertEquals(List.of("ghost-listener", "isshoni-web", "nodeapp-canary"),
                    board.entries().stream().map(RolloutBoard.Entry::name).toList());
            assertEquals("rollouts/nodeapp-canary.yaml", board.entry("nodeapp-canary").orElseThrow().source());
            assertEquals(Phase.Progressing, first.statuses().get("isshoni-web").phase(), "the others go on");

            // the same trouble on the next passes: no new commit
            h.clock.advance(Duration.ofSeconds(10));
            PassReport second = h.reconciler.pass(new DesiredState("c1", List.of(isshoni, missing), problems));
            assertTrue(!second.changedStatuses().contains("nodeapp-canary"), second.changedStatuses().toString());
            assertTrue(!second.changedStatuses().contains("ghost-listener"), second.changedStatuses().toString());
            Condition since = second.statuses().get("ghost-listener").condition(Condition.Type.Degraded).orElseThrow();
            assertEquals(ghost.condition(Condition.Type.Degraded).orElseThrow().since(), since.since());

            // fixed in Git: the file's rollout starts in the next pass
            Rollout fixed = RolloutFiles.read(brokenText.replace("  stratgy:", "  strategy:"), "rollouts/nodeapp-canary.yaml")
                    .rollout().orElseThrow();
            h.clock.advance(Duration.ofSeconds(10));
            PassReport third = h.reconciler.pass(new DesiredState("c2", List.of(isshoni, missing, fixed), List.of()));
            RolloutStatus started = third.statuses().get("nodeapp-canary");
            assertTrue(started.phase() == Phase.Progressing || started.phase() == Phase.Healthy, started.toString());
            assertEquals(false, started.condition(Condition.Type.Degraded).orElseThrow().status(), started.toString());
        }
    }

    @Test
    void aFileWhoseNameCannotBeReadIsShownUnderItsFileName() {
        assertEquals("my-rollout", Reconciler.nameOf("rollouts/team/My_Rollout.yaml"));
        assertEquals("unnamed", Reconciler.nameOf("rollouts/___.yml"));
    }
}
