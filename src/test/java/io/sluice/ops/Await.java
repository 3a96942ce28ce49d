package io.sluice.ops;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Polls until a condition holds or a deadline passes; the failure names what was awaited and what was last seen. */
final class Await {
    private static final long PAUSE_MILLIS = 200;

    private Await() {
    }

    static <T> T until(Duration atMost, String what, Callable<T> probe, Predicate<T> done, Supplier<String> context) {
        long deadline = System.nanoTime() + atMost.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("not within " + atMost.toSeconds() + "s: " + what + "; last seen: "
                        + (lastError != null ? lastError : last) + "\n" + context.get(), lastError);
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
