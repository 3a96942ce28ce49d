package io.sluice.analysis;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an AWS provider call failed with, in words a person can act on: the HTTP status, AWS's error
 * code and message when it sent them, and the request id; never "null".
 */
final class ProviderErrors {
    private ProviderErrors() {
    }

    /** {@code what} names the call, e.g. {@code "CloudWatch DescribeAlarms"}. */
    static String describe(String what, SdkException e) {
        if (e instanceof AwsServiceException a) {
            var details = a.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null ? null : details.errorMessage();
            StringBuilder b = new StringBuilder(what).append(": HTTP ").append(a.statusCode());
            if (code != null && !code.isBlank()) {
                b.append(' ').append(code);
            }
            if (message != null && !message.isBlank()) {
                b.append(": ").append(message);
            } else if (code == null || code.isBlank()) {
                b.append(" with no AWS error in the answer (is the endpoint an AWS endpoint?)");
            }
            if (a.requestId() != null && !a.requestId().isBlank()) {
                b.append(" (request ").append(a.requestId()).append(')');
            }
            return b.toString();
        }
        return what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
