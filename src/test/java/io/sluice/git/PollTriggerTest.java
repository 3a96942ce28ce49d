package io.sluice.git;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollTriggerTest {
    @Test
    void aRequestEndsTheWaitAtOnce() throws Exception {
        PollTrigger trigger = new PollTrigger();
        Thread webhook = new Thread(() -> {
            sleep(50);
            trigger.request();
        });
        long start = System.nanoTime();
        webhook.start();
        assertTrue(trigger.awaitRequest(Duration.ofSeconds(30)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }

    @Test
    void aRequestDuringAPollIsNotLostAndIsTakenOnce() throws Exception {
        PollTrigger trigger = new PollTrigger();
        trigger.request();
        assertTrue(trigger.awaitRequest(Duration.ofSeconds(30)));
        assertFalse(trigger.awaitRequest(Duration.ofMillis(20)), "the interval passed without a request");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
