package io.sluice.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's notion of time. Real time for {@code simulate}, or a manual clock that tests
 * advance so that a ten-minute pause takes milliseconds. Services never read the system clock;
 * they compute time-dependent state (health checks, INSYNC, deployments) lazily from {@link #now()}.
 */
public final class SimClock extends Clock {
    private final AtomicReference<Instant> manual;
    private final Clock real;

    private SimClock(Instant start, Clock real) {
        this.manual = start == null ? null : new AtomicReference<>(start);
        this.real = real;
    }

    /**
     * Real time running {@code speed} times faster from {@code start}: with speed 60 a ten-minute
     * pause passes in ten seconds, for demos that show whole rollouts.
     */
    public static SimClock scaled(Instant start, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be above 0, got " + speed);
        }
        long origin = System.nanoTime();
        return new SimClock(null, new Clock() {
            @Override
            public Instant instant() {
                return start.plusNanos((long) ((System.nanoTime() - origin) * speed));
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        });
    }

    public static SimClock manual(Instant start) {
        return new SimClock(start, null);
    }

    public static SimClock real() {
        return new SimClock(null, Clock.systemUTC());
    }

    public boolean isManual() {
        return manual != null;
    }

    @Override
    public Instant instant() {
        return manual != null ? manual.get() : real.instant();
    }

    public Instant now() {
        return instant();
    }

    /** Moves a manual clock forward; refused for the real clock. */
    public Instant advance(Duration by) {
        if (manual == null) {
            throw new IllegalStateException("the real clock cannot be advanced");
        }
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        return manual.updateAndGet(t -> t.plus(by));
    }

    @Override
    public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
        throw new UnsupportedOperationException("the simulator clock is always UTC");
    }
}
