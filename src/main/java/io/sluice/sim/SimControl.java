package io.sluice.sim;

/**
 * What the simulator does around the services: injected faults, call counters and scheduled
 * changes by hand. One per server; the admin API and scenarios drive it.
 */
public final class SimControl {
    private final Faults faults = new Faults();
    private final CallMeter calls = new CallMeter();
    private final ScheduledEvents events = new ScheduledEvents();

    public Faults faults() {
        return faults;
    }

    public CallMeter calls() {
        return calls;
    }

    public ScheduledEvents events() {
        return events;
    }
}
