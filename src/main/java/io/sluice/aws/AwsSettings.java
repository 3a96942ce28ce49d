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

    /** An access key pair from configuration (the simulator accepts any). */
    public record StaticKeys(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "StaticKeys[" + accessKeyId + ", ****]";
        }
    }

    /**
     * Throttling and 5xx are retried with jittered exponential backoff, at most {@code maxAttempts}
     * attempts in all; then the failure is reported.
     */
    public record RetryBudget(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxBackoff) {
        public RetryBudget {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
        }

        public static RetryBudget defaults() {
            return new RetryBudget(3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5));
        }
    }
}
