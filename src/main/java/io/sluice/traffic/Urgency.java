package io.sluice.traffic;

/**
 * How urgent a call to a target's API is, given with the call down to the client-side quota
 * buckets: a call waiting for a token is served before every waiting call of a lower urgency,
 * whatever their arrival order, so a rollback never waits behind routine reads. Most urgent first.
 */
public enum Urgency {
    /** Writing or verifying a rollback. */
    ROLLBACK,
    /** Rollouts stepping, verifying or analysing. */
    MOVING,
    /** Observing rollouts at rest (Healthy, RolledBack, Suspended, Aborted). */
    IDLE
}
