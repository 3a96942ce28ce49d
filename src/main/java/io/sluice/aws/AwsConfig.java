package io.sluice.aws;

import io.sluice.aws.quota.QuotaLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The {@code sluice.aws.*} keys; see {@link AwsSettings} for their meaning. */
@ConfigMapping(prefix = "sluice.aws")
public interface AwsConfig {

    @WithDefault("us-east-1")
    String region();

    Optional<URI> endpointOverride();

    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    @WithDefault("30s")
    Duration callTimeout();

    Retry retry();

    Quota quota();

    /** The client-side limit on AWS calls ({@link QuotaLimits}). */
    interface Quota {
        @WithDefault("true")
        boolean enabled();

        /** Share of each published rate and burst sluice allows itself. */
        @WithDefault("0.8")
        double fraction();

        /** A bucket's size set outright, {@code burst/perSecond}, by bucket name (e.g. elbv2-describe=20/5). */
        Map<String, String> rates();

        default QuotaLimits limits() {
            return new QuotaLimits(enabled(), fraction(), QuotaLimits.parseOverrides(rates()));
        }
    }

    interface Retry {
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("100ms")
        Duration baseDelay();

        @WithDefault("500ms")
        Duration throttlingBaseDelay();

        @WithDefault("5s")
        Duration maxBackoff();

        @WithDefault("40")
        int rollbackMaxAttempts();

        @WithDefault("100ms")
        Duration rollbackMaxBackoff();
    }

    default AwsSettings settings() {
        Optional<AwsSettings.StaticKeys> keys = accessKeyId().isPresent() && secretAccessKey().isPresent()
                ? Optional.of(new AwsSettings.StaticKeys(accessKeyId().get(), secretAccessKey().get()))
                : Optional.empty();
        if (accessKeyId().isPresent() != secretAccessKey().isPresent()) {
            throw new IllegalArgumentException(
                    "sluice.aws.access-key-id and sluice.aws.secret-access-key must be set together");
        }
        return new AwsSettings(region(), endpointOverride(), keys,
                new AwsSettings.RetryBudget(retry().maxAttempts(), retry().baseDelay(), retry().throttlingBaseDelay(),
                        retry().maxBackoff(), retry().rollbackMaxAttempts(), retry().rollbackMaxBackoff()),
                callTimeout(), quota().limits());
    }
}
