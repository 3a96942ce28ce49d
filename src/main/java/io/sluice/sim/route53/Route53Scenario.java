package io.sluice.sim.route53;

import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the {@code route53:} section of a scenario (format in {@code sim/SCENARIO.md}). Records are
 * checked by the same batch rules as ChangeResourceRecordSets; a broken rule names the zone.
 */
final class Route53Scenario {
    static final List<String> NAME_SERVERS = List.of("ns-2048.awsdns-64.com.", "ns-2049.awsdns-65.net.",
            "ns-2050.awsdns-66.org.", "ns-2051.awsdns-67.co.uk.");

    /** The hosted zones and how changes behave, with the changes made since the scenario was loaded. */
    record State(Map<String, HostedZone> zones, Duration changeSyncDelay, boolean refuseWhilePending,
            Map<String, ZoneChange> changes) {
        static State empty() {
            return new State(new LinkedHashMap<>(), Duration.ofSeconds(5), true, new LinkedHashMap<>());
        }
    }

    private Route53Scenario() {
    }

    static State read(ScenarioFields section) {
        ScenarioFields route53 = section.withoutKnownFieldList()
                .only("changeSyncDelaySeconds", "refuseChangesWhilePending", "hostedZones");
        Duration delay = Duration.ofMillis(Math.round(route53.number("changeSyncDelaySeconds", 5.0) * 1000));
        if (delay.isNegative()) {
            throw route53.problem("changeSyncDelaySeconds", "must not be negative");
        }
        boolean refuseWhilePending = route53.bool("refuseChangesWhilePending", true);
        Map<String, HostedZone> zones = new LinkedHashMap<>();
        for (ScenarioFields z : route53.mappings("hostedZones")) {
            HostedZone zone = zone(z);
            if (zones.put(zone.id(), zone) != null) {
                throw z.problem("id", "duplicate zone id " + zone.id());
            }
        }
        return new State(zones, delay, refuseWhilePending, new LinkedHashMap<>());
    }

    private static HostedZone zone(ScenarioFields z) {
        z.only("id", "account", "name", "callerReference", "comment", "private", "records");
        String name = RecordSet.normaliseName(z.string("name"));
        String account = z.string("account", Caller.DEFAULT_ACCOUNT);
        if (!account.matches("\\d{12}")) {
            throw z.problem("account", "expected a 12-digit AWS account id, got '" + account + "'");
        }
        String id = z.optionalString("id").map(ChangeRequestXml::idOnly).orElse(generatedId(
                account.equals(Caller.DEFAULT_ACCOUNT) ? name : account + "/" + name));
        if (!id.matches("[A-Z0-9]{1,32}")) {
            throw z.problem("id", "upper-case letters and digits, up to 32: " + id);
        }
        HostedZone zone = new HostedZone(account, id, name, z.string("callerReference", "sim-" + id),
                z.string("comment", ""), z.bool("private", false));
        List<ChangeBatchRules.Change> creates = new ArrayList<>();
        creates.add(new ChangeBatchRules.Change("CREATE", new RecordSet(name, "NS", Optional.empty(), Optional.empty(),
                Optional.of(172800L), NAME_SERVERS, Optional.empty(), Optional.empty())));
        creates.add(new ChangeBatchRules.Change("CREATE", new RecordSet(name, "SOA", Optional.empty(), Optional.empty(),
                Optional.of(900L), List.of(NAME_SERVERS.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"),
                Optional.empty(), Optional.empty())));
        for (ScenarioFields r : z.mappings("records")) {
            creates.add(new ChangeBatchRules.Change("CREATE", record(r)));
        }
        TreeMap<RecordSet.Key, RecordSet> state = new TreeMap<>();
        List<String> problems = ChangeBatchRules.apply(name, state, creates);
        if (!problems.isEmpty()) {
            throw z.problem("records", problems.toString());
        }
        zone.replaceRecords(state);
        return zone;
    }

    private static RecordSet record(ScenarioFields r) {
        r.only("name", "type", "setIdentifier", "weight", "ttl", "values", "alias", "healthCheckId");
        String name = r.string("name");
        String type = r.string("type", "A").toUpperCase(Locale.ROOT);
        if (!ChangeRequestXml.TYPES.contains(type)) {
            throw r.problem("type", "not a record type: " + type);
        }
        Optional<String> setIdentifier = r.optionalString("setIdentifier");
        Optional<Long> weight = r.has("weight") ? Optional.of((long) r.integer("weight", 0)) : Optional.empty();
        if (setIdentifier.isPresent() != weight.isPresent()) {
            throw r.problem("a weighted record has both setIdentifier and weight");
        }
        if (weight.isPresent() && (weight.get() < 0 || weight.get() > 255)) {
            throw r.problem("weight", "0..255");
        }
        setIdentifier.ifPresent(id -> {
            if (id.isEmpty() || id.length() > 128) {
                throw r.problem("setIdentifier", "1..128 characters");
            }
        });
        Optional<RecordSet.AliasTarget> alias = Optional.empty();
        if (r.has("alias")) {
            ScenarioFields a = r.mapping("alias").only("hostedZoneId", "dnsName", "evaluateTargetHealth");
            alias = Optional.of(new RecordSet.AliasTarget(a.string("hostedZoneId"), a.string("dnsName"),
                    a.bool("evaluateTargetHealth", false)));
        }
        List<String> values = new ArrayList<>();
        if (r.raw("values") instanceof List<?>) {
            r.list("values").forEach(item -> values.add(String.valueOf(item)));
        } else {
            r.optionalString("values").ifPresent(values::add);
        }
        if (alias.isPresent() == !values.isEmpty()) {
            throw r.problem("a record has either values or an alias");
        }
        Optional<Long> ttl = alias.isPresent() ? Optional.empty() : Optional.of((long) r.integer("ttl", 300));
        return new RecordSet(RecordSet.normaliseName(name), type, setIdentifier, weight, ttl, values, alias,
                r.optionalString("healthCheckId"));
    }

    static Map<String, Object> describe(RecordSet r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", r.name());
        out.put("type", r.type());
        r.setIdentifier().ifPresent(id -> out.put("setIdentifier", id));
        r.weight().ifPresent(w -> out.put("weight", w));
        r.ttl().ifPresent(t -> out.put("ttl", t));
        if (!r.values().isEmpty()) {
            out.put("values", r.values());
        }
        r.aliasTarget().ifPresent(a -> out.put("alias", a.dnsName()));
        return out;
    }

    /** A stable id from the zone name, shaped like Route 53's (Z and 20 upper-case characters). */
    private static String generatedId(String name) {
        String hash = Long.toString(Integer.toUnsignedLong(name.hashCode()), 36).toUpperCase(Locale.ROOT);
        return "Z" + "0".repeat(20 - hash.length()) + hash;
    }
}
