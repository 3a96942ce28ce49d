package io.sluice.plan;

import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus;
import io.sluice.traffic.Observed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the planner may look at for one rollout.
 *
 * @param rollout the desired state; when its file is broken or gone, the last good one
 * @param desiredProblem why the file could not be read this pass (then nothing new starts or advances)
 * @param commit the desired-state commit being answered
 * @param measured the checks assessed in this pass (empty when no analysis was due)
 * @param lastWriteUnconfirmed the last status may not record sluice's latest AWS write: it was read
 *     back from Git at start (a crash may have come between a write and its status commit), or the
 *     last write failed in a way that may still have reached AWS; a live split equal to the write
 *     sluice would have made next is then its own, never drift
 * @param actionFailed how the action decided from this very input failed when it was made: the
 *     status then keeps what AWS still serves and records the failure, so the next pass tries again
 */
public record PlanInput(Rollout rollout, Optional<String> desiredProblem, String commit, Observed observed,
                        Optional<RolloutStatus> last, List<CheckStatus> measured, Instant now,
                        boolean lastWriteUnconfirmed, Optional<ActionFailure> actionFailed) {
    public PlanInput {
        measured = List.copyOf(measured);
    }

    public PlanInput(Rollout rollout, Optional<String> desiredProblem, String commit, Observed observed,
                     Optional<RolloutStatus> last, List<CheckStatus> measured, Instant now,
                     boolean lastWriteUnconfirmed) {
        this(rollout, desiredProblem, commit, observed, last, measured, now, lastWriteUnconfirmed, Optional.empty());
    }

    /** This input, with how the action decided from it failed. */
    public PlanInput withActionFailed(ActionFailure failure) {
        return new PlanInput(rollout, desiredProblem, commit, observed, last, measured, now, lastWriteUnconfirmed,
                Optional.of(failure));
    }

    public PlanInput(Rollout rollout, Optional<String> desiredProblem, String commit, Observed observed,
                     Optional<RolloutStatus> last, List<CheckStatus> measured, Instant now) {
        this(rollout, desiredProblem, commit, observed, last, measured, now, false);
    }

    public boolean desiredIsCurrent() {
        return desiredProblem.isEmpty();
    }
}
