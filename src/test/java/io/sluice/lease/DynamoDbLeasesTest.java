package io.sluice.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.Fault;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.TwoRegionsSim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Two instances keeping leases in the simulator's DynamoDB, each on its own monotonic clock that
 * the test moves: never two writers for one shard at any moment, takeover within a lease after the
 * holder dies or loses DynamoDB, an epoch that rises on each takeover, and a lease handed back at
 * shutdown taken at once.
 */
class DynamoDbLeasesTest {
    static final String TABLE = "sluice-leases";
    static final String SHARD = "123456789012/eu-west-1";
    static final String KEY_A = "AKIDLEASEINSTANCEA01";
    static final String KEY_B = "AKIDLEASEINSTANCEB01";
    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration RENEW = Duration.ofSeconds(5);
    static final Duration TICK = Duration.ofSeconds(1);

    TwoRegionsSim sim;
    DynamoDbClient dynamoA;
    DynamoDbClient dynamoB;
    final AtomicLong nanosA = new AtomicLong(1_000_000_000L);
    final AtomicLong nanosB = new AtomicLong(7_000_000_000_000L); // another machine: another origin
    DynamoDbLeases a;
    DynamoDbLeases b;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        dynamoA = sim.client(DynamoDbClient.builder(), Region.EU_WEST_1, KEY_A);
        dynamoB = sim.client(DynamoDbClient.builder(), Region.EU_WEST_1, KEY_B);
        dynamoA.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(d -> d.attributeName("shard").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("shard").keyType(KeyType.HASH)));
        a = new DynamoDbLeases(dynamoA, new LeaseSettings(TABLE, "a", LEASE, RENEW), nanosA::get, false);
        b = new DynamoDbLeases(dynamoB, new LeaseSettings(TABLE, "b", LEASE, RENEW), nanosB::get, false);
        a.want(Set.of(SHARD));
        b.want(Set.of(SHARD));
    }

    @AfterEach
    void stop() {
        dynamoA.close();
        dynamoB.close();
        sim.close();
    }

    /** Time passes on both machines; each keeps its leases every RENEW, as the keeper thread does. */
    private void run(Duration span, boolean aAlive, boolean bAlive, StringBuilder timeline) {
        for (long s = 0; s < span.toSeconds(); s++) {
            nanosA.addAndGet(TICK.toNanos());
            nanosB.addAndGet(TICK.toNanos());
            if (aAlive && nanosA.get() / 1_000_000_000L % RENEW.toSeconds() == 0) {
                a.round();
            }
            if (bAlive && nanosB.get() / 1_000_000_000L % RENEW.toSeconds() == 0) {
                b.round();
            }
            boolean aw = aAlive && a.mayWrite(SHARD);
            boolean bw = b.mayWrite(SHARD) && bAlive;
            timeline.append(aw ? 'A' : bw ? 'B' : '-');
            assertFalse(aw && bw, "two writers for one shard at second " + s + ": " + timeline);
        }
    }

    private long epochInTable() {
        Map<String, AttributeValue> item = dynamoA.getItem(g -> g.tableName(TABLE).consistentRead(true)
                .key(Map.of("shard", AttributeValue.fromS(SHARD)))).item();
        return Long.parseLong(item.get("epoch").n());
    }

    @Test
    void oneHolderAtATimeAndAStandbyTakesOverWithinALeaseAfterTheHolderDies() {
        a.round();
        StringBuilder t = new StringBuilder();
        run(Duration.ofSeconds(20), true, true, t);
        assertEquals("owner", a.role());
        assertEquals("standby", b.role());
        assertEquals(Map.of(SHARD, 1L), a.held());

        // a dies (stops renewing); b must take over within a lease plus a renewal round
        StringBuilder after = new StringBuilder();
        run(LEASE.plus(RENEW).plus(RENEW), false, true, after);
        assertTrue(b.mayWrite(SHARD), "b took over: " + after);
        assertEquals(2, epochInTable(), "the takeover raised the epoch");
        assertEquals(1, b.takeovers());
        assertTrue(after.indexOf("B") <= LEASE.plus(RENEW).plus(RENEW).toSeconds(), after.toString());
    }

    @Test
    void aHolderCutOffDynamoDbStopsWritingBeforeAnotherTakesOverAndCannotWriteUnderItsOldEpoch() {
        a.round();
        StringBuilder t = new StringBuilder();
        run(Duration.ofSeconds(10), true, true, t);
        assertTrue(a.mayWrite(SHARD));

        // the partition: a's calls to DynamoDB are dropped, b's go through
        sim.server.control().faults().add(Fault.parse(ScenarioFields.of("fault",
                Map.of("service", "dynamodb", "accessKeyId", KEY_A, "kind", "drop"))));
        StringBuilder partitioned = new StringBuilder();
        run(Duration.ofSeconds(40), true, true, partitioned);
        int aLast = partitioned.lastIndexOf("A");
        int bFirst = partitioned.indexOf("B");
        assertTrue(bFirst > 0, "b took over: " + partitioned);
        assertTrue(aLast < bFirst && bFirst - aLast >= LEASE.dividedBy(2).toSeconds() - 1,
                "a stopped writing well before b began: " + partitioned);

        // healed: a's renewal under its old epoch is refused, and it knows it no longer holds the shard
        sim.server.control().faults().clear();
        StringBuilder healed = new StringBuilder();
        run(Duration.ofSeconds(20), true, true, healed);
        assertFalse(a.mayWrite(SHARD), healed.toString());
        assertEquals("standby", a.role());
        assertTrue(b.mayWrite(SHARD), healed.toString());
        assertEquals(2, epochInTable());
    }

    @Test
    void aLeaseHandedBackAtShutdownIsTakenAtTheNextLookNotAfterALease() {
        a.round();
        StringBuilder t = new StringBuilder();
        run(Duration.ofSeconds(10), true, true, t);
        a.close();
        StringBuilder after = new StringBuilder();
        run(RENEW.plus(TICK), false, true, after);
        assertTrue(b.mayWrite(SHARD), "taken at b's next round: " + after);
        assertEquals(2, epochInTable());
    }

    @Test
    void aWallClockJumpOnEitherMachineChangesNothing() {
        // neither instance reads a wall clock: expiry is a heartbeat unchanged for a lease on the
        // reader's own monotonic clock, so a jump of the wall clock (NTP, a VM resumed) cannot make
        // a live lease look expired; here the monotonic clocks run from different origins
        a.round();
        StringBuilder t = new StringBuilder();
        run(Duration.ofMinutes(3), true, true, t);
        assertEquals("A".repeat(180), t.toString(), "a keeps the lease while it renews");
        assertEquals(0, b.takeovers());
    }

    @Test
    void threeInstancesShareSixShardsEvenlyAndTheSurvivorsSplitADeadOnesShards() {
        Set<String> shards = Set.of("111111111111/eu-west-1", "111111111111/eu-west-3", "222222222222/eu-west-1",
                "222222222222/ap-northeast-2", "333333333333/sa-east-1", Shards.REPOSITORY);
        AtomicLong nanosC = new AtomicLong(42_000_000_000L);
        DynamoDbClient dynamoC = sim.client(DynamoDbClient.builder(), Region.EU_WEST_1, "AKIDLEASEINSTANCEC01");
        DynamoDbLeases c = new DynamoDbLeases(dynamoC, new LeaseSettings(TABLE, "c", LEASE, RENEW), nanosC::get, false);
        List<DynamoDbLeases> all = List.of(a, b, c);
        List<AtomicLong> clocks = List.of(nanosA, nanosB, nanosC);
        all.forEach(l -> l.want(shards));
        boolean[] alive = {true, true, true};
        Runnable second = () -> {
            for (int i = 0; i < 3; i++) {
                clocks.get(i).addAndGet(TICK.toNanos());
                if (alive[i] && clocks.get(i).get() / 1_000_000_000L % RENEW.toSeconds() == 0) {
                    all.get(i).round();
                }
            }
            for (String shard : shards) {
                long writers = IntStream.range(0, 3).filter(i -> alive[i] && all.get(i).mayWrite(shard)).count();
                assertTrue(writers <= 1, shard + " has " + writers + " writers");
            }
        };
        // a starts alone and takes everything; b and c join and get their share within a few rounds
        a.round();
        assertEquals(6, a.held().size());
        for (int s = 0; s < 60; s++) {
            second.run();
        }
        assertEquals(List.of(2, 2, 2), all.stream().map(l -> l.held().size()).toList(), "an even spread");
        assertEquals(3, a.instancesAlive());

        // c dies: a and b take its two shards over after a lease, and end with three each
        alive[2] = false;
        for (int s = 0; s < LEASE.plus(RENEW).plus(RENEW).toSeconds(); s++) {
            second.run();
        }
        assertEquals(6, a.held().size() + b.held().size(), "c's shards are taken over within a lease and two rounds");
        // whoever took more than its share hands one back once it has held them for a lease
        for (int s = 0; s < LEASE.plus(RENEW).plus(RENEW).toSeconds(); s++) {
            second.run();
        }
        assertEquals(List.of(3, 3), List.of(a.held().size(), b.held().size()), "the survivors split c's shards");
        assertTrue(Stream.of(a, b).allMatch(l -> l.instancesAlive() == 2));
        dynamoC.close();
    }
}
