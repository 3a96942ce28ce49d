package io.sluice.reconcile;

import io.sluice.model.DesiredState;
import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Remembers the last good desired state of every rollout by its file, so that a broken or removed
 * file keeps checks and rollback running (only new promotions wait) until the file is fixed.
 */
final class LastGoodDesired {

    /** The rollout to plan with, the commit it comes from, and why it is not current (if so). */
    record Entry(Rollout rollout, String commit, Optional<String> problem) {
    }

    private final Map<String, Entry> bySource = new LinkedHashMap<>();

    /** Takes a new desired state; returns the rollouts to reconcile, by name. */
    synchronized Map<String, Entry> update(DesiredState desired) {
        Map<String, List<Problem>> problemsByFile = desired.problems().stream()
                .collect(Collectors.groupingBy(Problem::file, LinkedHashMap::new, Collectors.toList()));
        Map<String, Entry> next = new LinkedHashMap<>();
        for (Rollout r : desired.rollouts()) {
            next.put(r.source(), new Entry(r, desired.commit(), Optional.empty()));
        }
        for (Map.Entry<String, Entry> old : bySource.entrySet()) {
            String file = old.getKey();
            if (next.containsKey(file)) {
                continue;
            }
            List<Problem> problems = problemsByFile.get(file);
            String why = problems != null
                    ? Problem.mostTelling(problems) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "")
                    : file + " was removed";
            boolean renamedElsewhere = desired.rollouts().stream().anyMatch(r -> r.name().equals(old.getValue().rollout().name()));
            if (!renamedElsewhere) {
                next.put(file, new Entry(old.getValue().rollout(), old.getValue().commit(), Optional.of(why)));
            }
        }
        bySource.clear();
        bySource.putAll(next);
        return current();
    }

    synchronized Map<String, Entry> current() {
        Map<String, Entry> byName = new LinkedHashMap<>();
        bySource.values().forEach(e -> byName.put(e.rollout().name(), e));
        return byName;
    }
}
