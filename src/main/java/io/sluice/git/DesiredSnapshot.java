package io.sluice.git;

import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import java.time.Instant;
import java.util.List;

/**
 * The desired state as one commit says it: every rollout file read from that commit's tree.
 *
 * @param commitId the commit that introduced this desired state: the head, or below it the oldest
 *                 commit with the same rollouts folder; it stays the same across later commits
 *                 that change nothing under the rollouts folder (status commits), so that
 *                 {@code observedCommit} does not change when sluice commits its own status
 * @param rollouts the rollouts of files without problems
 * @param problems every problem of every file, located
 * @param readAt when this snapshot was read
 */
public record DesiredSnapshot(String commitId, List<Rollout> rollouts, List<Problem> problems, Instant readAt) {
    public DesiredSnapshot {
        rollouts = List.copyOf(rollouts);
        problems = List.copyOf(problems);
    }

    public String shortCommit() {
        return commitId.substring(0, Math.min(7, commitId.length()));
    }
}
