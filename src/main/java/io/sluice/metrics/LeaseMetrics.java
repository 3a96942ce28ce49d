package io.sluice.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.lease.DynamoDbLeases;
import io.sluice.lease.Leases;
import io.sluice.reconcile.PassListener;
import io.sluice.reconcile.PassReport;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases of this instance, fed after each pass: {@code sluice_lease_owned{shard}} (1 while this
 * instance may write for the shard), {@code sluice_lease_takeovers_total} and
 * {@code sluice_lease_renewal_seconds} (how long the last renewal round took), and
 * {@code sluice_lease_other_instances} (other instances found on the repository without leases).
 */
public final class LeaseMetrics implements PassListener {
    public static final String OWNED = "sluice.lease.owned";
    public static final String TAKEOVERS = "sluice.lease.takeovers";
    public static final String RENEWAL = "sluice.lease.renewal.seconds";
    public static final String OTHERS = "sluice.lease.other.instances";

    private final MeterRegistry registry;
    private final Leases leases;
    private final Set<String> shards = ConcurrentHashMap.newKeySet();

    public LeaseMetrics(MeterRegistry registry, Leases leases) {
        this.registry = registry;
        this.leases = leases;
        Gauge.builder(OTHERS, leases, l -> l.otherInstances().size())
                .description("Other instances found running on the repository without leases (backend none); must be 0")
                .register(registry);
        if (leases instanceof DynamoDbLeases d) {
            FunctionCounter.builder(TAKEOVERS, d, DynamoDbLeases::takeovers)
                    .description("Leases this instance took over from another (or that one handed back)").register(registry);
            Gauge.builder(RENEWAL, d, x -> x.lastRenewalNanos() / 1e9)
                    .description("How long the last round of lease renewals took").register(registry);
        }
    }

    @Override
    public void passed(PassReport report) {
        if (!leases.enabled()) {
            return;
        }
        Map<String, Long> held = leases.held();
        held.keySet().forEach(shard -> {
            if (shards.add(shard)) {
                Gauge.builder(OWNED, leases, l -> l.held().containsKey(shard) ? 1 : 0)
                        .description("1 while this instance holds the lease of the shard (account/region)")
                        .tag("shard", shard).register(registry);
            }
        });
    }
}
