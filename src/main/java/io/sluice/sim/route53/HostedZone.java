package io.sluice.sim.route53;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A public or private hosted zone of one account, with its record sets in listing order and its latest change. */
final class HostedZone {
    private final String account;
    private final String id;
    private final String name;
    private final String callerReference;
    private final String comment;
    private final boolean privateZone;
    private TreeMap<RecordSet.Key, RecordSet> records = new TreeMap<>();
    private Optional<ZoneChange> latestChange = Optional.empty();

    HostedZone(String account, String id, String name, String callerReference, String comment, boolean privateZone) {
        this.account = account;
        this.id = id;
        this.name = name;
        this.callerReference = callerReference;
        this.comment = comment;
        this.privateZone = privateZone;
    }

    String account() {
        return account;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String callerReference() {
        return callerReference;
    }

    String comment() {
        return comment;
    }

    boolean isPrivate() {
        return privateZone;
    }

    /** A copy to change; {@link #replaceRecords} commits it, which keeps a batch all-or-nothing. */
    TreeMap<RecordSet.Key, RecordSet> recordsCopy() {
        return new TreeMap<>(records);
    }

    void replaceRecords(TreeMap<RecordSet.Key, RecordSet> committed) {
        records = committed;
    }

    List<RecordSet> records() {
        return new ArrayList<>(records.values());
    }

    Optional<ZoneChange> latestChange() {
        return latestChange;
    }

    void recordChange(ZoneChange change) {
        latestChange = Optional.of(change);
    }
}
