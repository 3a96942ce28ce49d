package io.sluice.aws;

import io.sluice.aws.quota.QuotaLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How sluice reaches AWS, as plain values so that tests build clients without Quarkus.
 *
 * @param defaultRegion region of rollouts that name none
 * @param endpointOverride one endpoint for every service (the simulator); empty for AWS itself
 * @param staticKeys access key pair; empty means the default credentials chain
 * @param retry the bounded retry budget of every call
 * @param callTimeout the most one API call may take, retries included
 * @param quota the client-side limit on calls per account, region and AWS quota bucket
 */
public record AwsSettings(String defaultRegion, Optional<URI> endpointOverride, Optional<StaticKeys> staticKeys,
                          RetryBudget retry, Duration callTimeout, QuotaLimits quota) {

    /** Settings without a client-side quota limit (tests that count calls rather than pace them). */
    public AwsSettings(String defaultRegion, Optional<URI> endpointOverride, Optional<StaticKeys> staticKeys,
            RetryBudget retry, Duration callTimeout) {
        this(defaultRegion, endpointOverride, staticKeys, retry, callTimeout, QuotaLimits.off());
    }

    /** The same settings with calls cut off after {@code most}, when that is shorter than the configured timeout. */
    public AwsSettings withCallTimeoutAtMost(Duration most) {
        return callTimeout.compareTo(most) <= 0 ? this
                : new AwsSettings(defaultRegion, endpointOverride, staticKeys, retry, most, quota);
    }

    /** An access key pair from configuration (the simulator accepts any). */
    public record StaticKeys(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "StaticKeys[" + accessKeyId + ", ****]";
        }
    }

    /**
     * Throttling and 5xx are retried with jittered exponential backoff, at most {@code maxAttempts}
     * attempts in all; then the failure is reported. A rollback's calls retry throttling up to
     * {@code rollbackMaxAttempts} times, never waiting more than {@code rollbackMaxBackoff} between two,
     * so that another client draining the account's bucket cannot hold a rollback for long.
     */
    public record RetryBudget(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxBackoff,
                              int rollbackMaxAttempts, Duration rollbackMaxBackoff) {
        public static final int ROLLBACK_MAX_ATTEMPTS = 40;
        public static final Duration ROLLBACK_MAX_BACKOFF = Duration.ofMillis(100);

        public RetryBudget {
            if (maxAttempts < 1 || rollbackMaxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts and rollbackMaxAttempts must be at least 1, got "
                        + maxAttempts + " and " + rollbackMaxAttempts);
            }
        }

        /** With the default rollback retries. */
        public RetryBudget(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxBackoff) {
            this(maxAttempts, baseDelay, throttlingBaseDelay, maxBackoff, ROLLBACK_MAX_ATTEMPTS, ROLLBACK_MAX_BACKOFF);
        }

        public static RetryBudget defaults() {
            return new RetryBudget(3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5));
        }
    }
}
