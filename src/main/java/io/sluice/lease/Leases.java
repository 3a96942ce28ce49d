package io.sluice.lease;

import java.util.Map;
import java.util.Set;

/**
 * The leases one instance holds. The reconcile loop says which shards the desired state has, acts
 * only for shards it may write for, and asks again right before each AWS write.
 */
public interface Leases extends AutoCloseable {

    /** The shards of the desired state now; the instance competes for those it does not hold. */
    void want(Set<String> shards);

    /** Whether this instance may write for {@code shard} at this moment (held, and renewed recently enough). */
    boolean mayWrite(String shard);

    /** The shards held, with the epoch of each. */
    Map<String, Long> held();

    /** {@code owner} (holds every shard it wants), {@code standby} (holds none) or {@code partial}. */
    String role();

    /**
     * Other instances running on the same repository without leases ({@code sluice.lease.backend=none}),
     * which would fight this one; always empty with leases, where other instances are expected.
     */
    default Set<String> otherInstances() {
        return Set.of();
    }

    /** Whether leases are kept at all ({@code sluice.lease.backend=dynamodb}). */
    boolean enabled();

    @Override
    void close();
}
