package io.sluice.sim.route53;

import io.sluice.sim.AwsError;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a {@code ChangeResourceRecordSetsRequest} body and applies the input checks Route 53 answers with
 * {@code InvalidInput} before it looks at the zone's records.
 */
final class ChangeRequestXml {
    static final Set<String> TYPES = Set.of("SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF",
            "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS");
    private static final Set<String> OTHER_POLICIES = Set.of("Region", "Failover", "GeoLocation", "MultiValueAnswer",
            "GeoProximityLocation", "CidrRoutingConfig", "TrafficPolicyInstanceId");

    private ChangeRequestXml() {
    }

    record Batch(String comment, List<ChangeBatchRules.Change> changes) {
    }

    static Batch read(byte[] body) {
        Element root = parse(body).getDocumentElement();
        Element batch = child(root, "ChangeBatch").orElseThrow(() -> invalid(
                "1 validation error detected: Value null at 'changeBatch' failed to satisfy constraint: Member must not be null"));
        List<Element> items = child(batch, "Changes").map(c -> children(c, "Change")).orElse(List.of());
        if (items.isEmpty()) {
            throw invalid("1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        List<ChangeBatchRules.Change> changes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            changes.add(change(items.get(i), i + 1));
        }
        return new Batch(child(batch, "Comment").map(Element::getTextContent).orElse(null), changes);
    }

    private static ChangeBatchRules.Change change(Element change, int n) {
        String at = "changeBatch.changes." + n + ".member";
        String action = text(change, "Action").orElse("");
        if (!Set.of("CREATE", "DELETE", "UPSERT").contains(action)) {
            throw invalid("1 validation error detected: Value '" + action + "' at '" + at + ".action' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [CREATE, DELETE, UPSERT]");
        }
        Element set = child(change, "ResourceRecordSet").orElseThrow(() -> invalid("1 validation error detected: "
                + "Value null at '" + at + ".resourceRecordSet' failed to satisfy constraint: Member must not be null"));
        String rawName = text(set, "Name").orElseThrow(() -> invalid("1 validation error detected: Value null at '"
                + at + ".resourceRecordSet.name' failed to satisfy constraint: Member must not be null"));
        String type = text(set, "Type").orElse("");
        if (!TYPES.contains(type)) {
            throw invalid("1 validation error detected: Value '" + type + "' at '" + at + ".resourceRecordSet.type' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: " + TYPES);
        }
        Optional<String> setIdentifier = text(set, "SetIdentifier");
        Optional<Long> weight = number(set, "Weight", at + ".resourceRecordSet.weight", 0, 255);
        Optional<Long> ttl = number(set, "TTL", at + ".resourceRecordSet.tTL", 0, 2147483647L);
        String described = "Change with [Action=" + action + ", Name=" + rawName + ", Type=" + type + ", SetIdentifier="
                + setIdentifier.orElse("null") + "]";
        setIdentifier.ifPresent(id -> {
            if (id.isEmpty() || id.length() > 128) {
                throw invalid("1 validation error detected: Value '" + id + "' at '" + at + ".resourceRecordSet."
                        + "setIdentifier' failed to satisfy constraint: Member must have length "
                        + (id.isEmpty() ? "greater than or equal to 1" : "less than or equal to 128"));
            }
        });
        for (String policy : OTHER_POLICIES) {
            if (child(set, policy).isPresent()) {
                throw invalid("Invalid request: the simulator supports simple and weighted record sets only, "
                        + "not " + policy + ", in " + described);
            }
        }
        if (weight.isPresent() && setIdentifier.isEmpty()) {
            throw invalid("Invalid request: Missing field 'SetIdentifier' in " + described);
        }
        if (setIdentifier.isPresent() && weight.isEmpty()) {
            throw invalid("Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, "
                    + "MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in " + described);
        }
        List<String> values = child(set, "ResourceRecords")
                .map(rr -> children(rr, "ResourceRecord").stream().map(r -> text(r, "Value").orElse("")).toList())
                .orElse(List.of());
        Optional<RecordSet.AliasTarget> alias = child(set, "AliasTarget").map(a -> new RecordSet.AliasTarget(
                idOnly(text(a, "HostedZoneId").orElse("")), text(a, "DNSName").orElse(""),
                Boolean.parseBoolean(text(a, "EvaluateTargetHealth").orElse("false"))));
        boolean plain = ttl.isPresent() && !values.isEmpty();
        if (alias.isPresent() == plain) {
            throw invalid("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], "
                    + "or TrafficPolicyInstanceId], but found " + (plain ? "more than one" : "none") + " in " + described);
        }
        RecordSet record = new RecordSet(RecordSet.normaliseName(rawName), type, setIdentifier, weight, ttl, values,
                alias, text(set, "HealthCheckId"));
        return new ChangeBatchRules.Change(action, record);
    }

    /** The Java SDK and the CLI may send {@code /hostedzone/Z1} or {@code Z1}; Route 53 answers both. */
    static String idOnly(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static Optional<Long> number(Element parent, String name, String at, long min, long max) {
        Optional<String> raw = text(parent, name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(raw.get().trim());
        } catch (NumberFormatException e) {
            throw invalid("Invalid XML ; cvc-datatype-valid: '" + raw.get() + "' is not a valid value for 'integer'.");
        }
        if (value < min || value > max) {
            throw invalid("1 validation error detected: Value '" + value + "' at '" + at + "' failed to satisfy "
                    + "constraint: Member must have value " + (value < min ? "greater than or equal to " + min
                    : "less than or equal to " + max));
        }
        return Optional.of(value);
    }

    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw AwsError.client(400, "MalformedInput", "ChangeBatch is not valid, expected ChangeResourceRecordSetsRequest")
                    .raise();
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(Element::getTextContent);
    }

    static AwsError.Raised invalid(String message) {
        return AwsError.client(400, "InvalidInput", message).raise();
    }
}
