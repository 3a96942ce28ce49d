package io.sluice.aws;

import io.sluice.aws.quota.CallPriority;
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
 * <p>A call made at {@link CallPriority.Level#ROLLBACK} gets its own, short-spaced budget: when another
 * client keeps the account's bucket empty, a token comes back every 1/rate seconds and goes to whoever
 * asks first, so a rollback that backed off for seconds, as routine calls do, would lose it to that
 * client pass after pass. Rollbacks are rare and few; routine calls keep the patient backoff.
 */
final class AwsRetries {
    private AwsRetries() {
    }

    /** @param onThrottled told, on the calling thread, of every attempt AWS answered with throttling */
    static RetryStrategy strategy(AwsSettings.RetryBudget budget, Runnable onThrottled) {
        Duration rollbackBase = budget.rollbackMaxBackoff().dividedBy(5);
        return new ByPriority(onThrottled, standard(budget.maxAttempts(), budget.baseDelay(), budget.throttlingBaseDelay(),
                budget.maxBackoff()), standard(budget.rollbackMaxAttempts(), rollbackBase, rollbackBase,
                budget.rollbackMaxBackoff()));
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

    /** The routine or the rollback strategy, chosen once per call by the calling thread's priority. */
    static final class ByPriority implements RetryStrategy {
        private final Runnable onThrottled;
        private final RetryStrategy routine;
        private final RetryStrategy rollback;

        ByPriority(Runnable onThrottled, RetryStrategy routine, RetryStrategy rollback) {
            this.onThrottled = onThrottled;
            this.routine = routine;
            this.rollback = rollback;
        }

        private record Routed(RetryStrategy strategy, RetryToken token) implements RetryToken {
        }

        @Override
        public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
            RetryStrategy chosen = CallPriority.current() == CallPriority.Level.ROLLBACK ? rollback : routine;
            AcquireInitialTokenResponse r = chosen.acquireInitialToken(request);
            return AcquireInitialTokenResponse.create(new Routed(chosen, r.token()), r.delay());
        }

        @Override
        public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
            Routed routed = (Routed) request.token();
            if (throttling(request.failure())) {
                onThrottled.run();
            }
            try {
                RefreshRetryTokenResponse r = routed.strategy().refreshRetryToken(
                        request.toBuilder().token(routed.token()).build());
                return RefreshRetryTokenResponse.create(new Routed(routed.strategy(), r.token()), r.delay());
            } catch (TokenAcquisitionFailedException e) {
                throw new TokenAcquisitionFailedException(e.getMessage(), new Routed(routed.strategy(), e.token()),
                        e.getCause());
            }
        }

        @Override
        public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
            Routed routed = (Routed) request.token();
            RecordSuccessResponse r = routed.strategy().recordSuccess(RecordSuccessRequest.create(routed.token()));
            return RecordSuccessResponse.create(new Routed(routed.strategy(), r.token()));
        }

        /** What routine calls get (the SDK reports it; a rollback's own budget is larger). */
        @Override
        public int maxAttempts() {
            return routine.maxAttempts();
        }

        @Override
        public boolean useClientDefaults() {
            return false;
        }

        /** A builder of the routine strategy: the SDK asks only its own default strategies for one. */
        @Override
        public Builder<?, ?> toBuilder() {
            return routine.toBuilder();
        }
    }
}
