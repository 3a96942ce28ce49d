package io.sluice.git;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the poll loop early: the loop waits on {@link #awaitRequest(Duration)} for at most the poll
 * interval, and a webhook's {@link #request()} ends that wait at once. Requests that arrive while a
 * poll runs are not lost: the next wait returns immediately.
 */
@ApplicationScoped
public class PollTrigger {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final AtomicLong requests = new AtomicLong();
    private boolean waiting;

    /** Asks for a poll as soon as possible. */
    public void request() {
        lock.lock();
        try {
            requests.incrementAndGet();
            waiting = true;
            requested.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a poll is requested or {@code interval} has passed; true when it was requested. */
    public boolean awaitRequest(Duration interval) throws InterruptedException {
        lock.lock();
        try {
            long nanos = interval.toNanos();
            while (!waiting && nanos > 0) {
                nanos = requested.awaitNanos(nanos);
            }
            boolean wasRequested = waiting;
            waiting = false;
            return wasRequested;
        } finally {
            lock.unlock();
        }
    }

    /** How many polls were requested since start. */
    public long requestCount() {
        return requests.get();
    }
}
