package io.sluice.sim.elbv2;

import java.util.Optional;

/** What DescribeTargetHealth reports for one target: state, and reason/description unless healthy. */
record TargetHealth(String state, Optional<String> reason, Optional<String> description) {

    static TargetHealth healthy() {
        return new TargetHealth("healthy", Optional.empty(), Optional.empty());
    }

    static TargetHealth of(String state, String reason, String description) {
        return new TargetHealth(state, Optional.of(reason), Optional.of(description));
    }

    static TargetHealth unhealthy(String reason) {
        return of("unhealthy", reason, describe(reason));
    }

    /** The description AWS pairs with a reason code. */
    static String describe(String reason) {
        return switch (reason) {
            case "Target.ResponseCodeMismatch" -> "Health checks failed with these codes: [502]";
            case "Target.Timeout" -> "Request timed out";
            case "Elb.InternalError" -> "Health checks failed due to an internal error";
            default -> "Health checks failed";
        };
    }
}
