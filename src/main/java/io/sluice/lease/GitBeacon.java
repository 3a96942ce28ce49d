package io.sluice.lease;

import io.sluice.git.InstanceBeacon;
import java.util.Map;

/** The heartbeat refs of the config repository, as the second-instance watch uses them. */
public record GitBeacon(InstanceBeacon beacon) implements SecondInstanceWatch.Beacon {

    @Override
    public void beat() throws Exception {
        beacon.beat();
    }

    @Override
    public Map<String, String> others() throws Exception {
        return beacon.others();
    }

    @Override
    public void remove() throws Exception {
        beacon.remove();
    }

    @Override
    public String instance() {
        return beacon.instance();
    }

    @Override
    public void close() {
        beacon.close();
    }
}
