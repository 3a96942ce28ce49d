package io.sluice.sim.route53;

import io.sluice.sim.SimResponse;
import java.util.List;
import java.util.Map;

/**
 * ListResourceRecordSets paging: start at the first record at or after (name, type, identifier) in
 * Route 53's order; the next page starts where NextRecordName/Type/Identifier point.
 */
final class Route53Listing {
    private Route53Listing() {
    }

    static SimResponse records(HostedZone zone, Map<String, String> query, int cap) {
        String name = query.get("name");
        String type = query.get("type");
        String identifier = query.get("identifier");
        if (type != null && name == null) {
            throw ChangeRequestXml.invalid("Invalid request: StartRecordType requires StartRecordName");
        }
        if (type != null && !ChangeRequestXml.TYPES.contains(type)) {
            throw ChangeRequestXml.invalid("Invalid type: " + type);
        }
        if (identifier != null && type == null) {
            throw ChangeRequestXml.invalid("Invalid request: StartRecordIdentifier requires StartRecordName and StartRecordType");
        }
        int maxItems = Route53Service.maxItems(query.get("maxitems"), cap, cap);
        List<RecordSet> all = zone.records();
        int start = 0;
        if (name != null) {
            String startName = RecordSet.Key.reversedLabels(RecordSet.normaliseName(name));
            while (start < all.size() && before(all.get(start), startName, type, identifier)) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + maxItems);
        List<RecordSet> page = all.subList(start, end);
        boolean truncated = end < all.size();
        return Route53Xml.document("ListResourceRecordSetsResponse", xml -> {
            xml.start("ResourceRecordSets");
            page.forEach(r -> Route53Xml.recordSet(xml, r));
            xml.end().leaf("IsTruncated", truncated);
            if (truncated) {
                RecordSet next = all.get(end);
                xml.leaf("NextRecordName", next.name()).leaf("NextRecordType", next.type())
                        .leaf("NextRecordIdentifier", next.setIdentifier().orElse(null));
            }
            xml.leaf("MaxItems", maxItems);
        });
    }

    /** Type only orders records of the same name, and the identifier only those of the same name and type. */
    private static boolean before(RecordSet r, String startName, String type, String identifier) {
        int byName = RecordSet.Key.reversedLabels(r.name()).compareTo(startName);
        if (byName != 0 || type == null) {
            return byName < 0;
        }
        int byType = r.type().compareTo(type);
        if (byType != 0 || identifier == null) {
            return byType < 0;
        }
        return r.setIdentifier().orElse("").compareTo(identifier) < 0;
    }
}
