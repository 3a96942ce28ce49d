package io.sluice.plan;

import io.sluice.model.Rollout;
import io.sluice.model.Step;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
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

    public static Decision plan(PlanInput in) {
        return new Planning(in).decide();
    }

    /** True when the checks of this rollout should be measured in this pass. */
    public static boolean analysisDue(Rollout rollout, Optional<RolloutStatus> last, Instant now) {
        if (rollout.analysis().isEmpty() || last.isEmpty()) {
            return false;
        }
        RolloutStatus s = last.get();
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
