package io.sluice.plan;

import io.sluice.model.status.Condition;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import io.sluice.model.status.RolloutStatus.Side;
import io.sluice.model.status.RolloutStatus.StepProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The status being decided in one planning call; starts as a copy of the last status. */
final class StatusDraft {
    final String rollout;
    Optional<String> observedCommit;
    int retry;
    Phase phase;
    Optional<StepProgress> step;
    Optional<Side> stable;
    Optional<Side> canary;
    Optional<Instant> stepStartedAt;
    Optional<Instant> pausedUntil;
    Optional<Instant> lastTransition;
    List<CheckStatus> checks;
    String message;
    /** Why the rollout stands where {@link #phase} says; empty means the phase's usual reason. */
    Reason reason;
    final List<HistoryEntry> history;
    private final List<Condition> conditionsBefore;
    private final Phase phaseBefore;
    private final Instant now;

    StatusDraft(String rollout, Optional<RolloutStatus> last, Instant now) {
        this.rollout = rollout;
        this.now = now;
        RolloutStatus s = last.orElse(null);
        observedCommit = s == null ? Optional.empty() : s.observedCommit();
        retry = s == null ? 0 : s.retry();
        phase = s == null ? Phase.Healthy : s.phase();
        phaseBefore = s == null ? null : s.phase();
        step = s == null ? Optional.empty() : s.step();
        stable = s == null ? Optional.empty() : s.stable();
        canary = s == null ? Optional.empty() : s.canary();
        stepStartedAt = s == null ? Optional.empty() : s.stepStartedAt();
        pausedUntil = s == null ? Optional.empty() : s.pausedUntil();
        lastTransition = s == null ? Optional.empty() : s.lastTransition();
        checks = s == null ? new ArrayList<>() : new ArrayList<>(s.checks());
        message = s == null ? "" : s.message();
        history = s == null ? new ArrayList<>() : new ArrayList<>(s.history());
        conditionsBefore = s == null ? List.of() : s.conditions();
    }

    void record(String event, Optional<String> from, Optional<String> to, Optional<String> reason) {
        history.add(0, new HistoryEntry(now, event, from, to, observedCommit, reason));
    }

    void record(String event, Optional<String> from, Optional<String> to, Optional<String> reason, Optional<Reason> cause) {
        history.add(0, new HistoryEntry(now, event, from, to, observedCommit, reason, cause));
    }

    void startStep(int index, int count) {
        step = Optional.of(new StepProgress(index, count));
        stepStartedAt = Optional.of(now);
        pausedUntil = Optional.empty();
    }

    void clearProgress() {
        step = Optional.empty();
        stepStartedAt = Optional.empty();
        pausedUntil = Optional.empty();
    }

    RolloutStatus build() {
        if (phaseBefore != phase) {
            lastTransition = Optional.of(now);
        }
        return new RolloutStatus(rollout, observedCommit, retry, phase, step, stable, canary, stepStartedAt,
                pausedUntil, lastTransition, checks, message, history,
                Conditions.of(phase, reason != null ? reason : Conditions.usualReason(phase), message, conditionsBefore, now));
    }
}
