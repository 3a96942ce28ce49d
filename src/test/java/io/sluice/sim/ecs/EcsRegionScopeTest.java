package io.sluice.sim.ecs;

import static io.sluice.sim.TwoRegionsSim.IRELAND;
import static io.sluice.sim.TwoRegionsSim.SEOUL;
import static io.sluice.sim.TwoRegionsSim.assertRefused;
import static io.sluice.sim.TwoRegionsSim.rawBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.TwoRegionsSim;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS clusters, services and task definitions are regional: a service or cluster may be named by
 * name or by full ARN, and an ARN of another region is refused with InvalidParameterException
 * "Invalid Region in ARN", one of another account with AccessDeniedException.
 */
class EcsRegionScopeTest {
    static final String SEOUL_PREFIX = "arn:aws:ecs:ap-northeast-2:123456789012:";
    static final String IRELAND_PREFIX = "arn:aws:ecs:eu-west-1:123456789012:";

    private TwoRegionsSim sim;
    private EcsClient seoul;
    private EcsClient ireland;
    private EcsClient virginia;
    private EcsClient tenantSeoul;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        seoul = sim.client(EcsClient.builder(), SEOUL);
        ireland = sim.client(EcsClient.builder(), IRELAND);
        virginia = sim.client(EcsClient.builder(), Region.US_EAST_1);
        tenantSeoul = sim.client(EcsClient.builder(), SEOUL, TwoRegionsSim.TENANT_KEY);
    }

    @AfterEach
    void stop() {
        List.of(seoul, ireland, virginia, tenantSeoul).forEach(EcsClient::close);
        sim.close();
    }

    private static void assertOtherRegion(Executable call) {
        AwsServiceException e = assertRefused("InvalidParameterException", 400, "Invalid Region in ARN", call);
        assertInstanceOf(InvalidParameterException.class, e);
        assertTrue(rawBody(e).contains("\"__type\":\"InvalidParameterException\""), rawBody(e));
    }

    private static Service service(EcsClient ecs, String cluster, String service) {
        DescribeServicesResponse r = ecs.describeServices(d -> d.cluster(cluster).services(service));
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        return r.services().get(0);
    }

    @Test
    void eachRegionHasItsOwnBlueGreenPairUnderTheSameNames() {
        DescribeServicesResponse pair = seoul.describeServices(d -> d.cluster("prod").services("web-blue", "web-green"));
        assertEquals(List.of(SEOUL_PREFIX + "service/prod/web-blue", SEOUL_PREFIX + "service/prod/web-green"),
                pair.services().stream().map(Service::serviceArn).toList());
        assertEquals(List.of(SEOUL_PREFIX + "task-definition/web:41", SEOUL_PREFIX + "task-definition/web:42"),
                pair.services().stream().map(Service::taskDefinition).toList());
        assertEquals(SEOUL_PREFIX + "cluster/prod", pair.services().get(0).clusterArn());
        Service irelandGreen = service(ireland, "prod", "web-green");
        assertEquals(IRELAND_PREFIX + "task-definition/web:8", irelandGreen.taskDefinition());
        assertEquals(3, irelandGreen.desiredCount());
        assertEquals(SEOUL_PREFIX + "task-definition/web:42",
                seoul.describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().taskDefinitionArn());
    }

    @Test
    void aServiceMayBeNamedByNameOrByFullArnAndItsClusterByArn() {
        String arn = SEOUL_PREFIX + "service/prod/web-green";
        assertEquals(arn, service(seoul, "prod", arn).serviceArn());
        assertEquals(arn, service(seoul, SEOUL_PREFIX + "cluster/prod", "web-green").serviceArn());
        assertEquals(arn, service(seoul, SEOUL_PREFIX + "cluster/prod", SEOUL_PREFIX + "service/web-green").serviceArn());
        Service updated = seoul.updateService(r -> r.cluster(SEOUL_PREFIX + "cluster/prod").service(arn)
                .taskDefinition(SEOUL_PREFIX + "task-definition/web:41")).service();
        assertEquals(SEOUL_PREFIX + "task-definition/web:41", updated.taskDefinition());
        assertEquals(IRELAND_PREFIX + "task-definition/web:8", service(ireland, "prod", "web-green").taskDefinition());
    }

    @Test
    void describeServicesWithAnArnOfAnotherRegionIsInvalidRegionInArn() {
        assertOtherRegion(() -> seoul.describeServices(d -> d.cluster("prod").services(IRELAND_PREFIX + "service/prod/web-green")));
        assertOtherRegion(() -> seoul.describeServices(d -> d.cluster(IRELAND_PREFIX + "cluster/prod").services("web-green")));
        assertOtherRegion(() -> virginia.describeServices(d -> d.cluster(SEOUL_PREFIX + "cluster/prod")
                .services(SEOUL_PREFIX + "service/prod/web-green")));
    }

    @Test
    void updateServiceWithAnArnOfAnotherRegionIsRefusedAndChangesNothing() {
        assertOtherRegion(() -> seoul.updateService(r -> r.cluster("prod").service(IRELAND_PREFIX + "service/prod/web-green")
                .taskDefinition("web:7")));
        assertOtherRegion(() -> ireland.updateService(r -> r.cluster("prod").service("web-green")
                .taskDefinition(SEOUL_PREFIX + "task-definition/web:41")));
        assertEquals(IRELAND_PREFIX + "task-definition/web:8", service(ireland, "prod", "web-green").taskDefinition());
        assertEquals(1, service(ireland, "prod", "web-green").deployments().size());
    }

    @Test
    void describeTaskDefinitionOfAnotherRegionIsInvalidRegionInArn() {
        assertOtherRegion(() -> seoul.describeTaskDefinition(r -> r.taskDefinition(IRELAND_PREFIX + "task-definition/web:8")));
        assertRefused("ClientException", 400, "Unable to describe task definition.",
                () -> seoul.describeTaskDefinition(r -> r.taskDefinition("web:8")));
    }

    @Test
    void aRegionWithoutTheClusterDoesNotFindIt() {
        AwsServiceException e = assertRefused("ClusterNotFoundException", 400, "Cluster not found.",
                () -> virginia.describeServices(d -> d.cluster("prod").services("web-green")));
        assertInstanceOf(ClusterNotFoundException.class, e);
    }

    @Test
    void aServiceMissingFromTheClusterIsAFailureOfThatCluster() {
        DescribeServicesResponse r = seoul.describeServices(d -> d.cluster("prod").services("web-green", "web-red"));
        assertEquals(1, r.services().size());
        assertEquals(SEOUL_PREFIX + "service/prod/web-red", r.failures().get(0).arn());
        assertEquals("MISSING", r.failures().get(0).reason());
    }

    @Test
    void aServiceArnOfAnotherClusterIsAnInvalidIdentifier() {
        assertRefused("InvalidParameterException", 400, "Invalid identifier: Identifier is for cluster staging. Your "
                + "cluster is prod", () -> seoul.describeServices(d -> d.cluster("prod")
                .services(SEOUL_PREFIX + "service/staging/web-green")));
    }

    @Test
    void anArnOfAnotherAccountIsAccessDenied() {
        String tenantService = "arn:aws:ecs:ap-northeast-2:210987654321:service/prod/web-green";
        AwsServiceException e = assertRefused("AccessDeniedException", 400, "User: arn:aws:iam::123456789012:user/sluice-sim"
                + " is not authorized to perform: ecs:DescribeServices on resource: " + tenantService,
                () -> seoul.describeServices(d -> d.cluster("prod").services(tenantService)));
        assertInstanceOf(AccessDeniedException.class, e);
        assertRefused("AccessDeniedException", 400, "User: " + TwoRegionsSim.TENANT_ARN + " is not authorized to perform: "
                + "ecs:UpdateService on resource: " + SEOUL_PREFIX + "service/prod/web-green",
                () -> tenantSeoul.updateService(r -> r.cluster("prod").service(SEOUL_PREFIX + "service/prod/web-green")
                        .forceNewDeployment(true)));
        assertRefused("ClusterNotFoundException", 400, "Cluster not found.",
                () -> tenantSeoul.describeServices(d -> d.cluster("prod").services("web-green")));
    }
}
