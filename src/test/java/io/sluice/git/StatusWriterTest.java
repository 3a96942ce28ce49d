package io.sluice.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.git.servers.UserClone;
import io.sluice.model.status.Phase;
import io.sluice.model.status.StatusYaml;
import io.sluice.model.status.StatusYamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status write-back to a real git daemon, checked with the git CLI as a person would see it. */
class StatusWriterTest {
    @TempDir
    Path tmp;
    GitDaemonServer daemon;
    LocalClone clone;
    GitSource source;
    UserClone user;

    @BeforeEach
    void start() throws IOException {
        Path served = tmp.resolve("served");
        Files.createDirectories(served);
        GitCli.seededBareRepo(served, "config.git", Fixtures.threeRollouts());
        daemon = new GitDaemonServer(served).start();
        clone = new LocalClone(tmp.resolve("clone"), new Remote(daemon.url("config.git"), new Credentials.Anonymous(),
                Duration.ofSeconds(10)));
        source = new GitSource(clone, "main", "rollouts", Fixtures.CLOCK);
        user = new UserClone(tmp, daemon.url("config.git"));
    }

    @AfterEach
    void stop() {
        clone.close();
        daemon.close();
    }

    StatusWriter writer(String branch) {
        return new StatusWriter(clone, new StatusWriter.Settings(branch, "status", "sluice-bot", "bot@sluice.test", 4,
                Duration.ofMillis(10)), Fixtures.CLOCK);
    }

    @Test
    void commitsAllStatusesOfAPassInOneBotCommitVisibleOnTheRemote() {
        source.poll();
        StatusWriter writer = writer("main");
        StatusPush push = writer.write(List.of(Fixtures.status("orders-api", Phase.Healthy, "all traffic on green"),
                Fixtures.status("billing", Phase.Progressing, "step 1/5")), "orders-api Healthy, billing Progressing");

        assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        assertEquals(List.of("status/billing.yaml", "status/orders-api.yaml"), push.files());
        assertEquals(push.commit(), writer.lastPushedCommit());
        user.pull();
        assertEquals(push.commit().orElseThrow(), user.git("rev-parse", "HEAD"));
        assertEquals("sluice-bot <bot@sluice.test>|sluice-bot <bot@sluice.test>|sluice: orders-api Healthy, billing Progressing [skip ci]",
                user.git("log", "-1", "--format=%an <%ae>|%cn <%ce>|%s"));
        assertEquals("status/billing.yaml\nstatus/orders-api.yaml", user.git("show", "--format=", "--name-only", "HEAD"));
        String text = user.git("show", "HEAD:status/orders-api.yaml") + "\n";
        assertEquals(StatusYaml.write(Fixtures.status("orders-api", Phase.Healthy, "all traffic on green")), text);
        assertEquals(Phase.Healthy, StatusYamlReader.read(text, "status/orders-api.yaml").phase());
    }

    @Test
    void aRestartedWriterReadsBackWhatWasRecorded() throws IOException {
        source.poll();
        writer("main").write(List.of(Fixtures.status("orders-api", Phase.Paused, "waiting for approval"),
                Fixtures.status("billing", Phase.Healthy, "ok")), "two statuses");
        user.pull();
        user.write("status/broken.yaml", "rollout: [\n").commit("Someone broke a status file");
        user.push();

        RecordedStatus recorded = writer("main").recorded();
        assertEquals(Optional.empty(), recorded.trouble());
        assertEquals(Fixtures.status("orders-api", Phase.Paused, "waiting for approval"), recorded.byRollout().get("orders-api"));
        assertEquals(List.of("billing", "orders-api"), List.copyOf(new java.util.TreeSet<>(recorded.byRollout().keySet())));
        assertEquals(1, recorded.unreadable().size());
        assertTrue(recorded.unreadable().get(0).contains("status/broken.yaml"), recorded.unreadable()::toString);
    }

    StatusWriter recordingWriter() {
        return new StatusWriter(clone, new StatusWriter.Settings("main", "status", "sluice-bot", "bot@sluice.test", 4,
                Duration.ofMillis(10), Optional.of("sluice-record")), Fixtures.CLOCK);
    }

    @Test
    void statusFilesDroppedByAForcePushAreWrittenBackInTheNextWrite() throws IOException {
        source.poll();
        StatusWriter writer = recordingWriter();
        var rolledBack = Fixtures.status("orders-api", Phase.RolledBack, "rolled back: five-xx-rate 0.04 above 0.01");
        var healthy = Fixtures.status("billing", Phase.Healthy, "all traffic on green");
        writer.write(List.of(rolledBack, healthy), "two statuses");
        String before = user.git("ls-remote", "origin", "refs/heads/main").split("\t")[0];
        user.pull();
        // a person rewrites main without sluice's status commit
        user.git("reset", "--hard", "HEAD~1");
        user.write("rollouts/note.txt", "rewritten\n").commit("Rewrite history");
        user.forcePush();
        assertFalse(user.git("ls-tree", "-r", "--name-only", "origin/main").contains("status/"));

        source.poll();
        assertTrue(writer.rewrittenSinceLastWrite(), "the writer notices the branch is not where it left it");
        StatusPush push = writer.write(List.of(), java.util.Map.of("orders-api", rolledBack, "billing", healthy),
                "status files restored");
        assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        assertEquals(List.of("status/billing.yaml", "status/orders-api.yaml"), push.files());
        user.pull();
        assertEquals(StatusYaml.write(rolledBack), user.git("show", "HEAD:status/orders-api.yaml") + "\n");
        assertTrue(!before.equals(user.git("rev-parse", "HEAD")));
        assertFalse(writer.rewrittenSinceLastWrite());
    }

    @Test
    void aRestartAfterAForcePushReadsTheRecordSluiceAloneWrites() throws IOException {
        source.poll();
        var rolledBack = Fixtures.status("orders-api", Phase.RolledBack, "rolled back: five-xx-rate 0.04 above 0.01");
        recordingWriter().write(List.of(rolledBack), "orders-api RolledBack");
        user.pull();
        user.git("reset", "--hard", "HEAD~1");
        user.forcePush();
        assertEquals("", user.git("ls-tree", "-r", "--name-only", "origin/main", "status/"));

        // a new process: nothing in memory, main has no status, the record branch still has it
        RecordedStatus recorded = recordingWriter().recorded();
        assertEquals(rolledBack, recorded.byRollout().get("orders-api"));
        assertEquals(Optional.empty(), writer("main").recorded().byRollout().keySet().stream().findAny(),
                "without the record, the status would be gone");
    }

    @Test
    void aBranchStatusNewerThanTheRecordWinsAfterACrashBetweenTheTwoPushes() {
        source.poll();
        var paused = Fixtures.status("orders-api", Phase.Paused, "waiting for approval");
        recordingWriter().write(List.of(paused), "orders-api Paused");
        // the next write reached the branch but not the record (the process died in between)
        var later = new io.sluice.model.status.RolloutStatus(paused.rollout(), paused.observedCommit(), 0, Phase.RolledBack,
                java.util.Optional.empty(), paused.stable(), paused.canary(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(java.time.Instant.parse("2030-01-01T00:00:00Z")),
                List.of(), "rolled back", List.of());
        writer("main").write(List.of(later), "orders-api RolledBack");
        assertEquals(Phase.RolledBack, recordingWriter().recorded().byRollout().get("orders-api").phase());
    }

    @Test
    void aRefLockLeftByAKilledProcessDoesNotBlockTheNextOne() throws IOException {
        source.poll();
        recordingWriter().write(List.of(Fixtures.status("orders-api", Phase.Progressing, "step 1/5")), "first");
        clone.close();
        // killed while it updated its tracking ref of the record branch after a push the server took
        Files.writeString(tmp.resolve("clone/refs/remotes/origin/sluice-record.lock"), "0000000000000000000000000000000000000000\n");
        clone = new LocalClone(tmp.resolve("clone"), new Remote(daemon.url("config.git"), new Credentials.Anonymous(),
                Duration.ofSeconds(10)));
        StatusWriter restarted = recordingWriter();
        restarted.recorded();
        StatusPush push = restarted.write(List.of(Fixtures.status("orders-api", Phase.Healthy, "done")), "second");
        assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        assertFalse(Files.exists(tmp.resolve("clone/refs/remotes/origin/sluice-record.lock")));
        user.git("fetch", "origin");
        assertTrue(user.git("show", "origin/sluice-record:status/orders-api.yaml").contains("phase: Healthy"));
    }

    @Test
    void writesNothingWhenTheTextDidNotChange() {
        source.poll();
        StatusWriter writer = writer("main");
        writer.write(List.of(Fixtures.status("orders-api", Phase.Healthy, "done")), "first");
        String head = user.git("ls-remote", "origin", "refs/heads/main").split("\t")[0];

        StatusPush again = writer.write(List.of(Fixtures.status("orders-api", Phase.Healthy, "done")), "again");
        assertEquals(StatusPush.Outcome.Unchanged, again.outcome());
        assertEquals(head, user.git("ls-remote", "origin", "refs/heads/main").split("\t")[0]);
    }

    @Test
    void aUserPushThatLandedFirstIsKeptAndTheStatusGoesOnTopWithoutForce() throws IOException {
        source.poll();
        user.write("rollouts/orders-api.yaml", Fixtures.rollout("orders-api", "blue"));
        String userCommit = user.commit("Move orders-api to blue");
        user.push(); // after sluice's poll, before its status push: the race

        StatusPush push = writer("main").write(List.of(Fixtures.status("billing", Phase.Healthy, "ok")), "billing Healthy");
        assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        assertEquals(2, push.attempts(), "the first push is refused as non-fast-forward, the second lands");
        user.pull();
        assertEquals(userCommit, user.git("rev-parse", "HEAD~1"), "the user's commit is the status commit's parent");
        assertTrue(user.git("show", "HEAD:rollouts/orders-api.yaml").contains("active: blue"));

        PollResult next = source.poll();
        assertTrue(next.desiredChanged(), "the user's change is read in the next pass");
        assertEquals(userCommit, next.snapshot().orElseThrow().commitId(), "the person's commit, not the bot's");
    }

    @Test
    void usersAndStatusWritesRacingRepeatedlyAllLand() throws Exception {
        source.poll();
        StatusWriter writer = writer("main");
        Thread person = new Thread(() -> {
            try {
                UserClone racer = new UserClone(tmp, daemon.url("config.git"));
                for (int i = 0; i < 5; i++) {
                    racer.write("notes/" + i + ".txt", "note " + i + "\n").commit("Note " + i);
                    for (int tries = 0; ; tries++) {
                        try {
                            racer.pull();
                            racer.push();
                            break;
                        } catch (IllegalStateException rejected) {
                            if (tries > 20) {
                                throw rejected;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        person.start();
        for (int i = 0; i < 5; i++) {
            StatusPush push = writer.write(List.of(Fixtures.status("billing", Phase.Progressing, "step " + i)), "step " + i);
            assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        }
        person.join(60_000);
        user.pull();
        for (int i = 0; i < 5; i++) {
            assertEquals("note " + i, user.git("show", "HEAD:notes/" + i + ".txt"));
        }
        assertTrue(user.git("show", "HEAD:status/billing.yaml").contains("step 4"));
        assertEquals("5", user.git("rev-list", "--count", "--author=sluice-bot", "HEAD"));
    }

    @Test
    void keepsTheStatusWhileTheServerIsDownAndPushesItWithTheNextWrite() {
        source.poll();
        StatusWriter writer = writer("main");
        daemon.stop();
        StatusPush down = writer.write(List.of(Fixtures.status("billing", Phase.Progressing, "step 2/5")), "billing step 2");
        assertEquals(StatusPush.Outcome.Pending, down.outcome());
        assertEquals(4, down.attempts());
        assertEquals(GitTrouble.Reason.Unreachable, down.trouble().orElseThrow().reason());
        assertEquals(List.of("status/billing.yaml"), writer.pendingFiles());
        assertEquals(Optional.empty(), writer.lastPushedCommit());

        try {
            daemon.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StatusPush back = writer.write(List.of(Fixtures.status("orders-api", Phase.Healthy, "ok")), "orders-api Healthy");
        assertEquals(StatusPush.Outcome.Pushed, back.outcome(), back::toString);
        assertEquals(List.of("status/billing.yaml", "status/orders-api.yaml"), back.files());
        assertEquals(List.of(), writer.pendingFiles());
    }

    @Test
    void writesToASeparateStatusBranchAndLeavesTheDesiredBranchAlone() {
        String desiredHead = source.poll().head().orElseThrow();
        StatusWriter writer = writer("sluice-status");
        StatusPush push = writer.write(List.of(Fixtures.status("billing", Phase.Healthy, "ok")), "billing Healthy");
        assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        StatusPush second = writer.write(List.of(Fixtures.status("billing", Phase.Degraded, "5xx")), "billing Degraded");
        assertEquals(StatusPush.Outcome.Pushed, second.outcome(), second::toString);

        assertEquals(desiredHead, user.git("ls-remote", "origin", "refs/heads/main").split("\t")[0]);
        user.git("fetch", "-q", "origin", "sluice-status");
        assertEquals("status/billing.yaml", user.git("ls-tree", "-r", "--name-only", "FETCH_HEAD"));
        assertEquals("2", user.git("rev-list", "--count", "FETCH_HEAD"));
        assertFalse(source.poll().desiredChanged());
    }
}
