package io.sluice.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.git.servers.UserClone;
import io.sluice.model.Rollout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against a real git daemon, with a person pushing through the git CLI. */
class GitSourceTest {
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

    @Test
    void readsEveryRolloutFileFromTheHeadCommit() {
        PollResult first = source.poll();
        assertTrue(first.ok(), () -> first.trouble().toString());
        assertTrue(first.desiredChanged());
        DesiredSnapshot snapshot = first.snapshot().orElseThrow();
        assertEquals(user.git("rev-parse", "HEAD"), snapshot.commitId());
        assertEquals(List.of("billing", "isshoni-web", "orders-api"), names(snapshot));
        assertEquals(List.of(), snapshot.problems());
        assertEquals(Fixtures.CLOCK.instant(), snapshot.readAt());
    }

    @Test
    void picksUpAUsersPushAndReportsNoChangeWhenTheHeadDidNotMove() throws IOException {
        source.poll();
        PollResult idle = source.poll();
        assertFalse(idle.desiredChanged());

        user.write("rollouts/orders-api.yaml", Fixtures.rollout("orders-api", "blue"))
                .write("rollouts/payments.yaml", Fixtures.rollout("payments", "green"));
        String pushed = user.commit("Move orders-api to blue, add payments");
        user.push();

        PollResult after = source.poll();
        assertTrue(after.desiredChanged());
        assertEquals(pushed, after.snapshot().orElseThrow().commitId());
        assertEquals(List.of("billing", "isshoni-web", "orders-api", "payments"), names(after.snapshot().orElseThrow()));
        Rollout orders = after.snapshot().orElseThrow().rollouts().stream()
                .filter(r -> r.name().equals("orders-api")).findFirst().orElseThrow();
        assertTrue(orders.toString().contains("blue"), orders::toString);
    }

    @Test
    void statusOnlyCommitsAreNotADesiredStateChange() throws IOException {
        String desired = source.poll().snapshot().orElseThrow().commitId();
        user.write("status/orders-api.yaml", "rollout: orders-api\nphase: Healthy\nmessage: \"\"\n");
        String statusCommit = user.commit("sluice: orders-api Healthy [skip ci]");
        user.push();

        PollResult after = source.poll();
        assertTrue(after.ok());
        assertFalse(after.desiredChanged());
        assertEquals(statusCommit, after.head().orElseThrow());
        assertEquals(desired, after.snapshot().orElseThrow().commitId(), "observedCommit must not follow status commits");
    }

    @Test
    void afterARestartOnTopOfStatusCommitsTheSnapshotNamesTheCommitThatSetTheDesiredState() throws IOException {
        String desired = source.poll().snapshot().orElseThrow().commitId();
        for (int i = 0; i < 3; i++) {
            user.write("status/orders-api.yaml", "rollout: orders-api\nphase: Healthy\nmessage: \"" + i + "\"\n");
            user.commit("sluice: orders-api Healthy [skip ci]");
        }
        user.push();

        GitSource restarted = new GitSource(clone, "main", "rollouts", Fixtures.CLOCK);
        PollResult first = restarted.poll();
        assertEquals(user.git("rev-parse", "HEAD"), first.head().orElseThrow());
        assertEquals(desired, first.snapshot().orElseThrow().commitId());
    }

    @Test
    void aBrokenFileIsReportedWithItsLocationAndTheOtherRolloutsStillRead() throws IOException {
        source.poll();
        user.write("rollouts/billing.yaml", Fixtures.rollout("billing", "green").replace("setWeight: 50", "setWeight: 150"));
        user.commit("Break billing");
        user.push();

        DesiredSnapshot snapshot = source.poll().snapshot().orElseThrow();
        assertEquals(List.of("isshoni-web", "orders-api"), names(snapshot));
        assertEquals(1, snapshot.problems().size(), snapshot.problems()::toString);
        assertTrue(snapshot.problems().get(0).toString().startsWith("rollouts/billing.yaml:"), snapshot.problems()::toString);
    }

    @Test
    void keepsTheLastGoodSnapshotWhileTheServerIsDownAndRecoversWhenItIsBack() throws IOException {
        DesiredSnapshot good = source.poll().snapshot().orElseThrow();
        daemon.stop();

        PollResult down = source.poll();
        assertFalse(down.ok());
        assertEquals(GitTrouble.Reason.Unreachable, down.trouble().orElseThrow().reason(), down.trouble()::toString);
        assertTrue(down.trouble().orElseThrow().message().contains("git://127.0.0.1"), down.trouble()::toString);
        assertEquals(good, down.snapshot().orElseThrow());

        daemon.start();
        user.write("rollouts/orders-api.yaml", Fixtures.rollout("orders-api", "blue"));
        String pushed = user.commit("Blue again");
        user.push();
        PollResult back = source.poll();
        assertTrue(back.ok(), () -> back.trouble().toString());
        assertEquals(pushed, back.snapshot().orElseThrow().commitId());
    }

    @Test
    void followsAForcePushedBranchAndReportsTheRewrite() throws IOException {
        source.poll();
        user.write("rollouts/orders-api.yaml", Fixtures.rollout("orders-api", "blue"));
        user.commit("Blue");
        user.push();
        String blue = source.poll().snapshot().orElseThrow().commitId();

        user.git("reset", "-q", "--hard", "HEAD~1");
        user.write("rollouts/billing.yaml", Fixtures.rollout("billing", "blue"));
        String rewritten = user.commit("Billing blue instead");
        user.forcePush();

        PollResult after = source.poll();
        assertTrue(after.ok(), () -> after.trouble().toString());
        assertTrue(after.historyRewritten());
        assertTrue(after.desiredChanged());
        assertEquals(rewritten, after.snapshot().orElseThrow().commitId());
        assertTrue(after.notices().get(0).contains(blue), after.notices()::toString);
    }

    @Test
    void clonesAgainWhenTheLocalCloneIsCorrupt() throws IOException {
        source.poll();
        clone.close();
        // a disk that lost the repository's own files: JGit cannot even open it
        Files.writeString(tmp.resolve("clone/config"), "[core\n\u0000garbage");
        Files.delete(tmp.resolve("clone/HEAD"));
        user.write("rollouts/orders-api.yaml", Fixtures.rollout("orders-api", "blue"));
        String pushed = user.commit("Blue");
        user.push();

        PollResult after = source.poll();
        assertTrue(after.ok(), () -> after.trouble().toString());
        assertEquals(pushed, after.snapshot().orElseThrow().commitId());
        assertTrue(after.notices().toString().contains("cloned again"), after.notices()::toString);
    }

    @Test
    void aMissingBranchIsAClearErrorNamingTheSetting() {
        GitSource wrongBranch = new GitSource(clone, "production", "rollouts", Fixtures.CLOCK);
        PollResult result = wrongBranch.poll();
        assertEquals(GitTrouble.Reason.BranchNotFound, result.trouble().orElseThrow().reason());
        assertTrue(result.trouble().orElseThrow().message().contains("sluice.git.branch"));
        assertEquals(GitTrouble.Kind.STALLED, result.trouble().orElseThrow().kind());
    }

    static List<String> names(DesiredSnapshot snapshot) {
        return snapshot.rollouts().stream().map(Rollout::name).sorted().toList();
    }

}
