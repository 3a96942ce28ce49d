package io.sluice.sim.route53;

import io.sluice.sim.Caller;
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

    record State(Map<String, HostedZone> zones, Duration changeSyncDelay, boolean refuseWhilePending) {
    }

    private Route53Scenario() {
    }

    static State read(Map<String, Object> section) {
        knownFields(section, "route53", "changeSyncDelaySeconds", "refuseChangesWhilePending", "hostedZones");
        Duration delay = Duration.ofMillis(Math.round(number(section, "changeSyncDelaySeconds", "route53", 5.0) * 1000));
        if (delay.isNegative()) {
            throw new IllegalArgumentException("route53.changeSyncDelaySeconds: must not be negative");
        }
        Object refuse = section.getOrDefault("refuseChangesWhilePending", Boolean.TRUE);
        if (!(refuse instanceof Boolean refuseWhilePending)) {
            throw new IllegalArgumentException("route53.refuseChangesWhilePending: true or false");
        }
        Map<String, HostedZone> zones = new LinkedHashMap<>();
        List<Map<String, Object>> listed = maps(section.get("hostedZones"), "route53.hostedZones");
        for (int i = 0; i < listed.size(); i++) {
            HostedZone zone = zone(listed.get(i), "route53.hostedZones[" + i + "]");
            if (zones.put(zone.id(), zone) != null) {
                throw new IllegalArgumentException("route53.hostedZones[" + i + "].id: duplicate zone id " + zone.id());
            }
        }
        return new State(zones, delay, refuseWhilePending);
    }

    private static HostedZone zone(Map<String, Object> z, String at) {
        knownFields(z, at, "id", "account", "name", "callerReference", "comment", "private", "records");
        String name = RecordSet.normaliseName(text(z, "name", at).orElseThrow(
                () -> new IllegalArgumentException(at + ".name is required")));
        String account = text(z, "account", at).orElse(Caller.DEFAULT_ACCOUNT);
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException(at + ".account: expected a 12-digit AWS account id, got '" + account + "'");
        }
        String id = text(z, "id", at).map(ChangeRequestXml::idOnly).orElse(generatedId(
                account.equals(Caller.DEFAULT_ACCOUNT) ? name : account + "/" + name));
        if (!id.matches("[A-Z0-9]{1,32}")) {
            throw new IllegalArgumentException(at + ".id: upper-case letters and digits, up to 32: " + id);
        }
        HostedZone zone = new HostedZone(account, id, name, text(z, "callerReference", at).orElse("sim-" + id),
                text(z, "comment", at).orElse(""), Boolean.TRUE.equals(z.get("private")));
        List<ChangeBatchRules.Change> creates = new ArrayList<>();
        creates.add(new ChangeBatchRules.Change("CREATE", new RecordSet(name, "NS", Optional.empty(), Optional.empty(),
                Optional.of(172800L), NAME_SERVERS, Optional.empty(), Optional.empty())));
        creates.add(new ChangeBatchRules.Change("CREATE", new RecordSet(name, "SOA", Optional.empty(), Optional.empty(),
                Optional.of(900L), List.of(NAME_SERVERS.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"),
                Optional.empty(), Optional.empty())));
        List<Map<String, Object>> records = maps(z.get("records"), at + ".records");
        for (int i = 0; i < records.size(); i++) {
            creates.add(new ChangeBatchRules.Change("CREATE", record(records.get(i), at + ".records[" + i + "]")));
        }
        TreeMap<RecordSet.Key, RecordSet> state = new TreeMap<>();
        List<String> problems = ChangeBatchRules.apply(name, state, creates);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(at + ".records: " + problems);
        }
        zone.replaceRecords(state);
        return zone;
    }

    private static RecordSet record(Map<String, Object> r, String at) {
        knownFields(r, at, "name", "type", "setIdentifier", "weight", "ttl", "values", "alias", "healthCheckId");
        String name = text(r, "name", at).orElseThrow(() -> new IllegalArgumentException(at + ".name is required"));
        String type = text(r, "type", at).orElse("A").toUpperCase(Locale.ROOT);
        if (!ChangeRequestXml.TYPES.contains(type)) {
            throw new IllegalArgumentException(at + ".type: not a record type: " + type);
        }
        Optional<String> setIdentifier = text(r, "setIdentifier", at);
        Optional<Long> weight = r.containsKey("weight") ? Optional.of((long) number(r, "weight", at, 0)) : Optional.empty();
        if (setIdentifier.isPresent() != weight.isPresent()) {
            throw new IllegalArgumentException(at + ": a weighted record has both setIdentifier and weight");
        }
        if (weight.isPresent() && (weight.get() < 0 || weight.get() > 255)) {
            throw new IllegalArgumentException(at + ".weight: 0..255");
        }
        setIdentifier.ifPresent(id -> {
            if (id.isEmpty() || id.length() > 128) {
                throw new IllegalArgumentException(at + ".setIdentifier: 1..128 characters");
            }
        });
        Optional<RecordSet.AliasTarget> alias = Optional.empty();
        if (r.get("alias") != null) {
            Map<String, Object> a = maps(List.of(r.get("alias")), at + ".alias").get(0);
            knownFields(a, at + ".alias", "hostedZoneId", "dnsName", "evaluateTargetHealth");
            alias = Optional.of(new RecordSet.AliasTarget(text(a, "hostedZoneId", at + ".alias").orElseThrow(
                    () -> new IllegalArgumentException(at + ".alias.hostedZoneId is required")),
                    text(a, "dnsName", at + ".alias").orElseThrow(() -> new IllegalArgumentException(at + ".alias.dnsName is required")),
                    Boolean.TRUE.equals(a.get("evaluateTargetHealth"))));
        }
        List<String> values = new ArrayList<>();
        Object v = r.get("values");
        if (v instanceof List<?> list) {
            list.forEach(item -> values.add(String.valueOf(item)));
        } else if (v != null) {
            values.add(String.valueOf(v));
        }
        if (alias.isPresent() == !values.isEmpty()) {
            throw new IllegalArgumentException(at + ": a record has either values or an alias");
        }
        Optional<Long> ttl = alias.isPresent() ? Optional.empty() : Optional.of((long) number(r, "ttl", at, 300));
        return new RecordSet(RecordSet.normaliseName(name), type, setIdentifier, weight, ttl, values, alias,
                text(r, "healthCheckId", at));
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

    private static List<Map<String, Object>> maps(Object value, String at) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(at + ": a list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(at + ": each entry is a map");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) item;
            out.add(m);
        }
        return out;
    }

    private static Optional<String> text(Map<String, Object> m, String key, String at) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String || v instanceof Number) {
            return Optional.of(String.valueOf(v));
        }
        throw new IllegalArgumentException(at + "." + key + ": a text value");
    }

    private static double number(Map<String, Object> m, String key, String at, double fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(at + "." + key + ": a number");
    }

    private static void knownFields(Map<?, ?> m, String at, String... known) {
        java.util.Set<String> allowed = java.util.Set.of(known);
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(at + "." + key + ": unknown field");
            }
        }
    }
}
