package io.sluice.plan;

import io.sluice.model.status.RolloutStatus;
import io.sluice.traffic.Split;
import java.time.Instant;
import java.util.Optional;

/**
 * What the planner decided for one rollout in one pass: at most one AWS action, the status to
 * record, and when to look again. Every action is idempotent ("set 90/10", never "add 10").
 */
public sealed interface Decision {

    RolloutStatus status();

    /** Look again at this time at the latest (the loop may look sooner). */
    Optional<Instant> recheckAt();

    /** The same decision recording {@code status} instead. */
    Decision withStatus(RolloutStatus status);

    /** Set the traffic split. */
    record ShiftWeights(Split split, RolloutStatus status, Optional<Instant> recheckAt) implements Decision {
        @Override
        public Decision withStatus(RolloutStatus status) {
            return new ShiftWeights(split, status, recheckAt);
        }
    }

    /** Point an ECS service at a task definition revision (rolling update, or the idle blue/green service). */
    record DeployRevision(String side, String revision, RolloutStatus status, Optional<Instant> recheckAt)
            implements Decision {
        @Override
        public Decision withStatus(RolloutStatus status) {
            return new DeployRevision(side, revision, status, recheckAt);
        }
    }

    /** All traffic back to stable in one action, whatever step the rollout was at. */
    record RollBack(Split split, String reason, RolloutStatus status, Optional<Instant> recheckAt) implements Decision {
        @Override
        public Decision withStatus(RolloutStatus status) {
            return new RollBack(split, reason, status, recheckAt);
        }
    }

    /** Nothing to do now: a pause, a weight not verified yet, a check interval, a held rollout. */
    record Hold(RolloutStatus status, Optional<Instant> recheckAt) implements Decision {
        @Override
        public Decision withStatus(RolloutStatus status) {
            return new Hold(status, recheckAt);
        }
    }

    /** Wait for a person: the status says which field to set in Git. */
    record AwaitApproval(int step, RolloutStatus status, Optional<Instant> recheckAt) implements Decision {
        @Override
        public Decision withStatus(RolloutStatus status) {
            return new AwaitApproval(step, status, recheckAt);
        }
    }

    /** Live traffic is where the desired state says. */
    record NoChange(RolloutStatus status, Optional<Instant> recheckAt) implements Decision {
        @Override
        public Decision withStatus(RolloutStatus status) {
            return new NoChange(status, recheckAt);
        }
    }
}
