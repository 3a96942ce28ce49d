package io.sluice.sim.route53;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules Route 53 applies to a change batch against a zone's record sets. Changes are checked in
 * order against the state the earlier ones leave (so DELETE-then-CREATE of one record works), group rules
 * (weighted vs simple, one TTL per weighted group) are checked on the final state, and every broken rule
 * is reported, as Route 53 lists all of them in one InvalidChangeBatch.
 */
final class ChangeBatchRules {
    private ChangeBatchRules() {
    }

    record Change(String action, RecordSet record) {
    }

    /** Applies the batch to {@code records} in place; returns the InvalidChangeBatch messages (none = valid). */
    static List<String> apply(String zoneName, TreeMap<RecordSet.Key, RecordSet> records, List<Change> changes) {
        List<String> problems = new ArrayList<>();
        Set<RecordSet> written = new LinkedHashSet<>();
        for (Change change : changes) {
            RecordSet r = change.record();
            if (!r.name().equals(zoneName) && !r.name().endsWith("." + zoneName)) {
                problems.add("RRSet with DNS name " + r.name() + " is not permitted in zone " + zoneName);
                continue;
            }
            RecordSet existing = records.get(r.key());
            switch (change.action()) {
                case "CREATE" -> {
                    if (existing != null) {
                        problems.add("Tried to create resource record set " + r.describe() + " but it already exists");
                    } else {
                        records.put(r.key(), r);
                        written.add(r);
                    }
                }
                case "DELETE" -> {
                    if (existing == null) {
                        problems.add("Tried to delete resource record set " + r.describe() + " but it was not found");
                    } else if (!existing.sameValuesAs(r)) {
                        problems.add("Tried to delete resource record set " + r.describe()
                                + " but the values provided do not match the current values");
                    } else {
                        records.remove(r.key());
                    }
                }
                default -> {
                    records.put(r.key(), r);
                    written.add(r);
                }
            }
        }
        for (RecordSet r : written) {
            if (records.get(r.key()) == r) {
                problems.addAll(groupProblems(r, records));
            }
        }
        return problems;
    }

    private static List<String> groupProblems(RecordSet r, Map<RecordSet.Key, RecordSet> records) {
        List<RecordSet> group = records.values().stream()
                .filter(o -> o != r && o.name().equals(r.name()) && o.type().equals(r.type())).toList();
        List<String> problems = new ArrayList<>();
        if (r.isWeighted() && group.stream().anyMatch(o -> !o.isWeighted())) {
            problems.add("RRSet with DNS name " + r.name() + ", type " + r.type() + ", SetIdentifier "
                    + r.setIdentifier().get() + " cannot be created as a non-weighted set exists with the same name and type.");
        }
        if (!r.isWeighted() && group.stream().anyMatch(RecordSet::isWeighted)) {
            problems.add("RRSet with DNS name " + r.name() + ", type " + r.type()
                    + " cannot be created as a weighted set exists with the same name and type.");
        }
        if (r.isWeighted() && r.ttl().isPresent() && group.stream()
                .anyMatch(o -> o.isWeighted() && o.ttl().isPresent() && !o.ttl().equals(r.ttl()))) {
            problems.add("RRSet with DNS name " + r.name() + " and type " + r.type() + ", SetIdentifier "
                    + r.setIdentifier().get() + " cannot be created as weighted sets must contain the same TTL.");
        }
        if (r.isWeighted() && group.stream().filter(RecordSet::isWeighted).count() >= 100) {
            problems.add("RRSet with DNS name " + r.name() + ", type " + r.type() + ", SetIdentifier "
                    + r.setIdentifier().get() + " cannot be created as the maximum of 100 weighted sets exists");
        }
        return problems;
    }
}
