package io.sluice.reconcile;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One board per application, shared by the loop that publishes and the readers (API, metrics, health). */
public class BoardProducer {

    @Produces
    @Singleton
    @Unremovable
    RolloutBoard rolloutBoard() {
        return new RolloutBoard();
    }
}
