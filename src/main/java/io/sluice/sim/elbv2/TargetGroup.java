package io.sluice.sim.elbv2;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A target group: its settings, attributes and registered targets. */
final class TargetGroup {
    final String arn;
    final String name;
    final String protocol;
    final int port;
    final String vpcId;
    final String targetType;
    final String healthCheckPath;
    final Map<String, String> attributes;
    final Map<String, String> tags;
    final Map<String, RegisteredTarget> targets = new LinkedHashMap<>();
    /** When a listener rule started forwarding to this group; empty while no listener uses it. */
    Optional<Instant> inUseSince = Optional.empty();
    final List<String> loadBalancerArns = new ArrayList<>();
    /** The health that targets registered later through RegisterTargets settle on. */
    TargetHealth registeredTargetHealth = TargetHealth.healthy();

    TargetGroup(String arn, String name, String protocol, int port, String vpcId, String targetType,
            String healthCheckPath, Map<String, String> attributes, Map<String, String> tags) {
        this.arn = arn;
        this.name = name;
        this.protocol = protocol;
        this.port = port;
        this.vpcId = vpcId;
        this.targetType = targetType;
        this.healthCheckPath = healthCheckPath;
        this.attributes = attributes;
        this.tags = tags;
    }

    int deregistrationDelaySeconds() {
        return Integer.parseInt(attributes.getOrDefault(TargetGroupAttributes.DEREGISTRATION_DELAY, "300"));
    }

    /** Drops targets whose draining has ended; AWS stops reporting them then. */
    void forgetDrained(Instant now) {
        targets.values().removeIf(t -> t.drainingUntil.isPresent() && !now.isBefore(t.drainingUntil.get()));
    }

    /** The health AWS would report for a registered target at {@code now}. */
    TargetHealth healthOf(RegisteredTarget target, Instant now, Duration healthCheckDelay) {
        if (target.drainingUntil.isPresent()) {
            return TargetHealth.of("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
        }
        if (inUseSince.isEmpty()) {
            return TargetHealth.of("unused", "Target.NotInUse",
                    "Target group is not configured to receive traffic from the load balancer");
        }
        Instant checksFrom = target.registeredAt.isAfter(inUseSince.get()) ? target.registeredAt : inUseSince.get();
        Duration sinceChecksFrom = Duration.between(checksFrom, now);
        if (sinceChecksFrom.compareTo(healthCheckDelay) < 0) {
            return sinceChecksFrom.compareTo(healthCheckDelay.dividedBy(2)) < 0
                    ? TargetHealth.of("initial", "Elb.RegistrationInProgress", "Target registration is in progress")
                    : TargetHealth.of("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
        }
        return target.scriptedHealth(now);
    }
}
