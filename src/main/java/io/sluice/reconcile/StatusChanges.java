package io.sluice.reconcile;

import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Side;
import java.util.List;
import java.util.Optional;

/** Rules about statuses that are the loop's business, not the planner's. */
final class StatusChanges {
    private StatusChanges() {
    }

    /**
     * The status to keep when the decided action failed: what the planner learnt (checks) stays,
     * but the weights are what AWS still serves and the phase is unchanged, so the next pass plans
     * the same action again instead of waiting for a change that never happened.
     */
    static RolloutStatus afterFailedAction(Optional<RolloutStatus> before, RolloutStatus decided, int liveCanary,
                                           String message) {
        return new RolloutStatus(decided.rollout(), decided.observedCommit(), decided.retry(),
                before.map(RolloutStatus::phase).orElse(Phase.Progressing), decided.step(),
                decided.stable().map(s -> new Side(s.name(), s.version(), 100 - liveCanary)),
                decided.canary().map(c -> new Side(c.name(), c.version(), liveCanary)),
                decided.stepStartedAt(), decided.pausedUntil(), before.flatMap(RolloutStatus::lastTransition),
                decided.checks(), message, before.map(RolloutStatus::history).orElse(List.of()));
    }

    /** The same status with the checks as just measured (their counters carry on to the next pass). */
    static RolloutStatus withChecks(RolloutStatus s, List<RolloutStatus.CheckStatus> checks) {
        return new RolloutStatus(s.rollout(), s.observedCommit(), s.retry(), s.phase(), s.step(), s.stable(), s.canary(),
                s.stepStartedAt(), s.pausedUntil(), s.lastTransition(), checks, s.message(), s.history());
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
