package io.sluice.reconcile;

import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import java.util.List;

/** Which status changes are worth a log line and a commit: the loop's business, not the planner's. */
final class StatusChanges {
    private StatusChanges() {
    }

    /**
     * Whether a person would care: phase, step, weights, versions, a check outcome, the commit
     * answered, a new history entry, or an error. A pass that only re-measured the same results
     * or re-worded a waiting message is not worth a commit.
     */
    static boolean material(RolloutStatus before, RolloutStatus after) {
        if (before == null) {
            return true;
        }
        return before.phase() != after.phase()
                || !before.step().equals(after.step())
                || !before.stable().equals(after.stable())
                || !before.canary().equals(after.canary())
                || !before.observedCommit().equals(after.observedCommit())
                || before.retry() != after.retry()
                || !outcomes(before.checks()).equals(outcomes(after.checks()))
                || !before.history().equals(after.history())
                || !sameConditions(before, after);
    }

    /** Same types, statuses and reasons: a reworded message alone is not worth a commit. */
    private static boolean sameConditions(RolloutStatus before, RolloutStatus after) {
        if (before.conditions().size() != after.conditions().size()) {
            return false;
        }
        for (int i = 0; i < before.conditions().size(); i++) {
            if (!before.conditions().get(i).sameAs(after.conditions().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> outcomes(List<CheckStatus> checks) {
        return checks.stream().map(c -> c.name() + "=" + c.result()).toList();
    }
}
