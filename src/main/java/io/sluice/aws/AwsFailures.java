package io.sluice.aws;

import io.sluice.traffic.TargetFailure;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps what the SDK threw to our small set of {@link TargetFailure} kinds, keeping AWS's code and words. */
public final class AwsFailures {
    public static final String PRIOR_REQUEST_NOT_COMPLETE = "PriorRequestNotComplete";

    private static final Set<String> CONFLICTS = Set.of("PreconditionFailedException", PRIOR_REQUEST_NOT_COMPLETE,
            "ResourceConflictException", "ConcurrentModification");

    private AwsFailures() {
    }

    public static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    /** {@code what} says what was being done, e.g. {@code "GetAlias orchestrator:live"}. */
    public static TargetFailure of(SdkException e, String what) {
        if (e instanceof AwsServiceException ase) {
            String code = code(ase);
            String detail = ase.awsErrorDetails() == null || ase.awsErrorDetails().errorMessage() == null
                    ? ase.getMessage() : ase.awsErrorDetails().errorMessage();
            String message = what + ": " + (code.isEmpty() ? "HTTP " + ase.statusCode() : code) + ": " + detail;
            return new TargetFailure(kind(ase, code), code, message, e);
        }
        return new TargetFailure(TargetFailure.Kind.UNAVAILABLE, "", what + ": AWS unreachable: " + e.getMessage(), e);
    }

    private static TargetFailure.Kind kind(AwsServiceException e, String code) {
        if (CONFLICTS.contains(code)) {
            return TargetFailure.Kind.CONFLICT;
        }
        if (AwsRetries.throttling(e)) {
            return TargetFailure.Kind.THROTTLED;
        }
        if (e.statusCode() >= 500) {
            return TargetFailure.Kind.UNAVAILABLE;
        }
        if (e.statusCode() == 404 || code.endsWith("NotFound") || code.endsWith("NotFoundException")
                || code.startsWith("NoSuch")) {
            return TargetFailure.Kind.NOT_FOUND;
        }
        return TargetFailure.Kind.INVALID;
    }

    public static TargetFailure invalid(String message) {
        return new TargetFailure(TargetFailure.Kind.INVALID, "", message, null);
    }

    public static TargetFailure notFound(String message) {
        return new TargetFailure(TargetFailure.Kind.NOT_FOUND, "", message, null);
    }
}
