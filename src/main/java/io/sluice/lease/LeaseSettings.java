package io.sluice.lease;

import java.time.Duration;

/**
 * How leases are kept.
 *
 * @param table the DynamoDB table (partition key {@code shard}, a string)
 * @param instance this instance's name in the table (unique per process)
 * @param duration how long a lease whose heartbeat no one sees changing stays its holder's; a
 *     standby takes it over after that long
 * @param renewEvery how often the holder renews (and standbys look)
 */
public record LeaseSettings(String table, String instance, Duration duration, Duration renewEvery) {
    public LeaseSettings {
        if (renewEvery.multipliedBy(2).compareTo(duration) > 0) {
            throw new IllegalArgumentException("sluice.lease.renew-every (" + renewEvery + ") must be at most half of"
                    + " sluice.lease.duration (" + duration + "): a holder stops writing after half the lease without a"
                    + " renewal");
        }
    }

    /** A holder that has not renewed for this long stops writing, well before anyone may take its lease over. */
    public Duration writeWindow() {
        return duration.dividedBy(2);
    }
}
