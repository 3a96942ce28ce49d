package io.sluice.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Liveness: the reconcile loop is alive when a pass finished within {@code maxSilence} (a few poll
 * intervals). Before the first pass, the time since start counts instead, so a slow first clone
 * does not restart the process at once. Not a CDI bean by itself: the daemon produces it with
 * {@code @Liveness} and its "last pass at" supplier.
 */
public final class PassLiveness implements HealthCheck {
    public static final String NAME = "sluice-reconcile-loop";

    private final Supplier<Optional<Instant>> lastPassAt;
    private final Instant startedAt;
    private final Duration maxSilence;
    private final Clock clock;

    public PassLiveness(Supplier<Optional<Instant>> lastPassAt, Duration maxSilence, Clock clock) {
        this.lastPassAt = lastPassAt;
        this.maxSilence = maxSilence;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.instant();
        Optional<Instant> last = lastPassAt.get();
        Instant since = last.orElse(startedAt);
        long silentSeconds = Math.max(0, Duration.between(since, now).toSeconds());
        boolean up = silentSeconds <= maxSilence.toSeconds();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).status(up)
                .withData("maxSilenceSeconds", maxSilence.toSeconds())
                .withData("secondsSinceLastPass", silentSeconds);
        last.ifPresent(t -> b.withData("lastPassAt", t.toString()));
        if (!up) {
            b.withData("reason", last.isPresent()
                    ? "no reconcile pass finished for " + silentSeconds + "s (limit " + maxSilence.toSeconds() + "s)"
                    : "no reconcile pass finished since start " + silentSeconds + "s ago (limit "
                    + maxSilence.toSeconds() + "s)");
        }
        return b.build();
    }
}
