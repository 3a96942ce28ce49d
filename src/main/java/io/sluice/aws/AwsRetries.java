package io.sluice.aws;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The retry strategy of every client, set explicitly rather than inherited from SDK defaults:
 * throttling, 5xx and lost connections are retried with full-jitter exponential backoff within the
 * budget; nothing else is. {@code PriorRequestNotComplete} is a conflict with a pending change, not
 * a blip, so it goes straight back to the loop, which re-observes on its next pass.
 */
final class AwsRetries {
    private AwsRetries() {
    }

    static RetryStrategy strategy(AwsSettings.RetryBudget budget) {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .useClientDefaults(false)
                .maxAttempts(budget.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(budget.baseDelay(), budget.maxBackoff()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(budget.throttlingBaseDelay(),
                        budget.maxBackoff()))
                // the budget is per call; a shared token bucket would make one rollout's faults starve another's
                .circuitBreakerEnabled(false)
                .retryOnException(AwsRetries::retryable)
                .treatAsThrottling(AwsRetries::throttling)
                .build();
    }

    static boolean retryable(Throwable e) {
        if (e instanceof AwsServiceException ase) {
            if (AwsFailures.PRIOR_REQUEST_NOT_COMPLETE.equals(AwsFailures.code(ase))) {
                return false;
            }
            return throttling(e) || ase.statusCode() >= 500;
        }
        return e instanceof SdkClientException && causedByIo(e);
    }

    static boolean throttling(Throwable e) {
        return e instanceof AwsServiceException ase && ase.isThrottlingException()
                && !AwsFailures.PRIOR_REQUEST_NOT_COMPLETE.equals(AwsFailures.code(ase));
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
