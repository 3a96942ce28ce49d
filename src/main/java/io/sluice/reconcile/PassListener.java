package io.sluice.reconcile;

import io.sluice.git.PollResult;
import io.sluice.git.StatusPush;
import io.sluice.model.status.RolloutStatus;
import java.util.Map;

/**
 * A reader of the reconcile loop: metrics and notifications are fed through this after each Git
 * poll, pass and status write, so the loop knows none of them. A listener that throws is logged and
 * never stops the loop or the other listeners.
 */
public interface PassListener {

    /** The statuses read back from Git when the loop starts, before its first pass. */
    default void started(Map<String, RolloutStatus> recorded) {
    }

    /** A poll of the config repository, stamped with how long it took. */
    default void polled(PollResult poll) {
    }

    /** A pass over every rollout. */
    default void passed(PassReport report) {
    }

    /** A status write, stamped with how long it took. */
    default void pushed(StatusPush push) {
    }
}
