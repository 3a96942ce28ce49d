package io.sluice.sim.elbv2;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A target registered in a target group. Its health is computed lazily from the simulator clock:
 * {@code initial} for the health-check delay after registration (or after its group starts being
 * used), then the scenario's health, changed at the instants of {@code healthChanges}.
 */
final class RegisteredTarget {
    final String id;
    final int port;
    final Optional<String> availabilityZone;
    Instant registeredAt;
    TargetHealth health;
    List<HealthChange> healthChanges;
    /** Set by DeregisterTargets: the target drains until this instant, then is gone. */
    Optional<Instant> drainingUntil = Optional.empty();

    /** From {@code at} on, the target reports {@code health} (once past its initial checks). */
    record HealthChange(Instant at, TargetHealth health) {
    }

    RegisteredTarget(String id, int port, Optional<String> availabilityZone, Instant registeredAt,
            TargetHealth health, List<HealthChange> healthChanges) {
        this.id = id;
        this.port = port;
        this.availabilityZone = availabilityZone;
        this.registeredAt = registeredAt;
        this.health = health;
        this.healthChanges = healthChanges;
    }

    static String key(String id, int port) {
        return id + ":" + port;
    }

    /** The scenario health at {@code now}: the base health or the latest change already due. */
    TargetHealth scriptedHealth(Instant now) {
        TargetHealth current = health;
        for (HealthChange change : healthChanges) {
            if (!change.at().isAfter(now)) {
                current = change.health();
            }
        }
        return current;
    }
}
