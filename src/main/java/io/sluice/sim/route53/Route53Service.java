package io.sluice.sim.route53;

import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.ServiceBase;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.protocol.QueryProtocol;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Route 53 over REST-XML: ListHostedZones, GetHostedZone, ListResourceRecordSets, ChangeResourceRecordSets
 * and GetChange. Route 53 is global, so there is one state whatever region signed the request; hosted
 * zones belong to accounts, and a zone of another account than the caller's is refused with 403
 * AccessDenied, as Route 53 answers for a zone id the caller does not own.
 */
public final class Route53Service extends ServiceBase<Route53Scenario.State> {
    private static final String API = "2013-04-01";
    private static final int MAX_RECORDS_PER_PAGE = 300;

    private final AtomicLong changeCounter = new AtomicLong();

    public Route53Service(SimClock clock) {
        super("route53", clock, Route53Scenario.State.empty());
    }

    @Override
    public boolean recognises(SimRequest request) {
        return request.path().startsWith("/" + API + "/");
    }

    @Override
    public String operationName(SimRequest request) {
        List<String> p = segments(request.path());
        boolean get = request.method().equals("GET");
        if (p.size() == 1 && p.get(0).equals("hostedzone")) {
            return get ? "ListHostedZones" : "CreateHostedZone";
        }
        if (p.size() == 2 && p.get(0).equals("hostedzone")) {
            return get ? "GetHostedZone" : "UpdateHostedZoneComment";
        }
        if (p.size() == 3 && p.get(0).equals("hostedzone") && p.get(2).equals("rrset")) {
            return get ? "ListResourceRecordSets" : "ChangeResourceRecordSets";
        }
        if (p.size() == 2 && p.get(0).equals("change") && get) {
            return "GetChange";
        }
        return "Unknown";
    }

    @Override
    protected SimResponse answer(SimRequest request, Route53Scenario.State state, Instant now) {
        List<String> p = segments(request.path());
        Map<String, String> query = query(request.rawQuery());
        Caller caller = request.caller();
        return switch (operationName(request)) {
            case "ListHostedZones" -> listHostedZones(state, query, caller);
            case "GetHostedZone" -> getHostedZone(zone(state, p.get(1), caller));
            case "ListResourceRecordSets" ->
                    Route53Listing.records(zone(state, p.get(1), caller), query, MAX_RECORDS_PER_PAGE);
            case "ChangeResourceRecordSets" -> change(state, zone(state, p.get(1), caller), request, now);
            case "GetChange" -> getChange(state, ChangeRequestXml.idOnly(p.get(1)), caller, now);
            default -> throw ChangeRequestXml.invalid(
                    "The simulator does not implement " + request.method() + " " + request.path());
        };
    }

    private SimResponse change(Route53Scenario.State state, HostedZone zone, SimRequest request, Instant now) {
        ChangeRequestXml.Batch batch = ChangeRequestXml.read(request.body());
        if (state.refuseWhilePending() && zone.latestChange().map(c -> c.isPending(now)).orElse(false)) {
            throw AwsError.client(400, "PriorRequestNotComplete",
                    "The request was rejected because Route 53 was still processing a prior request.").raise();
        }
        TreeMap<RecordSet.Key, RecordSet> records = zone.recordsCopy();
        List<String> problems = ChangeBatchRules.apply(zone.name(), records, batch.changes());
        if (!problems.isEmpty()) {
            throw AwsError.client(400, "InvalidChangeBatch", "[" + String.join(", ", problems) + "]").raise();
        }
        zone.replaceRecords(records);
        ZoneChange change = new ZoneChange(nextChangeId(), zone.id(), now, batch.comment(), state.changeSyncDelay());
        zone.recordChange(change);
        state.changes().put(change.id(), change);
        return Route53Xml.document("ChangeResourceRecordSetsResponse", xml -> Route53Xml.changeInfo(xml, change, now));
    }

    /** Change ids look like Route 53's: 'C' and upper-case letters and digits. */
    private String nextChangeId() {
        String serial = Long.toString(changeCounter.incrementAndGet(), 36).toUpperCase(java.util.Locale.ROOT);
        return "C" + "0".repeat(Math.max(0, 13 - serial.length())) + serial;
    }

    private SimResponse getChange(Route53Scenario.State state, String id, Caller caller, Instant now) {
        ZoneChange change = state.changes().get(id);
        HostedZone zone = change == null ? null : state.zones().get(change.hostedZoneId());
        if (change == null || zone == null || !zone.account().equals(caller.account())) {
            throw AwsError.client(404, "NoSuchChange", "A change with the specified change ID does not exist.").raise();
        }
        return Route53Xml.document("GetChangeResponse", xml -> Route53Xml.changeInfo(xml, change, now));
    }

    private SimResponse listHostedZones(Route53Scenario.State state, Map<String, String> query, Caller caller) {
        int maxItems = maxItems(query.get("maxitems"), 100, 100);
        List<HostedZone> zones = new ArrayList<>(state.zones().values().stream()
                .filter(z -> z.account().equals(caller.account())).toList());
        zones.sort(Comparator.comparing(HostedZone::name).thenComparing(HostedZone::id));
        Optional<String> marker = Optional.ofNullable(query.get("marker"));
        int start = 0;
        if (marker.isPresent()) {
            start = -1;
            for (int i = 0; i < zones.size(); i++) {
                if (zones.get(i).id().equals(marker.get())) {
                    start = i;
                }
            }
            if (start < 0) {
                throw ChangeRequestXml.invalid("Invalid marker: " + marker.get());
            }
        }
        int end = Math.min(zones.size(), start + maxItems);
        List<HostedZone> page = zones.subList(start, end);
        boolean truncated = end < zones.size();
        return Route53Xml.document("ListHostedZonesResponse", xml -> {
            xml.start("HostedZones");
            page.forEach(z -> Route53Xml.hostedZone(xml, z, z.records().size()));
            xml.end().leaf("Marker", marker.orElse(null)).leaf("IsTruncated", truncated);
            if (truncated) {
                xml.leaf("NextMarker", zones.get(end).id());
            }
            xml.leaf("MaxItems", maxItems);
        });
    }

    private SimResponse getHostedZone(HostedZone zone) {
        return Route53Xml.document("GetHostedZoneResponse", xml -> {
            Route53Xml.hostedZone(xml, zone, zone.records().size());
            if (!zone.isPrivate()) {
                xml.start("DelegationSet").start("NameServers");
                Route53Scenario.NAME_SERVERS.forEach(ns -> xml.leaf("NameServer", ns.substring(0, ns.length() - 1)));
                xml.end().end();
            }
        });
    }

    static int maxItems(String raw, int fallback, int cap) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < 1) {
                throw ChangeRequestXml.invalid("MaxItems must be a positive number: " + raw);
            }
            return Math.min(value, cap);
        } catch (NumberFormatException e) {
            throw ChangeRequestXml.invalid("MaxItems is not a number: " + raw);
        }
    }

    private static HostedZone zone(Route53Scenario.State state, String rawId, Caller caller) {
        String id = ChangeRequestXml.idOnly(rawId);
        HostedZone zone = state.zones().get(id);
        if (zone == null) {
            throw AwsError.client(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id).raise();
        }
        if (!zone.account().equals(caller.account())) {
            throw AwsError.client(403, "AccessDenied", "User: " + caller.arn() + " is not authorized to access this resource")
                    .raise();
        }
        return zone;
    }

    /** Path segments after {@code /2013-04-01}, decoded (a zone id may arrive as %2Fhostedzone%2FZ1). */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        String[] parts = rawPath.split("/");
        for (int i = 2; i < parts.length; i++) {
            out.add(URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                out.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        return QueryProtocol.error(error, Route53Xml.NS);
    }

    @Override
    protected Route53Scenario.State read(ScenarioFields section, Instant now) {
        return Route53Scenario.read(section);
    }

    @Override
    protected Map<String, Object> describe(Route53Scenario.State state, Instant now) {
        Map<String, Object> zones = new LinkedHashMap<>();
        state.zones().forEach((id, zone) -> {
            List<Object> records = new ArrayList<>();
            zone.records().forEach(r -> records.add(Route53Scenario.describe(r)));
            zones.put(id, Map.of("name", zone.name(), "account", zone.account(), "records", records,
                    "latestChange", zone.latestChange().map(c -> c.id() + " " + c.status(now)).orElse("none")));
        });
        return Map.of("hostedZones", zones, "changeSyncDelaySeconds", state.changeSyncDelay().toSeconds());
    }
}
