package io.sluice.traffic;

import io.sluice.model.Rollout;
import java.util.Collection;
import java.util.Map;

/**
 * The traffic port: observe what is live for many rollouts at once (batched per API where it takes
 * several ids), and set one rollout's split in as few idempotent calls as its API allows. Every
 * call says how urgent it is; the quota buckets serve the more urgent first.
 */
public interface TrafficTargets {

    /** Observes every given rollout; one failing target never hides the others. Keyed by rollout name. */
    Map<String, Observation> observe(Collection<Rollout> rollouts, Urgency urgency);

    /**
     * Sets the split: ALB weights (keeping every other action and stickiness), Lambda alias routing
     * (fenced by RevisionId), Route 53 weighted records (one atomic batch), ECS service revision.
     * A rollback's write is made at {@link Urgency#ROLLBACK}.
     *
     * @throws TargetFailure when AWS refuses or cannot be reached
     */
    void apply(Rollout rollout, Split split, Urgency urgency);

    /**
     * ECS blue/green: points the service of {@code side} (which takes no traffic) at the task
     * definition {@code revision}; ECS starts no deployment when it already runs it.
     *
     * @throws TargetFailure when AWS refuses, or the target kind deploys nothing
     */
    void deploy(Rollout rollout, String side, String revision);
}
