package io.sluice.aws.quota;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How fast sluice lets itself call AWS.
 *
 * @param enabled false: no client-side limit at all
 * @param fraction share of each published rate and burst sluice allows itself (0.8: 80%), leaving
 *                 the rest to whatever else the account runs
 * @param overrides a bucket's size set outright (not scaled by {@code fraction}), by bucket name
 */
public record QuotaLimits(boolean enabled, double fraction, Map<String, QuotaBuckets.Rate> overrides) {
    public static final double DEFAULT_FRACTION = 0.8;

    public QuotaLimits {
        if (!(fraction > 0) || fraction > 1) {
            throw new IllegalArgumentException("quota fraction must be in (0, 1], got " + fraction);
        }
        overrides.keySet().forEach(QuotaBuckets::requireKnown);
        overrides = Map.copyOf(overrides);
    }

    /** 80% of every published rate. */
    public static QuotaLimits defaults() {
        return new QuotaLimits(true, DEFAULT_FRACTION, Map.of());
    }

    public static QuotaLimits off() {
        return new QuotaLimits(false, DEFAULT_FRACTION, Map.of());
    }

    /** The size sluice uses for a bucket. */
    public QuotaBuckets.Rate rateOf(String bucket) {
        QuotaBuckets.Rate given = overrides.get(bucket);
        if (given != null) {
            return given;
        }
        QuotaBuckets.Rate published = QuotaBuckets.published(bucket);
        return new QuotaBuckets.Rate(Math.max(1, published.burst() * fraction), published.perSecond() * fraction);
    }

    /**
     * How many calls rollbacks may make beyond the bucket sluice keeps: what is left of the published
     * burst above sluice's own (none where a bucket is set at or above the published burst).
     */
    public double rollbackCreditOf(String bucket) {
        return Math.max(0, QuotaBuckets.published(bucket).burst() - rateOf(bucket).burst());
    }

    /** Reads overrides written {@code burst/perSecond} (e.g. {@code 32/8}), by bucket name. */
    public static Map<String, QuotaBuckets.Rate> parseOverrides(Map<String, String> spelled) {
        Map<String, QuotaBuckets.Rate> out = new LinkedHashMap<>();
        spelled.forEach((bucket, value) -> {
            String[] parts = value.trim().split("/");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                out.put(bucket, new QuotaBuckets.Rate(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sluice.aws.quota.rates." + bucket
                        + ": expected burst/perSecond such as 32/8, got '" + value + "'");
            }
        });
        return out;
    }
}
