package io.sluice.sim.dynamodb;

import static io.sluice.sim.TwoRegionsSim.assertRefused;
import static io.sluice.sim.TwoRegionsSim.rawBody;
import static io.sluice.sim.dynamodb.DynamoDbItemsTest.createLeaseTable;
import static io.sluice.sim.dynamodb.DynamoDbItemsTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.Fault;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.TwoRegionsSim;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * DynamoDB under faults and scopes: throttling in its two shapes, one client cut off DynamoDB alone
 * (a partition), tables per region and account, and every call counted against its access key.
 */
class DynamoDbFaultsTest {
    static final String CUT = "AKIDPARTITIONED00001";
    static final String OTHER = "AKIDSTILLCONNECTED01";

    private TwoRegionsSim sim;
    private DynamoDbClient owner;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        owner = sim.client(DynamoDbClient.builder(), Region.US_EAST_1);
        createLeaseTable(owner, "leases");
    }

    @AfterEach
    void stop() {
        owner.close();
        sim.close();
    }

    private void fault(Map<String, Object> fault) {
        sim.server.control().faults().add(Fault.parse(ScenarioFields.of("fault", fault)));
    }

    @Test
    void throttledItemCallsAndTableCallsAnswerAsDynamoDbDoes() {
        fault(Map.of("service", "dynamodb", "kind", "throttle"));
        AwsServiceException item = assertRefused("ProvisionedThroughputExceededException", 400,
                "The level of configured provisioned throughput for the table was exceeded."
                        + " Consider increasing your provisioning level with the UpdateTable API.",
                () -> owner.getItem(g -> g.tableName("leases").key(Map.of("shard", s("a")))));
        assertTrue(item instanceof ProvisionedThroughputExceededException);
        assertTrue(item.isThrottlingException());
        assertTrue(rawBody(item).contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\""));
        AwsServiceException table = assertRefused("ThrottlingException", 400,
                "Rate of requests exceeds the allowed throughput.", () -> owner.describeTable(d -> d.tableName("leases")));
        assertTrue(table.isThrottlingException());
    }

    @Test
    void theSdkRetriesAThrottledWriteWithItsDefaultRetries() {
        fault(Map.of("service", "dynamodb", "operation", "PutItem", "kind", "throttle", "times", 2));
        try (DynamoDbClient retrying = DynamoDbClient.builder().endpointOverride(sim.server.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(OTHER, "secret")))
                .build()) {
            retrying.putItem(p -> p.tableName("leases").item(Map.of("shard", s("a"))));
        }
        Map<String, Object> calls = sim.server.control().calls().snapshotByAccessKey();
        assertEquals(Map.of("dynamodb", Map.of("PutItem", Map.of("ProvisionedThroughputExceededException", 2L, "ok", 1L))),
                calls.get(OTHER));
    }

    @Test
    void aPartitionedClientLosesDynamoDbOnlyWhileOthersKeepIt() {
        fault(Map.of("service", "dynamodb", "accessKeyId", CUT, "kind", "drop"));
        try (DynamoDbClient cut = sim.client(DynamoDbClient.builder(), Region.US_EAST_1, CUT);
                DynamoDbClient other = sim.client(DynamoDbClient.builder(), Region.US_EAST_1, OTHER);
                StsClient cutSts = sim.client(StsClient.builder(), Region.US_EAST_1, CUT)) {
            SdkClientException lost = assertThrows(SdkClientException.class,
                    () -> cut.putItem(p -> p.tableName("leases").item(Map.of("shard", s("a")))));
            assertTrue(rootCause(lost) instanceof IOException, "no answer at all, not an AWS error: " + lost);
            other.putItem(p -> p.tableName("leases").item(Map.of("shard", s("b"))));
            assertEquals("123456789012", cutSts.getCallerIdentity().account(), "the cut client still reaches STS");
            assertFalse(owner.getItem(g -> g.tableName("leases").key(Map.of("shard", s("a"))).consistentRead(true)).hasItem(),
                    "the cut client's write never landed");

            Map<String, Object> calls = sim.server.control().calls().snapshotByAccessKey();
            assertEquals(Map.of("dynamodb", Map.of("PutItem", Map.of("dropped", 1L)),
                    "sts", Map.of("GetCallerIdentity", Map.of("ok", 1L))), calls.get(CUT));
            assertEquals(Map.of("dynamodb", Map.of("PutItem", Map.of("ok", 1L))), calls.get(OTHER));

            sim.server.control().faults().clear();
            cut.putItem(p -> p.tableName("leases").item(Map.of("shard", s("a"))));
        }
    }

    private static Throwable rootCause(Throwable t) {
        return t.getCause() == null ? t : rootCause(t.getCause());
    }

    @Test
    void tablesLiveInOneRegionAndAccount() {
        try (DynamoDbClient seoul = sim.client(DynamoDbClient.builder(), TwoRegionsSim.SEOUL);
                DynamoDbClient tenant = sim.client(DynamoDbClient.builder(), Region.US_EAST_1, TwoRegionsSim.TENANT_KEY)) {
            assertRefused("ResourceNotFoundException", 400, "Requested resource not found: Table: leases not found",
                    () -> seoul.describeTable(d -> d.tableName("leases")));
            assertRefused("ResourceNotFoundException", 400, "Requested resource not found: Table: leases not found",
                    () -> tenant.describeTable(d -> d.tableName("leases")));
            createLeaseTable(seoul, "leases");
            createLeaseTable(tenant, "leases");
            assertEquals("arn:aws:dynamodb:ap-northeast-2:123456789012:table/leases",
                    seoul.describeTable(d -> d.tableName("leases")).table().tableArn());
            assertEquals("arn:aws:dynamodb:us-east-1:210987654321:table/leases",
                    tenant.describeTable(d -> d.tableName("leases")).table().tableArn());
            owner.putItem(p -> p.tableName("leases").item(Map.of("shard", s("a"))));
            assertFalse(seoul.getItem(g -> g.tableName("leases").key(Map.of("shard", s("a")))).hasItem());
            assertTrue(owner.getItem(g -> g.tableName("arn:aws:dynamodb:us-east-1:123456789012:table/leases")
                    .key(Map.of("shard", s("a")))).hasItem(), "a table may be named by its ARN");
            assertRefused("AccessDeniedException", 400, "User: " + TwoRegionsSim.TENANT_ARN + " is not authorized to"
                    + " perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/leases"
                    + " because no resource-based policy allows the dynamodb:GetItem action",
                    () -> tenant.getItem(g -> g.tableName("arn:aws:dynamodb:us-east-1:123456789012:table/leases")
                            .key(Map.of("shard", s("a")))));
        }
    }
}
