package io.sluice.sim.quota;

/**
 * One token bucket on real time: full at start, refilled at {@code perSecond x scale} tokens per
 * second of {@link System#nanoTime()} elapsed, never above its burst. Not thread-safe; the
 * {@link Quotas} lock guards it.
 */
final class TokenBucket {
    private final double burst;
    private final double refillPerNano;
    private double tokens;
    private long lastNanos;
    long calls;
    long throttled;

    TokenBucket(PublishedQuotas.Rate rate, double scale, long nowNanos) {
        this.burst = rate.burst();
        this.refillPerNano = rate.perSecond() * scale / 1e9;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Refills for the time since the last look and tells whether a whole token is there. */
    boolean hasToken(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        tokens = Math.min(burst, tokens + elapsed * refillPerNano);
        lastNanos = nowNanos;
        return tokens >= 1;
    }

    void take() {
        tokens -= 1;
    }

    double tokens() {
        return tokens;
    }
}
