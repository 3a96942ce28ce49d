package io.sluice.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.git.PollResult;
import io.sluice.git.StatusPush;
import io.sluice.reconcile.PassListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Git polls and status pushes: durations, failures by reason (a fixed set of CamelCase reasons), and
 * the time of the last successful sync, which the "Git sync stale" alert watches.
 */
public final class GitMetrics implements PassListener {
    public static final String POLL = "sluice.git.poll";
    public static final String POLL_FAILURES = "sluice.git.poll.failures";
    public static final String PUSH = "sluice.git.push";
    public static final String PUSH_FAILURES = "sluice.git.push.failures";
    public static final String LAST_SYNC = "sluice.git.last.sync.timestamp.seconds";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer poll;
    private final Timer push;
    private final AtomicReference<Double> lastSync = new AtomicReference<>(Double.NaN);

    public GitMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.poll = Timer.builder(POLL).description("Duration of a poll of the config repository").register(registry);
        this.push = Timer.builder(PUSH).description("Duration of a status write (commit and push)").register(registry);
        Gauge.builder(LAST_SYNC, lastSync, AtomicReference::get)
                .description("Unix time of the last successful read of the config repository").register(registry);
    }

    @Override
    public void polled(PollResult result) {
        polled(result.took(), result.trouble().map(t -> t.reason().name()), Instant.now(clock));
    }

    @Override
    public void pushed(StatusPush result) {
        pushed(result.took(), result.trouble().map(t -> t.reason().name()));
    }

    public void polled(Duration took, Optional<String> failureReason, Instant at) {
        poll.record(took);
        if (failureReason.isPresent()) {
            Counter.builder(POLL_FAILURES).description("Polls that kept the last good desired state, by reason")
                    .tag(SluiceMeters.TAG_REASON, failureReason.get()).register(registry).increment();
        } else {
            lastSync.set(at.toEpochMilli() / 1000.0);
        }
    }

    public void pushed(Duration took, Optional<String> failureReason) {
        push.record(took);
        failureReason.ifPresent(r -> Counter.builder(PUSH_FAILURES)
                .description("Status writes left pending, by reason").tag(SluiceMeters.TAG_REASON, r)
                .register(registry).increment());
    }
}
