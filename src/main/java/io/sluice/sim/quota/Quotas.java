package io.sluice.sim.quota;

import io.sluice.sim.AwsError;
import io.sluice.sim.SimRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The simulator's quota enforcement: a {@link TokenBucket} per account, region and quota bucket,
 * created full on first use. A call takes a token from every bucket its operation draws from, or
 * from none: when one is empty the call is answered with the service's throttling error and counted
 * as throttled against that bucket.
 */
public final class Quotas {
    private record Key(String account, String region, String bucket) {
    }

    private final LongSupplier nanoTime;
    private final Map<Key, TokenBucket> buckets = new HashMap<>();
    private QuotaSettings settings = QuotaSettings.DISABLED;

    public Quotas() {
        this(System::nanoTime);
    }

    /** With a given time source, for tests of the refill arithmetic. */
    public Quotas(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Replaces the settings; every bucket starts again full with zero counts. */
    public synchronized void configure(QuotaSettings settings) {
        this.settings = settings;
        buckets.clear();
    }

    public synchronized QuotaSettings settings() {
        return settings;
    }

    /** Zeroes the counts and refills every bucket. */
    public synchronized void reset() {
        buckets.clear();
    }

    /**
     * Takes the call's tokens, or answers with the throttling error when a bucket it draws from is
     * empty (nothing is taken then). Always admits while quotas are disabled.
     */
    public Optional<AwsError> admit(SimRequest request, String signingName, String operation) {
        List<String> names = PublishedQuotas.bucketsFor(signingName, operation);
        synchronized (this) {
            if (!settings.enabled() || names.isEmpty()) {
                return Optional.empty();
            }
            String account = settings.accountOf(request.accessKeyId().orElse(""), request.caller().account());
            String region = request.regionOrDefault();
            long now = nanoTime.getAsLong();
            TokenBucket empty = null;
            TokenBucket[] drawn = new TokenBucket[names.size()];
            for (int i = 0; i < drawn.length; i++) {
                String name = names.get(i);
                drawn[i] = buckets.computeIfAbsent(new Key(account, region, name),
                        k -> new TokenBucket(settings.buckets().get(name), settings.scale(), now));
                drawn[i].calls++;
                if (empty == null && !drawn[i].hasToken(now)) {
                    empty = drawn[i];
                }
            }
            if (empty != null) {
                empty.throttled++;
                return Optional.of(PublishedQuotas.throttleError(signingName));
            }
            for (TokenBucket b : drawn) {
                b.take();
            }
            return Optional.empty();
        }
    }

    /**
     * For the admin API: the settings, and per account, region and bucket the calls that drew on
     * it, how many of them it throttled, and the tokens left; {@code totals} adds them up per bucket.
     */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", settings.enabled());
        out.put("scale", settings.scale());
        Map<String, Object> sizes = new TreeMap<>();
        settings.buckets().forEach((name, rate) -> sizes.put(name,
                Map.of("burst", rate.burst(), "perSecond", rate.perSecond())));
        out.put("buckets", sizes);
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        Map<String, Object> accounts = new TreeMap<>();
        long now = nanoTime.getAsLong();
        buckets.forEach((k, b) -> {
            b.hasToken(now);
            @SuppressWarnings("unchecked")
            Map<String, Object> regions = (Map<String, Object>) accounts.computeIfAbsent(k.account(), a -> new TreeMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> byBucket = (Map<String, Object>) regions.computeIfAbsent(k.region(), r -> new TreeMap<>());
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("calls", b.calls);
            usage.put("throttled", b.throttled);
            usage.put("tokens", Math.floor(b.tokens() * 100) / 100);
            byBucket.put(k.bucket(), usage);
            Map<String, Long> total = totals.computeIfAbsent(k.bucket(), n -> new LinkedHashMap<>());
            total.merge("calls", b.calls, Long::sum);
            total.merge("throttled", b.throttled, Long::sum);
        });
        out.put("totals", totals);
        out.put("accounts", accounts);
        return out;
    }
}
