package io.sluice.aws;

import io.sluice.traffic.Urgency;
import java.io.IOException;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The retry strategy of every client, set explicitly rather than inherited from SDK defaults:
 * throttling, 5xx and lost connections are retried with full-jitter exponential backoff within the
 * budget; nothing else is. {@code PriorRequestNotComplete} is a conflict with a pending change, not
 * a blip, so it goes straight back to the loop, which re-observes on its next pass.
 *
 * <p>A call made at {@link Urgency#ROLLBACK} gets its own, short-spaced budget: when another
 * client keeps the account's bucket empty, a token comes back every 1/rate seconds and goes to whoever
 * asks first, so a rollback that backed off for seconds, as routine calls do, would lose it to that
 * client pass after pass. Rollbacks are rare and few; routine calls keep the patient backoff.
 */
final class AwsRetries {
    private AwsRetries() {
    }

    /**
     * The strategy of a client whose calls are made at {@code urgency}.
     *
     * @param onThrottled told, on the calling thread, of every attempt AWS answered with throttling
     */
    static RetryStrategy strategy(AwsSettings.RetryBudget budget, Urgency urgency, Runnable onThrottled) {
        if (urgency == Urgency.ROLLBACK) {
            Duration rollbackBase = budget.rollbackMaxBackoff().dividedBy(5);
            return new Reporting(onThrottled, standard(budget.rollbackMaxAttempts(), rollbackBase, rollbackBase,
                    budget.rollbackMaxBackoff()));
        }
        return new Reporting(onThrottled, standard(budget.maxAttempts(), budget.baseDelay(), budget.throttlingBaseDelay(),
                budget.maxBackoff()));
    }

    private static RetryStrategy standard(int attempts, Duration base, Duration throttlingBase, Duration max) {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .useClientDefaults(false)
                .maxAttempts(attempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(base, max))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBase, max))
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

    /** A strategy that tells {@code onThrottled} of each attempt AWS throttled, then decides as its delegate. */
    static final class Reporting implements RetryStrategy {
        private final Runnable onThrottled;
        private final RetryStrategy delegate;

        Reporting(Runnable onThrottled, RetryStrategy delegate) {
            this.onThrottled = onThrottled;
            this.delegate = delegate;
        }

        @Override
        public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
            return delegate.acquireInitialToken(request);
        }

        @Override
        public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
            if (throttling(request.failure())) {
                onThrottled.run();
            }
            return delegate.refreshRetryToken(request);
        }

        @Override
        public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
            return delegate.recordSuccess(request);
        }

        @Override
        public int maxAttempts() {
            return delegate.maxAttempts();
        }

        @Override
        public boolean useClientDefaults() {
            return false;
        }

        /** A builder of the delegate: the SDK asks only its own default strategies for one. */
        @Override
        public Builder<?, ?> toBuilder() {
            return delegate.toBuilder();
        }
    }
}
