package io.sluice.lease;

import java.util.Map;
import java.util.Set;

/** A single instance ({@code sluice.lease.backend=none}): it may write for every shard. */
public final class NoLeases implements Leases {

    @Override
    public void want(Set<String> shards) {
    }

    @Override
    public boolean mayWrite(String shard) {
        return true;
    }

    @Override
    public Map<String, Long> held() {
        return Map.of();
    }

    @Override
    public String role() {
        return "owner";
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public void close() {
    }
}
