package io.sluice.lease;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A single instance ({@code sluice.lease.backend=none}): it may write for every shard. A
 * {@link SecondInstanceWatch}, when given, finds other instances that were started by mistake.
 */
public final class NoLeases implements Leases {
    private final Optional<SecondInstanceWatch> watch;

    public NoLeases() {
        this(Optional.empty());
    }

    public NoLeases(Optional<SecondInstanceWatch> watch) {
        this.watch = watch;
    }

    @Override
    public Set<String> otherInstances() {
        return watch.map(SecondInstanceWatch::others).orElse(Set.of());
    }

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
        watch.ifPresent(SecondInstanceWatch::close);
    }
}
