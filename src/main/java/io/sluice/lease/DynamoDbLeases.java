package io.sluice.lease;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Leases in a DynamoDB table, one item per shard: {@code holder}, {@code epoch} and a heartbeat
 * counter {@code beat} that the holder increments every renewal, each write conditional on what
 * the writer last saw.
 *
 * <p>Expiry never compares wall clocks: a standby takes a lease over only after it has seen the
 * same heartbeat for a whole lease duration on its own monotonic clock, and the holder stops writing
 * once half a lease has passed on its monotonic clock since it sent its last successful renewal.
 * Since that renewal was sent before any standby could see its heartbeat, the holder stops at
 * least half a lease before anyone takes over, whatever the wall clocks of either machine do.
 * Every takeover increments the epoch.
 */
public final class DynamoDbLeases implements Leases {
    private static final Logger LOG = Logger.getLogger(DynamoDbLeases.class);
    private static final String KEY = "shard";

    /** What this instance last saw of a lease it does not hold, and since when (monotonic nanos). */
    private record Seen(String holder, long epoch, long beat, long sinceNanos) {
    }

    /** A lease held: its epoch and beat, and when the last successful renewal was sent (monotonic nanos). */
    private record Held(long epoch, long beat, long renewedAtNanos) {
    }

    private final DynamoDbClient dynamo;
    private final LeaseSettings settings;
    private final LongSupplier nanos;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private volatile Set<String> wanted = Set.of();
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicLong lastRenewalNanos = new AtomicLong();
    private final Thread keeper;
    private volatile boolean stopping;

    /**
     * @param nanos a monotonic clock ({@code System::nanoTime}); a wall clock never decides expiry
     * @param start whether to keep the leases on a thread of its own every {@code renewEvery}
     */
    public DynamoDbLeases(DynamoDbClient dynamo, LeaseSettings settings, LongSupplier nanos, boolean start) {
        this.dynamo = dynamo;
        this.settings = settings;
        this.nanos = nanos;
        this.keeper = new Thread(this::keep, "sluice-lease");
        keeper.setDaemon(true);
        if (start) {
            keeper.start();
        }
    }

    @Override
    public void want(Set<String> shards) {
        wanted = Set.copyOf(shards);
    }

    @Override
    public boolean mayWrite(String shard) {
        Held h = held.get(shard);
        return h != null && nanos.getAsLong() - h.renewedAtNanos() < settings.writeWindow().toNanos();
    }

    @Override
    public Map<String, Long> held() {
        Map<String, Long> out = new TreeMap<>();
        held.forEach((shard, h) -> {
            if (mayWrite(shard)) {
                out.put(shard, h.epoch());
            }
        });
        return out;
    }

    @Override
    public String role() {
        Map<String, Long> mine = held();
        return mine.isEmpty() ? "standby" : mine.keySet().containsAll(wanted) ? "owner" : "partial";
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** Takeovers this instance made since it started. */
    public long takeovers() {
        return takeovers.get();
    }

    /** How long the last renewal round took, in nanoseconds. */
    public long lastRenewalNanos() {
        return lastRenewalNanos.get();
    }

    private void keep() {
        while (!stopping) {
            try {
                round();
            } catch (RuntimeException e) {
                LOG.warnf("keeping leases failed (%s); retrying in %s", e, settings.renewEvery());
            }
            try {
                Thread.sleep(settings.renewEvery().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One round: renew what is held, look at and take over what is wanted and expired. */
    public void round() {
        long started = nanos.getAsLong();
        for (String shard : Set.copyOf(wanted)) {
            try {
                if (held.containsKey(shard)) {
                    renew(shard);
                } else {
                    look(shard);
                }
            } catch (ResourceNotFoundException e) {
                LOG.errorf("lease table %s does not exist: create it (README, Running more than one instance);"
                        + " until then this instance writes for no shard", settings.table());
                return;
            } catch (SdkException e) {
                // a lease not renewed lapses for writing by itself after half its duration
                LOG.debugf("lease %s: %s", shard, e.getMessage());
            }
        }
        held.keySet().removeIf(shard -> !wanted.contains(shard) && release(shard));
        lastRenewalNanos.set(nanos.getAsLong() - started);
    }

    private void renew(String shard) {
        Held h = held.get(shard);
        long sent = nanos.getAsLong();
        try {
            dynamo.updateItem(u -> u.tableName(settings.table()).key(key(shard))
                    .updateExpression("SET #b = #b + :one")
                    .conditionExpression("#h = :me AND #e = :epoch")
                    .expressionAttributeNames(Map.of("#b", "beat", "#h", "holder", "#e", "epoch"))
                    .expressionAttributeValues(Map.of(":one", n(1), ":me", s(settings.instance()), ":epoch", n(h.epoch()))));
            held.put(shard, new Held(h.epoch(), h.beat() + 1, sent));
        } catch (ConditionalCheckFailedException e) {
            held.remove(shard);
            LOG.warnf("lease %s (epoch %d) was taken over; this instance no longer writes for it", shard, h.epoch());
        }
    }

    private void look(String shard) {
        long now = nanos.getAsLong();
        GetItemResponse got = dynamo.getItem(g -> g.tableName(settings.table()).key(key(shard)).consistentRead(true));
        if (!got.hasItem() || got.item().isEmpty()) {
            acquireFree(shard, now);
            return;
        }
        Map<String, AttributeValue> item = got.item();
        String holder = item.containsKey("holder") ? item.get("holder").s() : "";
        long epoch = Long.parseLong(item.get("epoch").n());
        long beat = Long.parseLong(item.get("beat").n());
        Seen before = seen.get(shard);
        if (before == null || !before.holder().equals(holder) || before.epoch() != epoch || before.beat() != beat) {
            seen.put(shard, new Seen(holder, epoch, beat, now));
            if (!holder.isEmpty()) {
                return;
            }
        }
        boolean released = holder.isEmpty();
        boolean expired = before != null && now - before.sinceNanos() >= settings.duration().toNanos();
        if (released || expired) {
            takeOver(shard, holder, epoch, beat, now);
        }
    }

    private void acquireFree(String shard, long sent) {
        Map<String, AttributeValue> item = new HashMap<>(key(shard));
        item.put("holder", s(settings.instance()));
        item.put("epoch", n(1));
        item.put("beat", n(0));
        try {
            dynamo.putItem(p -> p.tableName(settings.table()).item(item).conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", KEY)));
            held.put(shard, new Held(1, 0, sent));
            seen.remove(shard);
            LOG.infof("lease %s taken (epoch 1)", shard);
        } catch (ConditionalCheckFailedException e) {
            // another instance was first
        }
    }

    private void takeOver(String shard, String holder, long epoch, long beat, long sent) {
        try {
            dynamo.updateItem(u -> u.tableName(settings.table()).key(key(shard))
                    .updateExpression("SET #h = :me, #e = :next, #b = :zero")
                    .conditionExpression("#h = :holder AND #e = :epoch AND #b = :beat")
                    .expressionAttributeNames(Map.of("#h", "holder", "#e", "epoch", "#b", "beat"))
                    .expressionAttributeValues(Map.of(":me", s(settings.instance()), ":next", n(epoch + 1),
                            ":zero", n(0), ":holder", s(holder), ":epoch", n(epoch), ":beat", n(beat))));
            held.put(shard, new Held(epoch + 1, 0, sent));
            seen.remove(shard);
            takeovers.incrementAndGet();
            LOG.infof("lease %s taken over from %s (epoch %d)", shard, holder.isEmpty() ? "nobody" : holder, epoch + 1);
        } catch (ConditionalCheckFailedException e) {
            seen.remove(shard); // someone renewed or took it meanwhile: look again from the start
        }
    }

    /** Hands a lease back (empty holder): a standby takes it at its next look rather than after a lease. */
    private boolean release(String shard) {
        Held h = held.get(shard);
        if (h == null) {
            return true;
        }
        try {
            dynamo.updateItem(u -> u.tableName(settings.table()).key(key(shard))
                    .updateExpression("SET #h = :none, #b = #b + :one")
                    .conditionExpression("#h = :me AND #e = :epoch")
                    .expressionAttributeNames(Map.of("#h", "holder", "#e", "epoch", "#b", "beat"))
                    .expressionAttributeValues(Map.of(":none", s(""), ":one", n(1), ":me", s(settings.instance()),
                            ":epoch", n(h.epoch()))));
            LOG.infof("lease %s handed back (epoch %d)", shard, h.epoch());
        } catch (SdkException e) {
            LOG.debugf("handing back lease %s failed: %s; it lapses by itself", shard, e.getMessage());
        }
        return true;
    }

    /** Stops keeping leases and hands back every one held. */
    @Override
    public void close() {
        stopping = true;
        keeper.interrupt();
        try {
            keeper.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String shard : Set.copyOf(held.keySet())) {
            release(shard);
            held.remove(shard);
        }
    }

    private static Map<String, AttributeValue> key(String shard) {
        return Map.of(KEY, s(shard));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
