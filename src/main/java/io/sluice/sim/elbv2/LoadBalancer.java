package io.sluice.sim.elbv2;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An Application Load Balancer as seeded by the scenario; the simulator never changes it. */
record LoadBalancer(
        String arn,
        String name,
        String type,
        String scheme,
        String dnsName,
        String canonicalHostedZoneId,
        String vpcId,
        Instant createdTime,
        List<String> availabilityZones,
        List<String> securityGroups,
        Map<String, String> tags) {
}
