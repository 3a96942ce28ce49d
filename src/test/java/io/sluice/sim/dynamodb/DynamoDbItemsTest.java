package io.sluice.sim.dynamodb;

import static io.sluice.sim.TwoRegionsSim.assertRefused;
import static io.sluice.sim.TwoRegionsSim.rawBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.TwoRegionsSim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A lease table as the AWS SDK sees it: conditional puts and updates decide between racing
 * writers, an epoch counts takeovers, and what DynamoDB refuses is refused with its code and words.
 */
class DynamoDbItemsTest {
    static final String TABLE = "sluice-leases";
    static final String ONE = "AKIDWRITERONE0000001";
    static final String TWO = "AKIDWRITERTWO0000002";

    private TwoRegionsSim sim;
    private DynamoDbClient one;
    private DynamoDbClient two;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        one = sim.client(DynamoDbClient.builder(), Region.US_EAST_1, ONE);
        two = sim.client(DynamoDbClient.builder(), Region.US_EAST_1, TWO);
        createLeaseTable(one, TABLE);
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
        sim.close();
    }

    static CreateTableResponse createLeaseTable(DynamoDbClient ddb, String name) {
        return ddb.createTable(t -> t.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("shard").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("shard").keyType(KeyType.HASH)));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static boolean claim(DynamoDbClient ddb, String shard, String owner) {
        try {
            ddb.putItem(p -> p.tableName(TABLE).item(Map.of("shard", s(shard), "owner", s(owner), "epoch", n("1")))
                    .conditionExpression("attribute_not_exists(#s)").expressionAttributeNames(Map.of("#s", "shard")));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            assertEquals(400, lost.statusCode());
            assertEquals("The conditional request failed", lost.awsErrorDetails().errorMessage());
            return false;
        }
    }

    @Test
    void ofTwoWritersRacingForEachShardExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                String shard = "123456789012/us-east-1/" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> results = new ArrayList<>();
                for (DynamoDbClient writer : List.of(one, two)) {
                    String owner = writer == one ? "one" : "two";
                    Callable<Boolean> race = () -> {
                        start.await();
                        return claim(writer, shard, owner);
                    };
                    results.add(pool.submit(race));
                }
                boolean firstWon = results.get(0).get();
                boolean secondWon = results.get(1).get();
                assertTrue(firstWon ^ secondWon, "round " + round + ": one=" + firstWon + " two=" + secondWon);
                String stored = one.getItem(g -> g.tableName(TABLE).key(Map.of("shard", s(shard))).consistentRead(true))
                        .item().get("owner").s();
                assertEquals(firstWon ? "one" : "two", stored, "the winner's item is the one stored");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTakeoverIncrementsTheEpochAndAStaleEpochCannotWrite() {
        assertTrue(claim(one, "a", "one"));
        UpdateItemResponse takeover = two.updateItem(u -> u.tableName(TABLE).key(Map.of("shard", s("a")))
                .updateExpression("SET #e = #e + :one, #o = :me")
                .conditionExpression("#o = :prev AND #e = :seen")
                .expressionAttributeNames(Map.of("#e", "epoch", "#o", "owner"))
                .expressionAttributeValues(Map.of(":one", n("1"), ":me", s("two"), ":prev", s("one"), ":seen", n("1.0")))
                .returnValues(ReturnValue.ALL_NEW));
        assertEquals(Map.of("shard", s("a"), "owner", s("two"), "epoch", n("2")), takeover.attributes());

        ConditionalCheckFailedException stale = assertThrows(ConditionalCheckFailedException.class,
                () -> one.updateItem(u -> u.tableName(TABLE).key(Map.of("shard", s("a")))
                        .updateExpression("SET #r = :now").conditionExpression("#e = :mine AND #o = :me")
                        .expressionAttributeNames(Map.of("#e", "epoch", "#o", "owner", "#r", "renewedAt"))
                        .expressionAttributeValues(Map.of(":mine", n("1"), ":me", s("one"), ":now", n("1764000000")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals(Map.of("shard", s("a"), "owner", s("two"), "epoch", n("2")), stale.item(),
                "the loser learns who holds the lease");
        assertTrue(rawBody(stale).contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\""),
                rawBody(stale));
        assertFalse(one.getItem(g -> g.tableName(TABLE).key(Map.of("shard", s("a"))).consistentRead(true))
                .item().containsKey("renewedAt"));
    }

    @Test
    void updatesComputeFromTheItemBeforeTheUpdateAndReturnWhatChanged() {
        UpdateItemResponse created = one.updateItem(u -> u.tableName(TABLE).key(Map.of("shard", s("b")))
                .updateExpression("SET #e = if_not_exists(#e, :zero) + :one, history = list_append(if_not_exists(history, :none), :h)")
                .expressionAttributeNames(Map.of("#e", "epoch"))
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"), ":none", AttributeValue.fromL(List.of()),
                        ":h", AttributeValue.fromL(List.of(s("one")))))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertEquals(Map.of("epoch", n("1"), "history", AttributeValue.fromL(List.of(s("one")))), created.attributes());

        UpdateItemResponse old = one.updateItem(u -> u.tableName(TABLE).key(Map.of("shard", s("b")))
                .updateExpression("ADD #e :one REMOVE history").expressionAttributeNames(Map.of("#e", "epoch"))
                .expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("epoch", n("1"), "history", AttributeValue.fromL(List.of(s("one")))), old.attributes());
        assertEquals(Map.of("shard", s("b"), "epoch", n("2")),
                one.getItem(g -> g.tableName(TABLE).key(Map.of("shard", s("b"))).consistentRead(true)).item());

        assertEquals(Map.of("epoch", n("2")), one.getItem(g -> g.tableName(TABLE).key(Map.of("shard", s("b")))
                .projectionExpression("#e").expressionAttributeNames(Map.of("#e", "epoch"))).item());
        assertEquals(Map.of("shard", s("b"), "epoch", n("2")), one.deleteItem(d -> d.tableName(TABLE)
                .key(Map.of("shard", s("b"))).conditionExpression("#e BETWEEN :lo AND :hi AND NOT (#e IN (:lo, :zero))")
                .expressionAttributeNames(Map.of("#e", "epoch"))
                .expressionAttributeValues(Map.of(":lo", n("1"), ":hi", n("10"), ":zero", n("0")))
                .returnValues(ReturnValue.ALL_OLD)).attributes());
        assertFalse(one.getItem(g -> g.tableName(TABLE).key(Map.of("shard", s("b")))).hasItem());
    }

    @Test
    void numbersCompareByValueNotByText() {
        one.putItem(p -> p.tableName(TABLE).item(Map.of("shard", s("c"), "expires", n("1764000015.500"))));
        assertEquals("1764000015.5", one.getItem(g -> g.tableName(TABLE).key(Map.of("shard", s("c"))))
                .item().get("expires").n());
        one.putItem(p -> p.tableName(TABLE).item(Map.of("shard", s("c"), "expires", n("9")))
                .conditionExpression("expires < :now OR attribute_not_exists(expires)")
                .expressionAttributeValues(Map.of(":now", n("1764000016"))));
        assertThrows(ConditionalCheckFailedException.class, () -> one.putItem(p -> p.tableName(TABLE)
                .item(Map.of("shard", s("c"), "expires", n("100"))).conditionExpression("expires >= :ten")
                .expressionAttributeValues(Map.of(":ten", n("10")))));
    }

    @Test
    void tablesAreCreatedOnceAndDescribedActive() {
        assertEquals(TableStatus.CREATING, createLeaseTable(one, "other").tableDescription().tableStatus());
        assertEquals(TableStatus.ACTIVE, one.describeTable(d -> d.tableName("other")).table().tableStatus());
        AwsServiceException again = assertRefused("ResourceInUseException", 400, "Table already exists: other",
                () -> createLeaseTable(two, "other"));
        assertInstanceOf(ResourceInUseException.class, again);
        assertRefused("ResourceNotFoundException", 400, "Requested resource not found: Table: missing not found",
                () -> one.describeTable(d -> d.tableName("missing")));
        assertRefused("ResourceNotFoundException", 400, "Requested resource not found",
                () -> one.getItem(g -> g.tableName("missing").key(Map.of("shard", s("a")))));
        assertRefused("ValidationException", 400, "One or more parameter values were invalid: ReadCapacityUnits and"
                + " WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
                () -> one.createTable(t -> t.tableName("provisioned")
                        .attributeDefinitions(a -> a.attributeName("k").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("k").keyType(KeyType.HASH))));
    }

    @Test
    void whatDynamoDbRefusesIsRefusedInItsWords() {
        assertRefused("ValidationException", 400,
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: owner",
                () -> one.putItem(p -> p.tableName(TABLE).item(Map.of("shard", s("a")))
                        .conditionExpression("owner = :me").expressionAttributeValues(Map.of(":me", s("one")))));
        assertRefused("ValidationException", 400, "One or more parameter values were invalid: Missing the key shard in the item",
                () -> one.putItem(p -> p.tableName(TABLE).item(Map.of("owner", s("one")))));
        assertRefused("ValidationException", 400,
                "One or more parameter values were invalid: Type mismatch for key shard expected: S actual: N",
                () -> one.putItem(p -> p.tableName(TABLE).item(Map.of("shard", n("1")))));
        assertRefused("ValidationException", 400, "The provided key element does not match the schema",
                () -> one.getItem(g -> g.tableName(TABLE).key(Map.of("shard", s("a"), "owner", s("x")))));
        assertRefused("ValidationException", 400,
                "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"+\"",
                () -> one.updateItem(u -> u.tableName(TABLE).key(Map.of("shard", s("a")))
                        .updateExpression("SET #e = #e +").expressionAttributeNames(Map.of("#e", "epoch"))));
        assertRefused("ValidationException", 400,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                () -> one.putItem(p -> p.tableName(TABLE).item(Map.of("shard", s("a")))
                        .conditionExpression("attribute_not_exists(#s)").expressionAttributeNames(Map.of("#s", "shard"))
                        .expressionAttributeValues(Map.of(":unused", n("1")))));
        assertRefused("ValidationException", 400,
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined;"
                        + " attribute value: :gone",
                () -> one.deleteItem(d -> d.tableName(TABLE).key(Map.of("shard", s("a"))).conditionExpression("#o = :gone")
                        .expressionAttributeNames(Map.of("#o", "owner"))));
        assertRefused("ValidationException", 400,
                "One or more parameter values were invalid: Cannot update attribute shard. This attribute is part of the key",
                () -> one.updateItem(u -> u.tableName(TABLE).key(Map.of("shard", s("a")))
                        .updateExpression("SET #s = :x").expressionAttributeNames(Map.of("#s", "shard"))
                        .expressionAttributeValues(Map.of(":x", s("b")))));
        assertRefused("ValidationException", 400, "ReturnValues can only be ALL_OLD or NONE",
                () -> one.putItem(p -> p.tableName(TABLE).item(Map.of("shard", s("a"))).returnValues(ReturnValue.ALL_NEW)));
        one.putItem(p -> p.tableName(TABLE).item(Map.of("shard", s("a"), "word", s("x"))));
        assertRefused("ValidationException", 400, "An operand in the update expression has an incorrect data type",
                () -> one.updateItem(u -> u.tableName(TABLE).key(Map.of("shard", s("a")))
                        .updateExpression("SET word = word + :one").expressionAttributeValues(Map.of(":one", n("1")))));
    }
}
