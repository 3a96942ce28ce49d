package io.sluice.plan;

import io.sluice.model.Rollout;
import io.sluice.model.Step;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus;
import io.sluice.traffic.Observed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rollout state machine: (desired, observed, last status, now) to one {@link Decision}. Pure:
 * the same input always gives the same decision, which is what makes restarts safe.
 */
public final class Planner {
    /** How soon to look again while waiting for AWS to report a change sluice made. */
    public static final Duration VERIFY_INTERVAL = Duration.ofSeconds(5);
    /** How soon to look again while waiting for something outside sluice (health, a person). */
    public static final Duration WAIT_INTERVAL = Duration.ofSeconds(15);

    private Planner() {
    }

    /**
     * The decision for this input. When the input says how the action decided from it failed, the
     * decision is a hold whose status records that failure: what was learnt (checks) stays, the
     * weights are what AWS still serves and the phase is unchanged, so the next pass plans the same
     * action again instead of waiting for a change that never happened.
     */
    public static Decision plan(PlanInput in) {
        Decision decided = new Planning(in).decide();
        if (in.actionFailed().isEmpty()) {
            return decided.withStatus(withLive(decided.status(), in.observed()));
        }
        ActionFailure failure = in.actionFailed().get();
        RolloutStatus status = decided.status();
        int liveCanary = in.observed().weightOf(status.canary().map(RolloutStatus.Side::name).orElse(""));
        RolloutStatus kept = new RolloutStatus(status.rollout(), status.observedCommit(), status.retry(),
                in.last().map(RolloutStatus::phase).orElse(Phase.Progressing), status.step(),
                status.stable().map(s -> new RolloutStatus.Side(s.name(), s.version(), 100 - liveCanary)),
                status.canary().map(c -> new RolloutStatus.Side(c.name(), c.version(), liveCanary)),
                status.stepStartedAt(), status.pausedUntil(), in.last().flatMap(RolloutStatus::lastTransition),
                status.checks(), failure.message(), in.last().map(RolloutStatus::history).orElse(List.of()));
        return new Decision.Hold(Conditions.withTrouble(kept, failure.reason(), failure.message(), in.now()),
                Optional.of(in.now().plus(WAIT_INTERVAL)));
    }

    /** {@code s} with each side's live weight where AWS serves other than what was set. */
    static RolloutStatus withLive(RolloutStatus s, Observed observed) {
        return new RolloutStatus(s.rollout(), s.observedCommit(), s.retry(), s.phase(), s.step(),
                s.stable().map(side -> side.withLive(observed.weightOf(side.name()))),
                s.canary().map(side -> side.withLive(observed.weightOf(side.name()))),
                s.stepStartedAt(), s.pausedUntil(), s.lastTransition(), s.checks(), s.message(), s.history(),
                s.conditions());
    }

    /**
     * The status of a rollout that met trouble outside a decision (its target could not be read, its
     * file never could, planning itself failed): the last status with the trouble as its condition,
     * or a first status saying so.
     */
    public static RolloutStatus troubled(String name, Optional<RolloutStatus> last, Reason reason, String message,
                                         Instant now) {
        return last.map(s -> Conditions.withTrouble(s, reason, message, now))
                .orElseGet(() -> Conditions.firstSeen(name, reason, message, now));
    }

    /** The last status with the checks as just measured (their counters carry on to the next pass). */
    public static RolloutStatus withChecks(RolloutStatus s, List<CheckStatus> checks) {
        return new RolloutStatus(s.rollout(), s.observedCommit(), s.retry(), s.phase(), s.step(), s.stable(), s.canary(),
                s.stepStartedAt(), s.pausedUntil(), s.lastTransition(), checks, s.message(), s.history(), s.conditions());
    }

    /**
     * True when the checks of this rollout should be measured in this pass. Before the attempt's first step
     * only the start gate's alarms are measured ({@link RolloutStatus#started()}), and only in a pass that
     * could start it.
     */
    public static boolean analysisDue(Rollout rollout, Optional<RolloutStatus> last, Instant now) {
        if (rollout.analysis().isEmpty()) {
            return false;
        }
        if (last.isEmpty()) {
            // a rollout sluice has never written a status for: its first pass may start it, so the gate is read
            return StartGate.dueFirst(rollout);
        }
        RolloutStatus s = last.get();
        if (StartGate.beforeStart(s)) {
            // only the alarms of the start gate, read in the pass that would move the first traffic
            return StartGate.due(rollout, s, now);
        }
        if (s.phase() != Phase.Progressing && s.phase() != Phase.Paused && s.phase() != Phase.Degraded) {
            return false;
        }
        int stepIndex = s.step().map(RolloutStatus.StepProgress::index).orElse(0);
        var analysis = rollout.analysis().get();
        if (stepIndex == 0 || stepIndex <= analysis.startAfterStep()) {
            return false;
        }
        // a weight (or ECS revision) not yet verified means the split is still moving: measuring it
        // would judge a mix of old and new; measure once it holds and has settled
        if (stepIndex <= rollout.strategy().steps().size()
                && rollout.strategy().steps().get(stepIndex - 1) instanceof Step.SetWeight) {
            return false;
        }
        Instant settled = s.stepStartedAt().map(t -> t.plus(analysis.settle())).orElse(now);
        if (now.isBefore(settled)) {
            return false;
        }
        Optional<Instant> lastMeasured = s.checks().stream().map(CheckStatus::at).max(Instant::compareTo);
        return lastMeasured.map(t -> !now.isBefore(t.plus(analysis.interval()))).orElse(true);
    }
}
