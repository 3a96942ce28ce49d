package io.sluice.metrics;

import io.quarkus.arc.Unremovable;
import io.sluice.reconcile.RolloutBoard;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one rollout board of the process, shared by the reconcile loop (which publishes on it) and
 * the API, dashboard and metrics (which read it). Remove this if the daemon produces its own.
 */
@Dependent
public class RolloutBoardProducer {
    @Produces
    @Singleton
    @Unremovable
    RolloutBoard rolloutBoard() {
        return new RolloutBoard();
    }
}
