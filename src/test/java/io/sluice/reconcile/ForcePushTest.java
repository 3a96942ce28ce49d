package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.git.Credentials;
import io.sluice.git.DesiredSnapshot;
import io.sluice.git.GitSource;
import io.sluice.git.LocalClone;
import io.sluice.git.PollResult;
import io.sluice.git.Remote;
import io.sluice.git.StatusWriter;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.git.servers.UserClone;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person force-pushes the config repo without sluice's status commits: the statuses are back within
 * one pass, and a release rolled back for its 5xx stays off through that force-push and a restart.
 * Real git daemon and git CLI, the AWS simulator.
 */
class ForcePushTest {
    @TempDir
    Path tmp;

    @Test
    void aRolledBackReleaseStaysOffThroughAForcePushAndARestart() throws Exception {
        String isshoni = Files.readString(Path.of("config-repo-example/rollouts/isshoni-web.yaml"));
        Path served = Files.createDirectories(tmp.resolve("served"));
        GitCli.seededBareRepo(served, "config.git", Map.of("rollouts/isshoni-web.yaml", isshoni));
        try (GitDaemonServer daemon = new GitDaemonServer(served).start();
             ScenarioHarness h = new ScenarioHarness(s -> s)) {
            Remote remote = new Remote(daemon.url("config.git"), new Credentials.Anonymous(), Duration.ofSeconds(10));
            UserClone user = new UserClone(tmp, daemon.url("config.git"));
            String seed = user.git("rev-parse", "HEAD");
            RolloutStatus s;
            try (LocalClone clone = new LocalClone(tmp.resolve("daemon-clone"), remote)) {
                GitSource source = new GitSource(clone, "main", "rollouts", h.clock);
                StatusWriter writer = writer(clone, h);
                s = null;
                for (int i = 0; i < 200 && (s == null || s.phase() != Phase.RolledBack); i++) {
                    s = pass(h.reconciler, source, writer, h);
                    h.clock.advance(Duration.ofSeconds(10));
                }
                assertEquals(Phase.RolledBack, s.phase(), h.timeline());

                // a person rewrites main from before any status commit
                user.git("fetch", "origin");
                user.git("reset", "--hard", seed);
                user.write("README.md", "config repo\n").commit("Rewrite history");
                user.forcePush();
                assertFalse(user.git("ls-tree", "-r", "--name-only", "origin/main").contains("status/"));

                pass(h.reconciler, source, writer, h);
                user.git("fetch", "origin");
                assertTrue(user.git("show", "origin/main:status/isshoni-web.yaml").contains("phase: RolledBack"),
                        "the status dropped by the rewrite is back within one pass");
            }

            // the same force-push again, then a new process on the same clone folder
            user.git("fetch", "origin");
            user.git("reset", "--hard", seed);
            user.write("README.md", "config repo, again\n").commit("Rewrite history again");
            user.forcePush();
            long greenBefore = RollbackNeedsOnlyItsWriteTest.okCalls(h, "elasticloadbalancing", "ModifyListener");
            try (LocalClone clone = new LocalClone(tmp.resolve("daemon-clone"), remote);
                 Reconciler restarted = new Reconciler(new DefaultTrafficTargets(h.aws), h.analyzer, h.clock, 2,
                         new RolloutBoard())) {
                GitSource source = new GitSource(clone, "main", "rollouts", h.clock);
                StatusWriter writer = writer(clone, h);
                restarted.restore(writer.recorded().byRollout());
                for (int i = 0; i < 10; i++) {
                    h.clock.advance(Duration.ofSeconds(10));
                    s = pass(restarted, source, writer, h);
                    assertEquals(Phase.RolledBack, s.phase(), h.timeline());
                }
                assertEquals(greenBefore, RollbackNeedsOnlyItsWriteTest.okCalls(h, "elasticloadbalancing", "ModifyListener"),
                        "the rolled-back release got no traffic");
                user.git("fetch", "origin");
                assertTrue(user.git("show", "origin/main:status/isshoni-web.yaml").contains("phase: RolledBack"));
            }
        }
    }

    private static StatusWriter writer(LocalClone clone, ScenarioHarness h) {
        return new StatusWriter(clone, new StatusWriter.Settings("main", "status", "sluice", "sluice@localhost", 5,
                Duration.ofMillis(50), Optional.of("sluice-record")), h.clock);
    }

    private static RolloutStatus pass(Reconciler r, GitSource source, StatusWriter writer, ScenarioHarness h) {
        PollResult poll = source.poll();
        assertTrue(poll.ok(), () -> poll.trouble().toString());
        DesiredSnapshot d = poll.snapshot().orElseThrow();
        PassReport report = r.pass(new DesiredState(d.commitId(), d.rollouts(), d.problems()));
        ReconcileLoop.writeStatus(writer, report);
        RolloutStatus s = report.statuses().get("isshoni-web");
        h.timeline.add(h.clock.now() + " " + s.phase() + " " + s.canary() + " " + s.message());
        return s;
    }
}
