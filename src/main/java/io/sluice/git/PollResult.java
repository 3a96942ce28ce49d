package io.sluice.git;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one poll of the config repository found.
 *
 * @param snapshot the desired state now in force: the new one, or the last good one when this poll
 *                 failed; empty only before the first successful read
 * @param head the branch head this poll saw on the server, when it could ask
 * @param desiredChanged the rollouts folder differs from the previous snapshot (false for commits
 *                       that only touch status files or anything else outside the rollouts folder)
 * @param historyRewritten the branch was force-pushed: the previous head is not an ancestor of the new one
 * @param notices what sluice did to recover (re-cloned, followed a rewritten history), for logs and health
 * @param trouble why this poll could not read the repository; the snapshot is then the last good one
 * @param took how long the poll took, wall time (zero until the poller stamps it)
 */
public record PollResult(Optional<DesiredSnapshot> snapshot, Optional<String> head, boolean desiredChanged,
                         boolean historyRewritten, List<String> notices, Optional<GitTrouble> trouble, Duration took) {
    public PollResult {
        notices = List.copyOf(notices);
    }

    public PollResult(Optional<DesiredSnapshot> snapshot, Optional<String> head, boolean desiredChanged,
                      boolean historyRewritten, List<String> notices, Optional<GitTrouble> trouble) {
        this(snapshot, head, desiredChanged, historyRewritten, notices, trouble, Duration.ZERO);
    }

    /** This result, stamped with how long the poll took. */
    public PollResult took(Duration took) {
        return new PollResult(snapshot, head, desiredChanged, historyRewritten, notices, trouble, took);
    }

    public boolean ok() {
        return trouble.isEmpty();
    }
}
