package io.sluice.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.Credentials;
import io.sluice.git.LocalClone;
import io.sluice.git.Remote;
import io.sluice.git.StatusWriter;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.model.DesiredState;
import io.sluice.model.Rollout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lease that lapses between a pass and its status write: the statuses of that pass are not
 * pushed (the instance that takes the lease over writes them), while one still held is.
 */
class LapsedLeaseWritesNoStatusTest {
    @TempDir
    Path tmp;

    @Test
    void theStatusWriteAsksForTheLeaseAgainAndLeavesOutWhatItNoLongerHolds() throws Exception {
        String isshoni = Files.readString(Path.of("config-repo-example/rollouts/isshoni-web.yaml"));
        Path served = Files.createDirectories(tmp.resolve("served"));
        GitCli.seededBareRepo(served, "config.git", Map.of("rollouts/isshoni-web.yaml", isshoni));
        try (GitDaemonServer daemon = new GitDaemonServer(served).start();
             ScenarioHarness h = new ScenarioHarness(UnaryOperator.identity());
             LocalClone clone = new LocalClone(tmp.resolve("clone"),
                     new Remote(daemon.url("config.git"), new Credentials.Anonymous(), Duration.ofSeconds(10)))) {
            StatusWriter writer = new StatusWriter(clone, new StatusWriter.Settings("main", "status", "sluice",
                    "sluice@localhost", 5, Duration.ofMillis(50), Optional.empty()), h.clock);
            Rollout rollout = ScenarioHarness.example("isshoni-web", UnaryOperator.identity());
            PassReport report = h.reconciler.pass(new DesiredState("c0ffee1", List.of(rollout), List.of()));
            assertTrue(report.changedStatuses().contains("isshoni-web"), report.changedStatuses().toString());

            // the lease lapsed after the pass: nothing of isshoni-web is committed
            ReconcileLoop.writeStatus(writer, report, name -> false, "");
            assertTrue(writer.recorded().byRollout().isEmpty(), "no status pushed under a lapsed lease");

            // still held: written
            ReconcileLoop.writeStatus(writer, report, name -> true, "");
            assertEquals(report.statuses().get("isshoni-web"), writer.recorded().byRollout().get("isshoni-web"));
        }
    }
}
