package io.sluice.sim.elbv2;

import io.sluice.sim.elbv2.RuleAction.Forward;
import io.sluice.sim.protocol.Xml;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Writes ELBv2 shapes as awsQuery XML, in the member order of the service model. */
final class Elbv2Xml {
    private Elbv2Xml() {
    }

    static void loadBalancer(Xml xml, LoadBalancer lb) {
        xml.start("member")
                .leaf("LoadBalancerArn", lb.arn())
                .leaf("DNSName", lb.dnsName())
                .leaf("CanonicalHostedZoneId", lb.canonicalHostedZoneId())
                .leaf("CreatedTime", timestamp(lb.createdTime()))
                .leaf("LoadBalancerName", lb.name())
                .leaf("Scheme", lb.scheme())
                .leaf("VpcId", lb.vpcId())
                .start("State").leaf("Code", "active").end()
                .leaf("Type", lb.type())
                .start("AvailabilityZones");
        for (int i = 0; i < lb.availabilityZones().size(); i++) {
            xml.start("member").leaf("ZoneName", lb.availabilityZones().get(i))
                    .leaf("SubnetId", "subnet-" + String.format("%08x", (lb.name() + i).hashCode())).end();
        }
        xml.end().start("SecurityGroups");
        lb.securityGroups().forEach(sg -> xml.leaf("member", sg));
        xml.end().leaf("IpAddressType", "ipv4").end();
    }

    static void listener(Xml xml, Listener listener) {
        xml.start("member")
                .leaf("ListenerArn", listener.arn)
                .leaf("LoadBalancerArn", listener.loadBalancerArn)
                .leaf("Port", listener.port)
                .leaf("Protocol", listener.protocol);
        listener.certificateArn.ifPresent(c -> xml.start("Certificates").start("member")
                .leaf("CertificateArn", c).end().end());
        listener.sslPolicy.ifPresent(p -> xml.leaf("SslPolicy", p));
        actions(xml, "DefaultActions", listener.defaultActions());
        xml.end();
    }

    static void rule(Xml xml, ListenerRule rule) {
        xml.start("member").leaf("RuleArn", rule.arn).leaf("Priority", rule.reportedPriority());
        listMembers(xml, "Conditions", rule.conditions);
        actions(xml, "Actions", rule.actions);
        xml.leaf("IsDefault", rule.isDefault);
        listMembers(xml, "Transforms", rule.transforms);
        xml.end();
    }

    /** A verbatim list ({@code Conditions.member.N...}); written empty when the rule has none. */
    private static void listMembers(Xml xml, String list, Map<String, String> flat) {
        if (flat.isEmpty()) {
            xml.start(list).end();
        } else {
            FlatMembers.writeXml(flat, xml);
        }
    }

    /**
     * Writes actions as AWS reports them: a forward to one group carries both the legacy
     * {@code TargetGroupArn} and a one-element {@code ForwardConfig} (weight as given, 1 by
     * default); a weighted forward carries {@code ForwardConfig} only. Stickiness is always
     * reported, {@code Enabled=false} when the caller gave none.
     */
    static void actions(Xml xml, String element, List<RuleAction> actions) {
        xml.start(element);
        for (int i = 0; i < actions.size(); i++) {
            RuleAction a = actions.get(i);
            xml.start("member").leaf("Type", a.type());
            if (a.forward().isPresent() && a.forward().get().targetGroups().size() == 1) {
                xml.leaf("TargetGroupArn", a.forward().get().targetGroups().get(0).targetGroupArn());
            }
            FlatMembers.writeXml(a.otherMembers(), xml);
            xml.leaf("Order", a.reportedOrder(i + 1));
            a.forward().ifPresent(f -> forwardConfig(xml, f));
            xml.end();
        }
        xml.end();
    }

    private static void forwardConfig(Xml xml, Forward forward) {
        xml.start("ForwardConfig").start("TargetGroups");
        forward.targetGroups().forEach(g -> xml.start("member")
                .leaf("TargetGroupArn", g.targetGroupArn()).leaf("Weight", g.weight()).end());
        xml.end().start("TargetGroupStickinessConfig");
        if (forward.stickiness().isPresent()) {
            xml.leaf("Enabled", forward.stickiness().get().enabled());
            forward.stickiness().get().durationSeconds().ifPresent(d -> xml.leaf("DurationSeconds", d));
        } else {
            xml.leaf("Enabled", false);
        }
        xml.end().end();
    }

    static void targetGroup(Xml xml, TargetGroup g) {
        xml.start("member")
                .leaf("TargetGroupArn", g.arn)
                .leaf("TargetGroupName", g.name)
                .leaf("Protocol", g.protocol)
                .leaf("Port", g.port)
                .leaf("VpcId", g.vpcId)
                .leaf("HealthCheckProtocol", g.protocol)
                .leaf("HealthCheckPort", "traffic-port")
                .leaf("HealthCheckEnabled", true)
                .leaf("HealthCheckIntervalSeconds", 30)
                .leaf("HealthCheckTimeoutSeconds", 5)
                .leaf("HealthyThresholdCount", 5)
                .leaf("UnhealthyThresholdCount", 2)
                .leaf("HealthCheckPath", g.healthCheckPath)
                .start("Matcher").leaf("HttpCode", "200").end()
                .start("LoadBalancerArns");
        g.loadBalancerArns.forEach(arn -> xml.leaf("member", arn));
        xml.end().leaf("TargetType", g.targetType).leaf("ProtocolVersion", "HTTP1")
                .leaf("IpAddressType", "ipv4").end();
    }

    static void targetHealth(Xml xml, String id, Integer port, String az, TargetHealth health) {
        xml.start("member").start("Target").leaf("Id", id).leaf("Port", port).leaf("AvailabilityZone", az).end()
                .leaf("HealthCheckPort", port == null ? null : String.valueOf(port))
                .start("TargetHealth").leaf("State", health.state())
                .leaf("Reason", health.reason().orElse(null))
                .leaf("Description", health.description().orElse(null)).end()
                .end();
    }

    static void attributes(Xml xml, Map<String, String> attributes) {
        xml.start("Attributes");
        attributes.forEach((k, v) -> xml.start("member").leaf("Key", k).leaf("Value", v).end());
        xml.end();
    }

    static void tags(Xml xml, String arn, Map<String, String> tags) {
        xml.start("member").leaf("ResourceArn", arn).start("Tags");
        tags.forEach((k, v) -> xml.start("member").leaf("Key", k).leaf("Value", v).end());
        xml.end().end();
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
