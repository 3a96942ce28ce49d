package io.sluice.model.status;

import java.time.Instant;

/**
 * One observation about a rollout a person or a machine can act on: whether it is moving
 * ({@link Type#Progressing}) and whether something is wrong ({@link Type#Degraded}), why (a
 * {@link Reason}), the details, and since when that type, status and reason have held.
 */
public record Condition(Type type, boolean status, Reason reason, String message, Instant since) {

    public enum Type {
        /** True while traffic is moving or about to (steps, pauses, approvals, deployments). */
        Progressing,
        /** True while something needs attention: a broken file, an AWS error, drift, a rollback. */
        Degraded
    }

    /** Same type, status and reason: the condition did not change, whatever the message says now. */
    public boolean sameAs(Condition other) {
        return other != null && type == other.type && status == other.status && reason == other.reason;
    }
}
