package io.sluice.model.status;

/** Where a rollout stands, as status files, metrics and the dashboard name it. */
public enum Phase {
    /** Live traffic is where the desired state says; nothing to do. */
    Healthy,
    /** Stepping towards the desired version. */
    Progressing,
    /** Waiting for a person to approve an approval pause in Git. */
    Paused,
    /** Held: something needs a person (drift, provider errors, a refused start). */
    Degraded,
    /** All traffic went back to stable; stays so until the desired state changes. */
    RolledBack,
    /** Observed and reported only, by request in Git. */
    Suspended
}
