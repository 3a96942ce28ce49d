package io.sluice.clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one wall clock of the daemon, injected wherever time is read, so that a test or the
 * simulation can give every part the same time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
