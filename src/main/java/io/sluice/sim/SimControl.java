package io.sluice.sim;

import io.sluice.sim.quota.Quotas;

/**
 * What the simulator does around the services: injected faults, call counters, scheduled
 * changes by hand and API rate limits. One per server; the admin API and scenarios drive it.
 */
public final class SimControl {
    private final Faults faults = new Faults();
    private final CallMeter calls = new CallMeter();
    private final CallLog log = new CallLog();
    private final ScheduledEvents events = new ScheduledEvents();
    private final Quotas quotas = new Quotas();

    public Faults faults() {
        return faults;
    }

    public CallMeter calls() {
        return calls;
    }

    /** Every signed call with its times, signer and region, for overlap checks. */
    public CallLog log() {
        return log;
    }

    public ScheduledEvents events() {
        return events;
    }

    /** The API rate limits (off unless a scenario's {@code quotas} section turns them on). */
    public Quotas quotas() {
        return quotas;
    }
}
