package io.sluice.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.Credentials;
import io.sluice.git.InstanceBeacon;
import io.sluice.git.Remote;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one repository with {@code sluice.lease.backend=none}, through a real
 * {@code git daemon}: each finds the other from the heartbeat refs within a minute at the default
 * 20 s beat, a ref that never moves (an instance killed long ago) is not taken for a running one,
 * the rollouts' branch is never touched, and a stopped instance stops being reported.
 */
class SecondInstanceWatchTest {
    static final Duration EVERY = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    final AtomicLong nanosA = new AtomicLong(5_000_000_000L);
    final AtomicLong nanosB = new AtomicLong(9_000_000_000_000L);

    private SecondInstanceWatch watch(String url, String name, AtomicLong nanos) {
        Remote remote = new Remote(url, new Credentials.Anonymous(), Duration.ofSeconds(10));
        return new SecondInstanceWatch(new GitBeacon(new InstanceBeacon(remote, name)), EVERY, url, nanos::get, false);
    }

    private void beat(AtomicLong clock, SecondInstanceWatch w) {
        clock.addAndGet(EVERY.toNanos());
        w.round();
    }

    @Test
    void eachOfTwoInstancesFindsTheOtherWithinAMinuteAndAStaleRefIsNotAnInstance() throws Exception {
        Path repos = Files.createDirectories(tmp.resolve("repos"));
        Path bare = GitCli.seededBareRepo(repos, "config.git", Map.of("rollouts/a.yaml", "x: 1\n"));
        String main = GitCli.run(bare, "rev-parse", "main").trim();
        // an instance killed long ago left its heartbeat behind
        GitCli.run(bare, "update-ref", InstanceBeacon.PREFIX + "killed-long-ago", main);
        try (GitDaemonServer git = new GitDaemonServer(repos).start()) {
            String url = git.url("config.git");
            SecondInstanceWatch a = watch(url, "a", nanosA);
            SecondInstanceWatch b = watch(url, "b", nanosB);
            NoLeases leasesOfA = new NoLeases(Optional.of(a));

            a.round();
            assertEquals(Set.of(), a.others(), "one instance alone, and a ref that does not move, is no conflict");
            long elapsed = 0;
            while (a.others().isEmpty() || b.others().isEmpty()) {
                beat(nanosB, b);
                beat(nanosA, a);
                elapsed += EVERY.toSeconds();
                assertTrue(elapsed <= 60, "found within a minute: a sees " + a.others() + ", b sees " + b.others());
            }
            assertEquals(Set.of("b"), a.others());
            assertEquals(Set.of("a"), b.others());
            assertEquals(Set.of("b"), leasesOfA.otherInstances(), "health and metrics read it from the leases");
            assertEquals(main, GitCli.run(bare, "rev-parse", "main").trim(), "the rollouts' branch is untouched");
            String refs = GitCli.run(bare, "for-each-ref", "--format=%(refname)", "refs/sluice/instances/");
            assertTrue(refs.contains(InstanceBeacon.PREFIX + "a") && refs.contains(InstanceBeacon.PREFIX + "b"), refs);

            // b stops: its heartbeat ref is deleted, and a stops reporting it within three beats
            b.close();
            assertTrue(!GitCli.run(bare, "for-each-ref", "--format=%(refname)", "refs/sluice/instances/")
                    .contains(InstanceBeacon.PREFIX + "b"), "b deleted its ref on the way out");
            for (int i = 0; i < 3; i++) {
                beat(nanosA, a);
            }
            assertEquals(Set.of(), a.others());
            leasesOfA.close();
        }
    }

    @Test
    void aServerThatRefusesOrIsGoneNeverStopsTheWatch() throws Exception {
        SecondInstanceWatch lonely = watch("git://127.0.0.1:" + GitCli.freePort() + "/config.git", "a", nanosA);
        beat(nanosA, lonely);
        beat(nanosA, lonely);
        assertEquals(Set.of(), lonely.others());
        lonely.close();
    }
}
