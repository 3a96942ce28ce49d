package io.sluice.traffic;

/**
 * An AWS call for a target failed in a way the loop must know: our own small set of kinds, with the
 * service's error code and message kept for people.
 */
public final class TargetFailure extends RuntimeException {

    public enum Kind {
        /** Rate exceeded: retry later, never counts against the rollout. */
        THROTTLED,
        /** A write raced another (stale RevisionId, PriorRequestNotComplete): re-observe, re-plan. */
        CONFLICT,
        /** The listener, function, zone or service does not exist. */
        NOT_FOUND,
        /** AWS refused the request as invalid: a person must fix the rollout or the resource. */
        INVALID,
        /** AWS could not be reached or answered 5xx after the retry budget. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String awsCode;

    public TargetFailure(Kind kind, String awsCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.awsCode = awsCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The service's error code, e.g. {@code PreconditionFailedException}; empty when there is none. */
    public String awsCode() {
        return awsCode;
    }
}
