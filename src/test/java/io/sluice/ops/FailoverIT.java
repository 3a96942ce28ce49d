package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged daemons with DynamoDB leases on one repository (see {@link Failover}): the owner taken
 * away 20 times, by SIGKILL at random moments, twice by a partition that cuts it off DynamoDB only,
 * and four times after a ±30 s jump of its wall clock. Never two writers of a shard at once, a
 * takeover within the lease plus one renewal, and every rollout ends as it would have without them.
 */
class FailoverIT {
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration RENEW = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    @Test
    @Timeout(900)
    void oneWriterPerShardAtAnyTimeAcrossTwentyTakeovers() throws Exception {
        long seed = Long.getLong("failover.seed", ThreadLocalRandom.current().nextLong());
        Failover.Result r = Failover.run(new Failover.Settings(20, LEASE, RENEW, seed, tmp, 7, 5, Duration.ofSeconds(12)));
        String summary = "seed " + seed + " (-Dfailover.seed=" + seed + " repeats the choices)\n"
                + String.join("\n", r.takeovers().stream().map(Object::toString).toList())
                + "\nAWS writes: " + r.writes() + ", instances started: " + r.instances() + "\noverlaps: " + r.overlaps() + "\nviolations: " + r.violations() + "\nended: " + r.ended();
        System.out.println(summary);
        assertEquals(20, r.takeovers().size(), summary);
        assertTrue(r.writes() > 20, "the rollouts wrote to AWS throughout: " + r.writes() + " writes\n" + summary);
        assertEquals(0, r.overlaps().size(), "no write of two instances overlapping in time\n" + summary);
        assertTrue(r.violations().isEmpty(), summary);
        Duration slowest = r.times().stream().max(Comparator.naturalOrder()).orElseThrow();
        Duration bound = LEASE.plus(RENEW).plus(Duration.ofSeconds(3));
        assertTrue(slowest.compareTo(bound) <= 0, "every takeover within the lease plus one renewal (and 3 s for"
                + " a loaded machine): slowest " + slowest.toMillis() + " ms\n" + summary);
    }
}
