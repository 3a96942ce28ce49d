package io.sluice.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class PassLivenessTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void upWhileTheLoopPassesDownWithTheReasonWhenItStops() {
        MovingClock clock = new MovingClock();
        AtomicReference<Optional<Instant>> last = new AtomicReference<>(Optional.empty());
        PassLiveness check = new PassLiveness(last::get, Duration.ofSeconds(90), clock);

        clock.now = T0.plusSeconds(60);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "grace from start before the first pass");
        clock.now = T0.plusSeconds(91);
        HealthCheckResponse down = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertTrue(down.getData().orElseThrow().get("reason").toString().contains("since start"));

        last.set(Optional.of(T0.plusSeconds(90)));
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        clock.now = T0.plusSeconds(200);
        HealthCheckResponse stale = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, stale.getStatus());
        assertEquals(110L, stale.getData().orElseThrow().get("secondsSinceLastPass"));
        assertEquals("no reconcile pass finished for 110s (limit 90s)", stale.getData().orElseThrow().get("reason"));
    }
}
