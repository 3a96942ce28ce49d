package io.sluice.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.sluice.lease.Leases;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** CDI wiring of the rollout meters into Quarkus's Micrometer registry. */
@Dependent
public class MetricsBeans {
    @Produces
    @Singleton
    @Unremovable
    RolloutMetrics rolloutMetrics(MeterRegistry registry, Clock clock) {
        return new RolloutMetrics(registry, clock);
    }

    @Produces
    @Singleton
    @Unremovable
    LeaseMetrics leaseMetrics(MeterRegistry registry, Leases leases) {
        return new LeaseMetrics(registry, leases);
    }

    @Produces
    @Singleton
    @Unremovable
    GitMetrics gitMetrics(MeterRegistry registry, Clock clock) {
        return new GitMetrics(registry, clock);
    }
}
