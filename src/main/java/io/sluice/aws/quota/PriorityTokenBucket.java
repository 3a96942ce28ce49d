package io.sluice.aws.quota;

import io.sluice.traffic.Urgency;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A token bucket whose waiting callers queue by {@link Urgency}, then by arrival: only the
 * head of the queue may take the next token, so a waiting lower-level call never holds up a higher
 * one, and calls of one level are served first come, first served (no starvation within a level).
 *
 * <p>A rollback call does not wait at all while the bucket's debt is within its rollback credit: it
 * takes a token it does not have, and the calls after it wait until that token has been refilled.
 * The credit is the share of the published burst sluice leaves unused (a fifth at the default 80%),
 * so a burst of rollbacks uses at most what AWS itself allows at once; rollbacks beyond it wait,
 * ahead of every routine call.
 */
public final class PriorityTokenBucket {
    private record Waiter(int level, long seq) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            return level != o.level ? Integer.compare(level, o.level) : Long.compare(seq, o.seq);
        }
    }

    private final double burst;
    private final double rollbackCredit;
    private final double perNano;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>();
    private double tokens;
    private long last;
    private long seq;
    private final LongAdder granted = new LongAdder();
    private final LongAdder delayed = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();
    private final LongAdder borrowed = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private volatile java.time.Instant lastThrottledAt;

    /**
     * @param rollbackCredit how many tokens rollback calls may take beyond those the bucket holds
     */
    public PriorityTokenBucket(QuotaBuckets.Rate rate, double rollbackCredit) {
        this(rate, rollbackCredit, System::nanoTime);
    }

    PriorityTokenBucket(QuotaBuckets.Rate rate, double rollbackCredit, LongSupplier nanoTime) {
        this.burst = rate.burst();
        this.rollbackCredit = Math.max(0, rollbackCredit);
        this.perNano = rate.perSecond() / 1e9;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /**
     * Takes one token, waiting behind every earlier caller of the same or a higher level.
     *
     * @return nanoseconds waited
     */
    public long acquire(Urgency level) throws InterruptedException {
        long start = nanoTime.getAsLong();
        lock.lockInterruptibly();
        try {
            refill();
            if (queue.isEmpty() && tokens >= 1) {
                tokens -= 1;
                granted.increment();
                return 0;
            }
            if (level == Urgency.ROLLBACK && tokens - 1 >= -rollbackCredit
                    && (queue.isEmpty() || queue.peek().level() > level.ordinal())) {
                tokens -= 1;
                granted.increment();
                borrowed.increment();
                changed.signalAll();
                return 0;
            }
            Waiter me = new Waiter(level.ordinal(), seq++);
            queue.add(me);
            try {
                while (true) {
                    refill();
                    if (queue.peek() == me && tokens >= 1) {
                        tokens -= 1;
                        break;
                    }
                    if (queue.peek() == me) {
                        changed.awaitNanos(Math.max(1, (long) Math.ceil((1 - tokens) / perNano)));
                    } else {
                        changed.await();
                    }
                }
            } finally {
                queue.remove(me);
                changed.signalAll();
            }
            long waited = nanoTime.getAsLong() - start;
            granted.increment();
            delayed.increment();
            waitedNanos.add(waited);
            return waited;
        } finally {
            lock.unlock();
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + Math.max(0, now - last) * perNano);
        last = now;
    }

    /** Calls waiting now. */
    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public long granted() {
        return granted.sum();
    }

    /** Calls that had to wait for a token. */
    public long delayed() {
        return delayed.sum();
    }

    /** Counts an attempt of a call drawing on this bucket that AWS answered with throttling. */
    public void throttledByAws() {
        throttled.increment();
        lastThrottledAt = java.time.Instant.now();
    }

    /** Attempts AWS throttled although this bucket let them through: someone else used the account's quota. */
    public long throttled() {
        return throttled.sum();
    }

    public java.util.Optional<java.time.Instant> lastThrottledAt() {
        return java.util.Optional.ofNullable(lastThrottledAt);
    }

    /** Rollback calls that went ahead on a token the bucket did not have yet. */
    public long borrowed() {
        return borrowed.sum();
    }

    public long waitedNanos() {
        return waitedNanos.sum();
    }
}
