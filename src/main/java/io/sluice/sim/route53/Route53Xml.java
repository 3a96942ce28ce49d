package io.sluice.sim.route53;

import io.sluice.sim.SimResponse;
import io.sluice.sim.protocol.Xml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** Renders Route 53's REST-XML response documents; ids carry their {@code /hostedzone/} and {@code /change/} prefixes. */
final class Route53Xml {
    static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Route53Xml() {
    }

    static SimResponse document(String root, Consumer<Xml> body) {
        Xml xml = Xml.document().start(root, NS);
        body.accept(xml);
        return SimResponse.of(200, "text/xml", xml.end().toString());
    }

    static void hostedZone(Xml xml, HostedZone zone, int recordCount) {
        xml.start("HostedZone")
                .leaf("Id", "/hostedzone/" + zone.id())
                .leaf("Name", zone.name())
                .leaf("CallerReference", zone.callerReference())
                .start("Config").leaf("Comment", zone.comment()).leaf("PrivateZone", zone.isPrivate()).end()
                .leaf("ResourceRecordSetCount", recordCount)
                .end();
    }

    static void recordSet(Xml xml, RecordSet r) {
        xml.start("ResourceRecordSet").leaf("Name", r.name()).leaf("Type", r.type())
                .leaf("SetIdentifier", r.setIdentifier().orElse(null))
                .leaf("Weight", r.weight().orElse(null))
                .leaf("TTL", r.ttl().orElse(null));
        if (!r.values().isEmpty()) {
            xml.start("ResourceRecords");
            r.values().forEach(v -> xml.start("ResourceRecord").leaf("Value", v).end());
            xml.end();
        }
        r.aliasTarget().ifPresent(a -> xml.start("AliasTarget").leaf("HostedZoneId", a.hostedZoneId())
                .leaf("DNSName", RecordSet.normaliseName(a.dnsName()))
                .leaf("EvaluateTargetHealth", a.evaluateTargetHealth()).end());
        xml.leaf("HealthCheckId", r.healthCheckId().orElse(null)).end();
    }

    static void changeInfo(Xml xml, ZoneChange change, Instant now) {
        xml.start("ChangeInfo").leaf("Id", "/change/" + change.id()).leaf("Status", change.status(now))
                .leaf("SubmittedAt", TIMESTAMP.format(change.submittedAt())).leaf("Comment", change.comment()).end();
    }
}
