package io.sluice.model.status;

/**
 * Every reason sluice gives for where a rollout stands, in one place: status files (conditions and
 * history), the API, the dashboard, metrics labels and log lines carry these names, never prose.
 * The message next to a reason says the details (values, ARNs, AWS codes, file:line:col).
 */
public enum Reason {
    // moving, or waiting for something expected
    /** A weight or revision was set and AWS is asked until it reports it. */
    StepInProgress,
    /** A timed pause or an analysis window is running. */
    Pausing,
    /** An approval pause waits for {@code spec.approvedStep} in Git. */
    WaitingForApproval,
    /** The new version cannot take traffic yet (target health, an unpublished version, a task definition). */
    NotReady,
    /** ECS is deploying a revision, or Route 53 is propagating a change. */
    DeploymentInProgress,
    /**
     * An alarms check found an alarm in ALARM before the first traffic moved to the new version: the start
     * waits until every alarm of the start gate is out of ALARM ({@code analysis.alarmAtStart: hold}, the
     * default). An alarm that cannot be read holds the start as {@link #NotReady}.
     */
    AlarmFiringAtStart,
    /** A check's latest result is a failure below its rollback count: the weight holds where it is. */
    CheckFailing,
    /** All traffic is on the desired version. */
    Completed,
    /** Observing only, by {@code spec.suspend}. */
    Suspended,

    // rolled back, and why
    /** A check failed as many times in a row as its {@code for} allows. */
    CheckFailed,
    /** {@code spec.abort: true} in Git. */
    Aborted,
    /** The desired version changed while a rollout of another one had moved traffic. */
    VersionChanged,
    /** AWS reported the deployment of the new version as failed (an ECS circuit breaker, a failed task). */
    DeploymentFailed,
    /** All traffic was found on the stable side where the last status had the canary taking some. */
    RollbackFound,
    /**
     * A step AWS did not settle within {@code spec.progressDeadline} (an ECS deployment never COMPLETED, a
     * Route 53 change never INSYNC, a new version never ready): rolled back, or held when automatic rollback is off.
     */
    ProgressDeadlineExceeded,

    // something needs a person, or AWS
    /** The rollout file cannot be read: its error names file:line:col. */
    InvalidFile,
    /** The target could not be read this pass (AWS unreachable, throttled, 5xx). */
    CannotObserve,
    /** The listener, rule, target group, function, alias, zone, record or service does not exist. */
    TargetNotFound,
    /** AWS refused the request as invalid or not allowed. */
    TargetRefused,
    /** A write sluice decided failed; the next pass tries again. */
    ActionFailed,
    /** A check could not be measured as often in a row as {@code maxConsecutiveErrors} allows. */
    ProviderError,
    /** Live weights differ from what sluice set: someone else changed them. */
    Drift,
    /** Nothing takes traffic and no stable version is known. */
    NoStableVersion,
    /** sluice itself failed on this rollout; the others go on. */
    InternalError
}
