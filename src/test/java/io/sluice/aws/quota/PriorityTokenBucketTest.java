package io.sluice.aws.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.traffic.Urgency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PriorityTokenBucketTest {

    @Test
    void aFullBucketGrantsItsBurstAtOnceThenPacesAtItsRate() throws Exception {
        AtomicLong nanos = new AtomicLong();
        PriorityTokenBucket bucket = new PriorityTokenBucket(new QuotaBuckets.Rate(3, 1000), 0, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.acquire(Urgency.MOVING));
        }
        nanos.addAndGet(2_000_000); // 2 ms at 1000/s: two more tokens
        assertEquals(0, bucket.acquire(Urgency.IDLE));
        assertEquals(0, bucket.acquire(Urgency.IDLE));
        assertEquals(5, bucket.granted());
        assertEquals(0, bucket.delayed());
    }

    @Test
    void aRollbackIsServedBeforeEveryQueuedRoutineCallAndIdleCallsLast() throws Exception {
        PriorityTokenBucket bucket = new PriorityTokenBucket(new QuotaBuckets.Rate(1, 5), 1);
        bucket.acquire(Urgency.MOVING); // empty now: everyone below waits
        List<String> served = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        String[] arrivals = {"idle-1", "moving-1", "moving-2", "idle-2", "moving-3", "rollback"};
        for (String name : arrivals) {
            Urgency level = Urgency.valueOf(name.substring(0, name.indexOf('-') < 0
                    ? name.length() : name.indexOf('-')).toUpperCase());
            int before = bucket.waiting();
            Thread t = new Thread(() -> {
                try {
                    bucket.acquire(level);
                    served.add(name);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
            while (bucket.waiting() == before && served.isEmpty()) {
                Thread.onSpinWait();
            }
        }
        for (Thread t : threads) {
            t.join(5000);
        }
        assertEquals(List.of("rollback", "moving-1", "moving-2", "moving-3", "idle-1", "idle-2"), served,
                "by level, then by arrival");
        assertEquals(5, bucket.delayed(), "the rollback did not wait at all");
        assertEquals(1, bucket.borrowed());
    }

    @Test
    void rollbacksGoAheadOnBorrowedTokensUpToTheirCreditThenWaitAndRoutineCallsRepayTheDebt() throws Exception {
        AtomicLong nanos = new AtomicLong();
        PriorityTokenBucket bucket = new PriorityTokenBucket(new QuotaBuckets.Rate(2, 1000), 2, nanos::get);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, bucket.acquire(Urgency.ROLLBACK), "call " + i);
        }
        assertEquals(2, bucket.borrowed(), "two of the four went ahead on tokens not refilled yet");
        Thread routine = new Thread(() -> {
            try {
                bucket.acquire(Urgency.MOVING);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        routine.start();
        while (bucket.waiting() == 0) {
            Thread.onSpinWait();
        }
        nanos.addAndGet(2_000_000); // two tokens refilled: the debt is repaid, nothing is left yet
        Thread.sleep(50);
        assertEquals(1, bucket.waiting(), "the routine call still waits while the debt is repaid");
        nanos.addAndGet(1_000_000);
        routine.join(5000);
        assertEquals(0, bucket.waiting());
    }

    @Test
    void aBurstOfRollbacksTakesAtMostThePublishedBurstAtOnce() throws Exception {
        QuotaLimits limits = QuotaLimits.defaults();
        String mutate = QuotaBuckets.ELBV2_MUTATE;
        PriorityTokenBucket bucket = new PriorityTokenBucket(limits.rateOf(mutate), limits.rollbackCreditOf(mutate),
                () -> 0L);
        int published = (int) QuotaBuckets.published(mutate).burst();
        for (int i = 0; i < published; i++) {
            assertEquals(0, bucket.acquire(Urgency.ROLLBACK), "rollback " + i + " of the published burst");
        }
        Thread beyond = new Thread(() -> {
            try {
                bucket.acquire(Urgency.ROLLBACK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        beyond.start();
        while (bucket.waiting() == 0) {
            Thread.onSpinWait();
        }
        assertEquals(1, bucket.waiting(), "the rollback beyond what AWS allows at once waits for a refill");
        beyond.interrupt();
        beyond.join(5000);
    }

    @Test
    void limitsAreEightyPercentOfThePublishedRatesUnlessOverridden() {
        QuotaLimits limits = new QuotaLimits(true, 0.8, QuotaLimits.parseOverrides(Map.of("route53", "5/1")));
        assertEquals(new QuotaBuckets.Rate(32, 8), limits.rateOf(QuotaBuckets.ELBV2_DESCRIBE));
        assertEquals(new QuotaBuckets.Rate(12, 12), limits.rateOf(QuotaBuckets.LAMBDA_CONTROL));
        assertEquals(new QuotaBuckets.Rate(5, 1), limits.rateOf(QuotaBuckets.ROUTE53));
        assertThrows(IllegalArgumentException.class, () -> QuotaLimits.parseOverrides(Map.of("route53", "5")));
        assertThrows(IllegalArgumentException.class,
                () -> new QuotaLimits(true, 0.8, QuotaLimits.parseOverrides(Map.of("nope", "5/1"))));
        assertThrows(IllegalArgumentException.class, () -> new QuotaLimits(true, 1.5, Map.of()));
        assertEquals(List.of(QuotaBuckets.ELBV2_MUTATE, QuotaBuckets.ELB_ACCOUNT),
                QuotaBuckets.bucketsFor("elbv2", "ModifyListener"));
    }
}
