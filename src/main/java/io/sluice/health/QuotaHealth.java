package io.sluice.health;

import io.sluice.aws.quota.QuotaLimiter;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The AWS quota buckets as sluice sees them: one data entry per account, region and bucket with the
 * attempts AWS throttled (and when it last did), the calls sluice's own limiter held back and for how
 * long, and the rollback calls sent ahead. Always up: throttling slows sluice down and is retried, it
 * is reported here and in the metrics but never makes the daemon unready, nor counts as a failed check.
 */
public final class QuotaHealth implements HealthCheck {
    public static final String NAME = "sluice-aws-quotas";

    private final QuotaLimiter limiter;

    public QuotaHealth(QuotaLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named(NAME).up();
        java.util.List<String> throttledBuckets = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : limiter.snapshot().entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> usage = (Map<String, Object>) e.getValue();
            long t = (Long) usage.get("throttled");
            if (t > 0) {
                throttledBuckets.add(e.getKey());
            }
            builder.withData(e.getKey(), "throttled by AWS " + t
                    + (usage.containsKey("lastThrottledAt") ? " (last " + usage.get("lastThrottledAt") + ")" : "")
                    + ", held back " + usage.get("delayed") + " (" + usage.get("waitedMillis") + " ms in all)"
                    + ", rollback calls sent ahead " + usage.get("borrowed"));
        }
        builder.withData("reason", throttledBuckets.isEmpty() ? "AWS has throttled no call"
                : "AWS throttled calls on " + String.join(", ", throttledBuckets)
                + ": retried with backoff and reported, never a failure");
        return builder.build();
    }
}
