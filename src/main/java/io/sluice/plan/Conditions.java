package io.sluice.plan;

import io.sluice.model.status.Condition;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The conditions of a status, from its phase and reason: {@code Progressing} is true while traffic moves
 * or waits to, {@code Degraded} while something needs attention. A condition keeps its {@code since}
 * while its status and reason stay the same.
 */
public final class Conditions {
    private Conditions() {
    }

    static List<Condition> of(Phase phase, Reason reason, String message, List<Condition> before, Instant now) {
        boolean progressing = phase == Phase.Progressing || phase == Phase.Paused;
        boolean degraded = phase == Phase.Degraded;
        return List.of(
                next(Condition.Type.Progressing, progressing, reason, progressing ? message : "", before, now),
                next(Condition.Type.Degraded, degraded, reason, degraded ? message : "", before, now));
    }

    /**
     * {@code s} with a trouble sluice met outside the planner's decision (the target could not be read,
     * a write failed, sluice itself failed): Degraded with its reason, the message saying it; the phase and
     * the rest stay as they were, so the next pass plans the same thing again.
     */
    public static RolloutStatus withTrouble(RolloutStatus s, Reason reason, String message, Instant now) {
        List<Condition> conditions = List.of(
                s.condition(Condition.Type.Progressing).orElseGet(() -> new Condition(Condition.Type.Progressing, false,
                        reason, "", now)),
                next(Condition.Type.Degraded, true, reason, message, s.conditions(), now));
        return new RolloutStatus(s.rollout(), s.observedCommit(), s.retry(), s.phase(), s.step(), s.stable(), s.canary(),
                s.stepStartedAt(), s.pausedUntil(), s.lastTransition(), s.checks(), message, s.history(), conditions);
    }

    /** A rollout never seen before whose first pass met a trouble: nothing is known but the trouble. */
    public static RolloutStatus firstSeen(String rollout, Reason reason, String message, Instant now) {
        RolloutStatus blank = new RolloutStatus(rollout, Optional.empty(), 0, Phase.Degraded, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(now), List.of(), message,
                List.of());
        return withTrouble(blank, reason, message, now);
    }

    static Reason usualReason(Phase phase) {
        return switch (phase) {
            case Healthy -> Reason.Completed;
            case Progressing -> Reason.StepInProgress;
            case Paused -> Reason.WaitingForApproval;
            case Degraded -> Reason.InternalError;
            case RolledBack -> Reason.Aborted;
            case Suspended -> Reason.Suspended;
        };
    }

    private static Condition next(Condition.Type type, boolean status, Reason reason, String message, List<Condition> before,
                                  Instant now) {
        Condition fresh = new Condition(type, status, reason, message, now);
        Optional<Condition> last = before.stream().filter(c -> c.type() == type).findFirst();
        return last.filter(fresh::sameAs).map(c -> new Condition(type, status, reason, message, c.since())).orElse(fresh);
    }
}
