package io.sluice.git;

import io.sluice.model.DesiredState;
import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import java.time.Instant;
import java.util.List;

/**
 * The desired state as one commit says it, and when it was read.
 *
 * @param desired every rollout file read from that commit's tree; its commit is the one that
 *                introduced this desired state: the head, or below it the oldest commit with the same
 *                rollouts folder; it stays the same across later commits that change nothing under
 *                the rollouts folder (status commits), so that {@code observedCommit} does not change
 *                when sluice commits its own status
 * @param readAt when this snapshot was read
 */
public record DesiredSnapshot(DesiredState desired, Instant readAt) {

    public String commitId() {
        return desired.commit();
    }

    public List<Rollout> rollouts() {
        return desired.rollouts();
    }

    public List<Problem> problems() {
        return desired.problems();
    }

    public String shortCommit() {
        return commitId().substring(0, Math.min(7, commitId().length()));
    }
}
