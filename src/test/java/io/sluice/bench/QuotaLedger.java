package io.sluice.bench;

import io.sluice.aws.quota.QuotaBuckets;
import io.sluice.aws.quota.QuotaLimits;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator counted against one account's quota buckets (calls that drew on each bucket,
 * and how many of them it refused): AWS's side of the ledger, not what sluice thinks it sent.
 */
record QuotaLedger(Map<String, long[]> byBucket) {

    /** From a {@code GET /_sim/quotas} document (or {@code Quotas.snapshot()}): the account's buckets over all regions. */
    @SuppressWarnings("unchecked")
    static QuotaLedger of(Map<String, Object> quotasSnapshot, String account) {
        Map<String, long[]> out = new TreeMap<>();
        Map<String, Object> accounts = (Map<String, Object>) quotasSnapshot.getOrDefault("accounts", Map.of());
        Map<String, Object> regions = (Map<String, Object>) accounts.getOrDefault(account, Map.of());
        regions.values().forEach(r -> ((Map<String, Object>) r).forEach((bucket, usage) -> {
            Map<String, Object> u = (Map<String, Object>) usage;
            long[] sum = out.computeIfAbsent(bucket, b -> new long[2]);
            sum[0] += ((Number) u.get("calls")).longValue();
            sum[1] += ((Number) u.get("throttled")).longValue();
        }));
        return new QuotaLedger(out);
    }

    /** This ledger less an earlier one. */
    QuotaLedger since(QuotaLedger earlier) {
        Map<String, long[]> out = new TreeMap<>();
        byBucket.forEach((bucket, n) -> {
            long[] before = earlier.byBucket.getOrDefault(bucket, new long[2]);
            out.put(bucket, new long[] {n[0] - before[0], n[1] - before[1]});
        });
        return new QuotaLedger(out);
    }

    long calls(String bucket) {
        return byBucket.getOrDefault(bucket, new long[2])[0];
    }

    long throttled() {
        return byBucket.values().stream().mapToLong(n -> n[1]).sum();
    }

    /**
     * One line per bucket: calls, throttled, the published size, and the least time those calls take
     * at sluice's share of it ({@code scale} times the published refill).
     */
    void print(String indent, double scale) {
        System.out.printf("%s%-26s %7s %9s  %-22s %s%n", indent, "bucket", "calls", "throttled", "published quota",
                "least time at 80%");
        byBucket.forEach((bucket, n) -> {
            QuotaBuckets.Rate p = QuotaBuckets.published(bucket);
            System.out.printf("%s%-26s %7d %9d  burst %3.0f, %5.1f/s   %6.1f s%n", indent, bucket, n[0], n[1],
                    p.burst(), p.perSecond(), leastSeconds(bucket, n[0], scale));
        });
    }

    /**
     * The least time of the tightest bucket of each service ({@code "elb-account 7.3 s, lambda-control
     * 15.7 s"}; with {@code added}, summed up too, for calls to the services that cannot overlap).
     */
    String leastTimeByService(double scale, boolean added) {
        Map<String, String> tightest = new TreeMap<>();
        Map<String, Double> seconds = new TreeMap<>();
        byBucket.forEach((bucket, n) -> {
            String service = bucket.startsWith("elb") ? "elb" : bucket.substring(0, bucket.indexOf('-') < 0
                    ? bucket.length() : bucket.indexOf('-'));
            double t = leastSeconds(bucket, n[0], scale);
            if (t > 0 && t > seconds.getOrDefault(service, 0.0)) {
                seconds.put(service, t);
                tightest.put(service, bucket);
            }
        });
        StringBuilder out = new StringBuilder();
        tightest.forEach((service, bucket) -> out.append(out.length() == 0 ? "" : added ? " + " : ", ").append(bucket).append(' ')
                .append(String.format("%.1f s", seconds.get(service))));
        double sum = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        return out.length() == 0 ? "no bucket past its burst" : added ? out + String.format(" = %.1f s", sum)
                : out.toString();
    }

    /** Seconds {@code calls} need at least under sluice's limiter: what exceeds its burst, at its refill. */
    static double leastSeconds(String bucket, long calls, double scale) {
        QuotaBuckets.Rate p = QuotaBuckets.published(bucket);
        double burst = Math.max(1, p.burst() * QuotaLimits.DEFAULT_FRACTION);
        return Math.max(0, calls - burst) / (p.perSecond() * QuotaLimits.DEFAULT_FRACTION * scale);
    }
}
