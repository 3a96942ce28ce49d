package io.sluice.sim.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;

class EcsServiceTest {
    static final String SCENARIO = """
            ecs:
              taskStartTime: 30s
              taskDefinitions:
                - family: web
                  revisions: [5, 6, 7, {revision: 8, bad: true}]
              clusters:
                - name: prod
                  services:
                    - name: web
                      taskDefinition: web:6
                      desiredCount: 4
                      deploymentConfiguration:
                        deploymentCircuitBreaker: {enable: true, rollback: true}
                    - name: api
                      taskDefinition: web:6
                      desiredCount: 2
                    - name: old
                      taskDefinition: web:5
                      status: INACTIVE
                    - name: coded
                      taskDefinition: web:6
                      deploymentController: {type: CODE_DEPLOY}
            """;
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    SimClock clock;
    SimServer server;
    EcsClient ecs;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        clock = SimClock.manual(START);
        server = SimServer.start(0, clock, List.of(new EcsService(clock)));
        server.loadScenario((Map<String, Object>) new Yaml().load(SCENARIO));
        ecs = EcsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        ecs.close();
        server.close();
    }

    Service describe(String name) {
        DescribeServicesResponse r = ecs.describeServices(b -> b.cluster("prod").services(name));
        return r.services().get(0);
    }

    @Test
    void describeServicesReturnsSteadyServiceAndMissingOnesAsFailures() {
        DescribeServicesResponse r = ecs.describeServices(b -> b.cluster("prod").services("web", "nope"));
        assertEquals(1, r.services().size());
        Service web = r.services().get(0);
        assertEquals("arn:aws:ecs:us-east-1:123456789012:service/prod/web", web.serviceArn());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:task-definition/web:6", web.taskDefinition());
        assertEquals(4, web.runningCount());
        assertEquals(1, web.deployments().size());
        assertEquals(DeploymentRolloutState.COMPLETED, web.deployments().get(0).rolloutState());
        assertEquals("MISSING", r.failures().get(0).reason());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:service/prod/nope", r.failures().get(0).arn());
    }

    @Test
    void describeServicesRefusesMoreThanTenServicesAndUnknownClusters() {
        InvalidParameterException tooMany = assertThrows(InvalidParameterException.class, () ->
                ecs.describeServices(b -> b.cluster("prod").services("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")));
        assertEquals("InvalidParameterException", tooMany.awsErrorDetails().errorCode());
        assertEquals(400, tooMany.statusCode());
        ClusterNotFoundException noCluster = assertThrows(ClusterNotFoundException.class, () ->
                ecs.describeServices(b -> b.cluster("staging").services("web")));
        assertEquals(400, noCluster.statusCode());
    }

    @Test
    void newRevisionRollsOutTaskByTaskThenCompletesAndDropsTheOldDeployment() {
        Service updated = ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:7")).service();
        assertEquals(2, updated.deployments().size());
        Deployment primary = updated.deployments().get(0);
        assertEquals("PRIMARY", primary.status());
        assertEquals(DeploymentRolloutState.IN_PROGRESS, primary.rolloutState());
        assertTrue(primary.taskDefinition().endsWith("web:7"));
        assertEquals("ACTIVE", updated.deployments().get(1).status());

        clock.advance(Duration.ofSeconds(60));
        Service midway = describe("web");
        assertEquals(2, midway.deployments().get(0).runningCount());
        assertEquals(2, midway.deployments().get(1).runningCount());

        clock.advance(Duration.ofMinutes(5));
        Service done = describe("web");
        assertEquals(1, done.deployments().size());
        assertEquals(DeploymentRolloutState.COMPLETED, done.deployments().get(0).rolloutState());
        assertEquals(4, done.runningCount());
        assertTrue(done.taskDefinition().endsWith("web:7"));
    }

    @Test
    void theAdminStateShowsTheServicesWithTheirTimes() throws Exception {
        ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:7"));
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/_sim/state")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        var web = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("services").path("ecs")
                .path("us-east-1").path("clusters").path("prod").path("web");
        assertEquals(START.toString(), web.path("deployments").get(0).path("createdAt").asText(), web.toString());
    }

    @Test
    void readingTheServiceMoreOftenThanATaskStartsDoesNotHoldTheDeploymentBack() {
        ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:7"));
        // read every 10 s, as a reconciler polling once a pass does: a task still starts every 30 s
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(10));
            describe("web");
        }
        Service midway = describe("web");
        assertEquals(2, midway.deployments().get(0).runningCount());
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofSeconds(10));
            describe("web");
        }
        Service done = describe("web");
        assertEquals(1, done.deployments().size());
        assertEquals(DeploymentRolloutState.COMPLETED, done.deployments().get(0).rolloutState());
        assertEquals(4, done.runningCount());
    }

    @Test
    void badRevisionTripsCircuitBreakerAndRollsBackToThePreviousRevision() {
        ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:8"));
        clock.advance(Duration.ofSeconds(90));
        Deployment failed = describe("web").deployments().stream()
                .filter(d -> d.taskDefinition().endsWith("web:8")).findFirst().orElseThrow();
        assertEquals(DeploymentRolloutState.FAILED, failed.rolloutState());
        assertEquals(3, failed.failedTasks());
        Service rollingBack = describe("web");
        assertTrue(rollingBack.taskDefinition().endsWith("web:6"));
        assertEquals(DeploymentRolloutState.IN_PROGRESS, rollingBack.deployments().get(0).rolloutState());
        assertTrue(rollingBack.deployments().get(0).rolloutStateReason().contains("circuit breaker"));

        clock.advance(Duration.ofMinutes(10));
        Service back = describe("web");
        assertEquals(1, back.deployments().size());
        assertEquals(DeploymentRolloutState.COMPLETED, back.deployments().get(0).rolloutState());
        assertTrue(back.taskDefinition().endsWith("web:6"));

        List<ServiceDeploymentBrief> history = ecs.listServiceDeployments(b -> b.cluster("prod").service("web"))
                .serviceDeployments();
        assertEquals(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL, history.get(0).status());
        assertEquals(ServiceDeploymentStatus.SUCCESSFUL, history.get(1).status());
        var described = ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(history.get(0).serviceDeploymentArn()))
                .serviceDeployments().get(0);
        assertEquals(3, described.deploymentCircuitBreaker().failureCount());
        assertTrue(described.rollback().serviceRevisionArn().contains("service-revision/prod/web/"));
    }

    @Test
    void badRevisionWithoutCircuitBreakerStaysInProgressForever() {
        ecs.updateService(b -> b.cluster("prod").service("api").taskDefinition("web:8"));
        clock.advance(Duration.ofHours(2));
        Service api = describe("api");
        assertEquals(DeploymentRolloutState.IN_PROGRESS, api.deployments().get(0).rolloutState());
        assertEquals(240, api.deployments().get(0).failedTasks());
        assertEquals(2, api.runningCount(), "the old tasks keep serving");
    }

    @Test
    void desiredCountAloneStartsNoDeploymentButForceNewDeploymentDoes() {
        Service scaled = ecs.updateService(b -> b.cluster("prod").service("api").desiredCount(3)).service();
        assertEquals(1, scaled.deployments().size());
        assertEquals(3, scaled.desiredCount());
        Service forced = ecs.updateService(b -> b.cluster("prod").service("api").forceNewDeployment(true)).service();
        assertEquals(2, forced.deployments().size());
        assertTrue(forced.deployments().get(0).taskDefinition().endsWith("web:6"));
    }

    @Test
    void updateServiceRefusesUnknownServiceInactiveServiceAndUnknownRevision() {
        ServiceNotFoundException missing = assertThrows(ServiceNotFoundException.class, () ->
                ecs.updateService(b -> b.cluster("prod").service("nope").desiredCount(1)));
        assertEquals("ServiceNotFoundException", missing.awsErrorDetails().errorCode());
        ServiceNotActiveException inactive = assertThrows(ServiceNotActiveException.class, () ->
                ecs.updateService(b -> b.cluster("prod").service("old").desiredCount(1)));
        assertEquals(400, inactive.statusCode());
        ClientException unknown = assertThrows(ClientException.class, () ->
                ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:99")));
        assertEquals("TaskDefinition not found.", unknown.awsErrorDetails().errorMessage());
        assertThrows(ClusterNotFoundException.class, () ->
                ecs.updateService(b -> b.cluster("staging").service("web").desiredCount(1)));
        assertThrows(InvalidParameterException.class, () ->
                ecs.updateService(b -> b.cluster("prod").service("web").desiredCount(-1)));
    }

    @Test
    void circuitBreakerSettingIsStoredAndReturned() {
        Service s = ecs.updateService(b -> b.cluster("prod").service("api").deploymentConfiguration(c -> c
                .deploymentCircuitBreaker(cb -> cb.enable(true).rollback(false)).maximumPercent(150)
                .minimumHealthyPercent(50))).service();
        assertTrue(s.deploymentConfiguration().deploymentCircuitBreaker().enable());
        assertEquals(150, s.deploymentConfiguration().maximumPercent());
        ecs.updateService(b -> b.cluster("prod").service("api").taskDefinition("web:8"));
        clock.advance(Duration.ofMinutes(5));
        Service api = describe("api");
        assertEquals(DeploymentRolloutState.FAILED, api.deployments().get(0).rolloutState());
        assertTrue(api.taskDefinition().endsWith("web:8"), "no rollback without rollback=true");
    }

    @Test
    void describeTaskDefinitionByRevisionFamilyOrArnAndUnknownIsClientException() {
        assertEquals(6, ecs.describeTaskDefinition(b -> b.taskDefinition("web:6")).taskDefinition().revision());
        assertEquals(8, ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision());
        assertEquals(7, ecs.describeTaskDefinition(b -> b.taskDefinition(
                "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7")).taskDefinition().revision());
        ClientException e = assertThrows(ClientException.class, () ->
                ecs.describeTaskDefinition(b -> b.taskDefinition("db:1")));
        assertEquals("ClientException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void aCodeDeployServiceReportsItsControllerAndRefusesANewTaskDefinition() {
        Service coded = ecs.describeServices(r -> r.cluster("prod").services("coded")).services().get(0);
        assertEquals("CODE_DEPLOY", coded.deploymentController().typeAsString());
        assertEquals("ROLLING", coded.deploymentConfiguration().strategyAsString());
        InvalidParameterException refused = assertThrows(InvalidParameterException.class, () ->
                ecs.updateService(u -> u.cluster("prod").service("coded").taskDefinition("web:7")));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.awsErrorDetails().errorMessage().startsWith(
                "Unable to update task definition on services with a CODE_DEPLOY deployment controller."));
        ecs.updateService(u -> u.cluster("prod").service("coded").desiredCount(3));
    }
}
