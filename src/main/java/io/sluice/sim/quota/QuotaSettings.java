package io.sluice.sim.quota;

import io.sluice.sim.ScenarioFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scenario's {@code quotas} section:
 * {@code {enabled, scale, buckets: {name: {burst, perSecond}}, accounts: {accessKeyId: account}}}.
 *
 * @param enabled off by default, so that a scenario without the section is never throttled
 * @param scale multiplies every refill rate (2 refills twice as fast; bursts stay as they are)
 * @param buckets every bucket's size: the published ones, overridden by the scenario's
 * @param accounts the account of an access key id for quota purposes only; any other key draws on
 *                 its caller's account (the STS identity or assumed-role session it belongs to)
 */
public record QuotaSettings(boolean enabled, double scale, Map<String, PublishedQuotas.Rate> buckets,
                            Map<String, String> accounts) {
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final QuotaSettings DISABLED = new QuotaSettings(false, 1, PublishedQuotas.defaults(), Map.of());

    public QuotaSettings {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("quotas.scale: must be positive, got " + scale);
        }
        buckets = Map.copyOf(buckets);
        accounts = Map.copyOf(accounts);
    }

    /** The published buckets at the given refill scale. */
    public static QuotaSettings published(double scale) {
        return new QuotaSettings(true, scale, PublishedQuotas.defaults(), Map.of());
    }

    public String accountOf(String accessKeyId) {
        return accountOf(accessKeyId, DEFAULT_ACCOUNT);
    }

    /** The bucket account of a key: as {@code accounts} names it, else the caller's own account. */
    public String accountOf(String accessKeyId, String callerAccount) {
        return accounts.getOrDefault(accessKeyId, callerAccount);
    }

    /** Reads the section; an absent or empty one is {@link #DISABLED}. */
    public static QuotaSettings parse(ScenarioFields f) {
        f.only("enabled", "scale", "buckets", "accounts");
        boolean enabled = f.bool("enabled", false);
        double scale = f.number("scale", 1);
        Map<String, PublishedQuotas.Rate> buckets = new LinkedHashMap<>(PublishedQuotas.defaults());
        ScenarioFields given = f.mapping("buckets");
        for (String name : given.keys()) {
            ScenarioFields b = given.mapping(name).only("burst", "perSecond");
            PublishedQuotas.Rate published = buckets.get(name);
            if (published == null) {
                throw given.problem(name, "unknown bucket (known: " + String.join(", ", buckets.keySet()) + ")");
            }
            double burst = b.number("burst", published.burst());
            double perSecond = b.number("perSecond", published.perSecond());
            try {
                buckets.put(name, new PublishedQuotas.Rate(burst, perSecond));
            } catch (IllegalArgumentException e) {
                throw b.problem(e.getMessage());
            }
        }
        return new QuotaSettings(enabled, scale, buckets, f.strings("accounts"));
    }
}
