package io.sluice.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.SshGitServer;
import io.sluice.model.status.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH with a deploy key against OpenSSH's sshd; the host key must be in the configured known_hosts. */
class SshDeployKeyTest {
    @TempDir
    Path tmp;
    SshGitServer sshd;
    Path repo;

    @BeforeEach
    void start() throws IOException {
        Path served = tmp.resolve("served");
        Files.createDirectories(served);
        repo = GitCli.seededBareRepo(served, "config.git", Fixtures.threeRollouts());
        sshd = new SshGitServer(tmp.resolve("sshd")).start();
    }

    @AfterEach
    void stop() {
        sshd.close();
    }

    @Test
    void pollsAndPushesOverSshWithAKnownHostKey() {
        LocalClone clone = new LocalClone(tmp.resolve("clone"), new Remote(sshd.url(repo),
                new Credentials.SshKey(sshd.deployKey(), sshd.knownHosts()), Duration.ofSeconds(15)));
        PollResult poll = new GitSource(clone, "main", "rollouts", Fixtures.CLOCK).poll();
        assertTrue(poll.ok(), () -> poll.trouble().toString());
        assertEquals(3, poll.snapshot().orElseThrow().rollouts().size());

        StatusPush push = new StatusWriter(clone, new StatusWriter.Settings("main", "status", "sluice", "sluice@localhost",
                3, Duration.ofMillis(10)), Fixtures.CLOCK)
                .write(List.of(Fixtures.status("billing", Phase.Healthy, "ok")), "billing Healthy");
        assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        assertEquals(push.commit().orElseThrow(), GitCli.run(repo, "rev-parse", "main"));
        clone.close();
    }

    @Test
    void refusesAnUnknownHostKeyNamingTheHostAndTheKnownHostsFile() throws IOException {
        Path emptyKnownHosts = Files.writeString(tmp.resolve("empty_known_hosts"), "");
        LocalClone clone = new LocalClone(tmp.resolve("clone"), new Remote(sshd.url(repo),
                new Credentials.SshKey(sshd.deployKey(), emptyKnownHosts), Duration.ofSeconds(15)));
        PollResult refused = new GitSource(clone, "main", "rollouts", Fixtures.CLOCK).poll();

        GitTrouble trouble = refused.trouble().orElseThrow();
        assertEquals(GitTrouble.Reason.HostKeyRejected, trouble.reason(), trouble::toString);
        assertTrue(trouble.message().contains("127.0.0.1"), trouble::message);
        assertTrue(trouble.message().contains(emptyKnownHosts.toString()), trouble::message);
        assertTrue(refused.snapshot().isEmpty());
        assertEquals("", Files.readString(emptyKnownHosts), "an unknown key is never added");
        clone.close();
    }

    @Test
    void anSshUrlWithoutKnownHostsIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Remote(sshd.url(repo), new Credentials.Anonymous(), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("sluice.git.known-hosts"));
    }
}
