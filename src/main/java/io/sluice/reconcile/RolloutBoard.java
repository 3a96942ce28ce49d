package io.sluice.reconcile;

import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest picture of every rollout for people and machines (dashboard, JSON API, metrics,
 * health): replaced as a whole after each pass, read without locks.
 */
public final class RolloutBoard {

    /**
     * One rollout: its name and file, its desired state (the last good one; empty while its file was never
     * readable), its status, and why its file is not current.
     */
    public record Entry(String name, String source, Optional<Rollout> rollout, RolloutStatus status,
                        Optional<String> desiredProblem, Optional<String> actionFailure) {
        public Entry(Rollout rollout, RolloutStatus status, Optional<String> desiredProblem,
                     Optional<String> actionFailure) {
            this(rollout.name(), rollout.source(), Optional.of(rollout), status, desiredProblem, actionFailure);
        }
    }

    /** Everything shown at one moment. */
    public record Picture(Instant at, Optional<String> commit, List<Entry> entries, Optional<PassReport> lastPass) {
        public Optional<Entry> entry(String name) {
            return entries.stream().filter(e -> e.name().equals(name)).findFirst();
        }
    }

    private final AtomicReference<Picture> picture =
            new AtomicReference<>(new Picture(Instant.EPOCH, Optional.empty(), List.of(), Optional.empty()));

    public Picture picture() {
        return picture.get();
    }

    /** Publishes what a pass left behind. */
    public void publish(Instant at, String commit, Map<String, LastGoodDesired.Entry> rollouts, PassReport report) {
        publish(at, commit, rollouts, Map.of(), report);
    }

    /** Publishes what a pass left behind, with the files that never held a readable rollout, by the name shown. */
    public void publish(Instant at, String commit, Map<String, LastGoodDesired.Entry> rollouts,
                        Map<String, Unreadable> unreadable, PassReport report) {
        List<Entry> entries = new ArrayList<>();
        unreadable.forEach((name, u) -> {
            RolloutStatus status = report.statuses().get(name);
            if (status != null && !rollouts.containsKey(name)) {
                entries.add(new Entry(name, u.file(), Optional.empty(), status, Optional.of(u.problem()), Optional.empty()));
            }
        });
        for (LastGoodDesired.Entry e : rollouts.values()) {
            RolloutStatus status = report.statuses().get(e.rollout().name());
            if (status != null) {
                entries.add(new Entry(e.rollout(), status, e.problem(),
                        Optional.ofNullable(report.actionFailures().get(e.rollout().name()))));
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        picture.set(new Picture(at, Optional.of(commit), List.copyOf(entries), Optional.of(report)));
    }

    /** A rollout file that never held a readable rollout: where it is and its first problem (and how many more). */
    public record Unreadable(String file, String problem) {
    }
}
