package io.sluice.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import io.sluice.reconcile.RolloutBoard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The meters of one rollout: registered when it first appears, removed with it. */
final class RolloutMeters {
    /** The reasons a rollback is counted by in {@code sluice_rollout_aborts_total}. */
    static final java.util.List<Reason> ROLLBACK_REASONS = java.util.List.of(Reason.CheckFailed, Reason.Aborted,
            Reason.VersionChanged, Reason.DeploymentFailed, Reason.RollbackFound, Reason.ProgressDeadlineExceeded);

    private final MeterRegistry registry;
    private final String rollout;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<Phase, Level> phases = new EnumMap<>(Phase.class);
    private final Level canaryWeight = new Level(0);
    private final Level step = new Level(0);
    private final Level steps = new Level(0);
    private final Level lastTransition = new Level(Double.NaN);
    private final Level stepStarted = new Level(Double.NaN);
    private final Level stepExpected = new Level(Double.NaN);
    private final Level drift = new Level(0);
    private final Map<Reason, Counter> aborts = new EnumMap<>(Reason.class);
    private final Map<String, CheckMeters> checks = new LinkedHashMap<>();
    private Instant lastRollbackSeen;

    /** Rollbacks at or before {@code countAfter} were seen by an earlier process and are not counted. */
    RolloutMeters(MeterRegistry registry, String rollout, Instant countAfter) {
        this.registry = registry;
        this.rollout = rollout;
        this.lastRollbackSeen = countAfter;
        for (Phase p : Phase.values()) {
            Level level = new Level(0);
            phases.put(p, level);
            gauge(SluiceMeters.ROLLOUT_PHASE, SluiceMeters.HELP_PHASE, level, Tags.of(SluiceMeters.TAG_PHASE, p.name()));
        }
        gauge(SluiceMeters.CANARY_WEIGHT, SluiceMeters.HELP_CANARY_WEIGHT, canaryWeight, Tags.empty());
        gauge(SluiceMeters.STEP, SluiceMeters.HELP_STEP, step, Tags.empty());
        gauge(SluiceMeters.STEPS, SluiceMeters.HELP_STEPS, steps, Tags.empty());
        gauge(SluiceMeters.LAST_TRANSITION, SluiceMeters.HELP_LAST_TRANSITION, lastTransition, Tags.empty());
        gauge(SluiceMeters.STEP_STARTED, SluiceMeters.HELP_STEP_STARTED, stepStarted, Tags.empty());
        gauge(SluiceMeters.STEP_EXPECTED, SluiceMeters.HELP_STEP_EXPECTED, stepExpected, Tags.empty());
        gauge(SluiceMeters.DRIFT, SluiceMeters.HELP_DRIFT, drift, Tags.empty());
        for (Reason reason : ROLLBACK_REASONS) {
            Counter counter = Counter.builder(SluiceMeters.ABORTS).description(SluiceMeters.HELP_ABORTS)
                    .tags(Tags.of(SluiceMeters.TAG_ROLLOUT, rollout, SluiceMeters.TAG_REASON, reason.name()))
                    .register(registry);
            aborts.put(reason, counter);
            meters.add(counter);
        }
    }

    void update(RolloutBoard.Entry entry) {
        RolloutStatus s = entry.status();
        phases.forEach((p, level) -> level.set(p == s.phase() ? 1 : 0));
        canaryWeight.set(s.canary().map(RolloutStatus.Side::serving).orElse(0.0));
        step.set(s.step().map(RolloutStatus.StepProgress::index).orElse(0));
        steps.set(s.step().map(RolloutStatus.StepProgress::count)
                .orElse(entry.rollout().map(r -> r.strategy().steps().size()).orElse(0)));
        lastTransition.set(s.lastTransition().map(RolloutMeters::seconds).orElse(Double.NaN));
        stepStarted.set(s.step().isPresent() ? s.stepStartedAt().map(RolloutMeters::seconds).orElse(Double.NaN) : Double.NaN);
        stepExpected.set(entry.rollout().map(r -> StepTimes.expectedSeconds(r, s)).orElse(Double.NaN));
        boolean drifting = s.phase() == Phase.Degraded && !s.history().isEmpty()
                && s.history().get(0).event().equals("drift");
        drift.set(drifting ? 1 : 0);
        countRollbacks(s.history());
        updateChecks(s.checks());
    }

    private void countRollbacks(List<HistoryEntry> newestFirst) {
        Instant newest = lastRollbackSeen;
        for (HistoryEntry h : newestFirst) {
            if (!h.at().isAfter(lastRollbackSeen)) {
                break;
            }
            if (h.event().equals("rollback")) {
                h.cause().filter(aborts::containsKey).ifPresent(c -> aborts.get(c).increment());
                if (h.at().isAfter(newest)) {
                    newest = h.at();
                }
            }
        }
        lastRollbackSeen = newest;
    }

    private void updateChecks(List<CheckStatus> measured) {
        Set<String> present = new HashSet<>();
        for (CheckStatus c : measured) {
            present.add(c.name());
            checks.computeIfAbsent(c.name(), CheckMeters::new).update(c);
        }
        checks.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            e.getValue().remove();
            return true;
        });
    }

    void remove() {
        checks.values().forEach(CheckMeters::remove);
        checks.clear();
        meters.forEach(registry::remove);
        meters.clear();
    }

    private Meter gauge(String name, String help, Level level, Tags tags) {
        Gauge g = Gauge.builder(name, level, Level::get).description(help).strongReference(true)
                .tags(tags.and(SluiceMeters.TAG_ROLLOUT, rollout)).register(registry);
        meters.add(g);
        return g;
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    /** The value gauge and the one-hot result gauges of one check. */
    private final class CheckMeters {
        private final Level value = new Level(Double.NaN);
        private final Map<RolloutStatus.Result, Level> results = new EnumMap<>(RolloutStatus.Result.class);
        private final List<Meter> own = new ArrayList<>();

        CheckMeters(String check) {
            Tags tags = Tags.of(SluiceMeters.TAG_CHECK, check);
            own.add(gauge(SluiceMeters.CHECK_VALUE, SluiceMeters.HELP_CHECK_VALUE, value, tags));
            for (RolloutStatus.Result r : RolloutStatus.Result.values()) {
                Level level = new Level(0);
                results.put(r, level);
                own.add(gauge(SluiceMeters.CHECK_RESULT, SluiceMeters.HELP_CHECK_RESULT, level,
                        tags.and(SluiceMeters.TAG_RESULT, r.name())));
            }
        }

        void update(CheckStatus c) {
            value.set(c.value().orElse(Double.NaN));
            results.forEach((r, level) -> level.set(r == c.result() ? 1 : 0));
        }

        void remove() {
            own.forEach(registry::remove);
            meters.removeAll(own);
        }
    }
}
