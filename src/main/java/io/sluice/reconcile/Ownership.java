package io.sluice.reconcile;

import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus;
import java.util.Map;

/**
 * Which rollouts this instance acts for in a pass, when several instances share the work: it
 * observes, plans, writes to AWS and records status only for those; the others it shows as their
 * status in Git says.
 */
public interface Ownership {

    /** One instance: it acts for everything. */
    Ownership ALL = new Ownership() {
        @Override
        public boolean mayWrite(Rollout rollout) {
            return true;
        }

        @Override
        public boolean repository() {
            return true;
        }

        @Override
        public Map<String, RolloutStatus> recorded() {
            return Map.of();
        }
    };

    /** Whether this instance may act for the rollout now; asked again right before each AWS write. */
    boolean mayWrite(Rollout rollout);

    /** Whether this instance records the files no rollout came from. */
    boolean repository();

    /** The statuses in Git of the rollouts it does not act for, shown as they are. */
    Map<String, RolloutStatus> recorded();
}
