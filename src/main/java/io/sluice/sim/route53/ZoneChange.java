package io.sluice.sim.route53;

import java.time.Duration;
import java.time.Instant;

/** A submitted change batch: PENDING until the sync delay has passed on the simulator clock, then INSYNC. */
record ZoneChange(String id, String hostedZoneId, Instant submittedAt, String comment, Duration syncDelay) {

    boolean isPending(Instant now) {
        return now.isBefore(submittedAt.plus(syncDelay));
    }

    String status(Instant now) {
        return isPending(now) ? "PENDING" : "INSYNC";
    }
}
