package io.sluice.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

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
 *
 * <p>Instances spread the shards evenly. Every round each instance also bumps its own counter in
 * the item {@value #MEMBERS} (a map of instance name to counter) and reads the whole map back in
 * the same call; an instance whose counter moved within a lease duration is alive. With N shards
 * and M instances alive, an instance takes free or handed-back shards only below ceil(N / M), and
 * hands back one per round while it holds more (not within a lease of its last takeover, so the
 * spread settles instead of swinging); a new instance gets its share within a few rounds. An
 * expired lease is taken over by whoever sees it first, whatever its share: a takeover never waits
 * for the spread. Counters unchanged for ten leases are removed.
 */
public final class DynamoDbLeases implements Leases {
    private static final Logger LOG = Logger.getLogger(DynamoDbLeases.class);
    private static final String KEY = "shard";
    /** The item of the instances' counters; no shard has this name ({@code account/region} or {@code repository}). */
    static final String MEMBERS = "#members";

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
    /** A member's counter as this instance last saw it, and since when (monotonic nanos). */
    private record Counter(long value, long sinceNanos) {
    }

    /** This instance's member counter, and what it last saw of every member's. */
    private long count;
    private final Map<String, Counter> members = new ConcurrentHashMap<>();
    private volatile int alive = 1;
    /** When this instance last took a lease (monotonic nanos): it hands none back for a lease after, so the spread settles. */
    private final AtomicLong lastTakenNanos = new AtomicLong(Long.MIN_VALUE / 2);

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

    /** Instances seen alive in the last round, this one included. */
    public int instancesAlive() {
        return alive;
    }

    /** The most shards this instance takes: an even share of the wanted ones among the instances alive. */
    int share() {
        int n = wanted.size();
        return n == 0 ? 0 : (n + alive - 1) / alive;
    }

    /**
     * One round: count this instance in, renew what is held, hand back one shard if it holds more
     * than its share, and look at (and take over when expired) the others while below its share.
     */
    public void round() {
        long started = nanos.getAsLong();
        try {
            countIn();
        } catch (ResourceNotFoundException e) {
            tableMissing();
            return;
        } catch (SdkException e) {
            LOG.debugf("counting in: %s", e.getMessage());
        }
        List<String> mine = new ArrayList<>(new TreeSet<>(held.keySet()));
        mine.retainAll(wanted);
        boolean settled = started - lastTakenNanos.get() >= settings.duration().toNanos();
        if (mine.size() > share() && settled) {
            String extra = mine.get(mine.size() - 1);
            release(extra);
            held.remove(extra);
            LOG.infof("lease %s handed back to spread the shards: %d instances share %d shards", extra, alive, wanted.size());
        }
        for (String shard : new TreeSet<>(wanted)) {
            try {
                if (held.containsKey(shard)) {
                    renew(shard);
                } else {
                    look(shard, held.size() < share());
                }
            } catch (ResourceNotFoundException e) {
                tableMissing();
                return;
            } catch (SdkException e) {
                // a lease not renewed lapses for writing by itself after half its duration
                LOG.debugf("lease %s: %s", shard, e.getMessage());
            }
        }
        held.keySet().removeIf(shard -> !wanted.contains(shard) && release(shard));
        lastRenewalNanos.set(nanos.getAsLong() - started);
    }

    private void tableMissing() {
        LOG.errorf("lease table %s does not exist: create it (README, Running more than one instance);"
                + " until then this instance writes for no shard", settings.table());
    }

    /** Bumps this instance's counter in the members item and reads everyone's back, in one call. */
    private void countIn() {
        long now = nanos.getAsLong();
        Map<String, AttributeValue> item;
        try {
            item = bump();
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (DynamoDbException e) {
            // the members item or its map is missing: create it, then bump
            try {
                dynamo.putItem(p -> p.tableName(settings.table()).item(Map.of(KEY, s(MEMBERS), "members",
                        AttributeValue.fromM(Map.of()))).conditionExpression("attribute_not_exists(#k)")
                        .expressionAttributeNames(Map.of("#k", KEY)));
            } catch (ConditionalCheckFailedException exists) {
                // another instance made it meanwhile
            }
            item = bump();
        }
        Map<String, AttributeValue> counters = item.containsKey("members") ? item.get("members").m() : Map.of();
        int live = 0;
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> e : counters.entrySet()) {
            long value = Long.parseLong(e.getValue().n());
            Counter last = members.merge(e.getKey(), new Counter(value, now), (old, fresh) -> old.value() == value ? old : fresh);
            long unchanged = now - last.sinceNanos();
            if (e.getKey().equals(settings.instance()) || unchanged < settings.duration().toNanos()) {
                live++;
            } else if (unchanged > settings.duration().multipliedBy(10).toNanos()) {
                stale.add(e.getKey());
            }
        }
        members.keySet().retainAll(counters.keySet());
        alive = Math.max(1, live);
        for (String name : stale) {
            dynamo.updateItem(u -> u.tableName(settings.table()).key(key(MEMBERS)).updateExpression("REMOVE #m.#n")
                    .expressionAttributeNames(Map.of("#m", "members", "#n", name)));
        }
    }

    private Map<String, AttributeValue> bump() {
        long next = count + 1;
        Map<String, AttributeValue> out = dynamo.updateItem(u -> u.tableName(settings.table()).key(key(MEMBERS))
                .updateExpression("SET #m.#me = :c").conditionExpression("attribute_exists(#m)")
                .expressionAttributeNames(Map.of("#m", "members", "#me", settings.instance()))
                .expressionAttributeValues(Map.of(":c", n(next))).returnValues(ReturnValue.ALL_NEW)).attributes();
        count = next;
        return out;
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

    /** Looks at a lease held by another (or by nobody); takes it when it may take more and it is free or expired. */
    private void look(String shard, boolean mayTake) {
        long now = nanos.getAsLong();
        GetItemResponse got = dynamo.getItem(g -> g.tableName(settings.table()).key(key(shard)).consistentRead(true));
        if (!got.hasItem() || got.item().isEmpty()) {
            if (mayTake) {
                acquireFree(shard, now);
            }
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
        boolean expired = !released && before != null && now - before.sinceNanos() >= settings.duration().toNanos();
        // an expired lease is taken whatever the share (nobody writes for it meanwhile); the spread
        // evens out afterwards by hand-backs, which go to instances below their share
        if (expired || released && mayTake) {
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
            lastTakenNanos.set(sent);
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
            lastTakenNanos.set(sent);
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
        try {
            dynamo.updateItem(u -> u.tableName(settings.table()).key(key(MEMBERS)).updateExpression("REMOVE #m.#me")
                    .expressionAttributeNames(Map.of("#m", "members", "#me", settings.instance())));
        } catch (SdkException e) {
            LOG.debugf("leaving the members item failed: %s; the others drop this instance after a lease", e.getMessage());
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
