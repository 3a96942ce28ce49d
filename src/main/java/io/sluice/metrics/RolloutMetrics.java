package io.sluice.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.model.status.Reason;
import io.sluice.reconcile.PassReport;
import io.sluice.reconcile.RolloutBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the {@code sluice_rollout_*}, {@code sluice_check_*} and pass-duration meters in step with
 * the rollout board: call {@link #updateFrom} after each pass. Meters of a rollout that left the
 * board are removed; rollbacks are counted once, when their history entry first appears.
 */
public final class RolloutMetrics {
    private static final Duration[] PASS_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Instant countRollbacksAfter;
    private final Timer passDuration;
    private final Map<String, RolloutMeters> byRollout = new HashMap<>();
    private Instant lastPassRecorded = Instant.EPOCH;
    private final Map<Reason, Level> byReason = new java.util.EnumMap<>(Reason.class);

    /** Rollbacks older than {@code clock.instant()} (from before this process) are not counted. */
    public RolloutMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.countRollbacksAfter = clock.instant();
        this.passDuration = Timer.builder(SluiceMeters.PASS_DURATION).description(SluiceMeters.HELP_PASS)
                .serviceLevelObjectives(PASS_BUCKETS).register(registry);
        for (Reason reason : Reason.values()) {
            Level level = new Level(0);
            byReason.put(reason, level);
            io.micrometer.core.instrument.Gauge.builder(SluiceMeters.BY_REASON, level, Level::get)
                    .description(SluiceMeters.HELP_BY_REASON).tag(SluiceMeters.TAG_REASON, reason.name()).register(registry);
        }
    }

    public synchronized void updateFrom(RolloutBoard.Picture picture) {
        Set<String> present = new HashSet<>();
        for (RolloutBoard.Entry entry : picture.entries()) {
            String name = entry.name();
            present.add(name);
            byRollout.computeIfAbsent(name, n -> new RolloutMeters(registry, n, countRollbacksAfter)).update(entry);
        }
        java.util.Map<Reason, Long> counts = picture.entries().stream().flatMap(e -> e.status().reason().stream())
                .collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.stream.Collectors.counting()));
        byReason.forEach((reason, level) -> level.set(counts.getOrDefault(reason, 0L)));
        byRollout.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            e.getValue().remove();
            return true;
        });
        if (picture.lastPass().isPresent() && picture.at().isAfter(lastPassRecorded)) {
            PassReport pass = picture.lastPass().get();
            passDuration.record(pass.took());
            lastPassRecorded = picture.at();
        }
    }
}
