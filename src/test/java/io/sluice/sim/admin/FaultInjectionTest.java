package io.sluice.sim.admin;

import static io.sluice.sim.elbv2.Elbv2Sim.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.elbv2.Elbv2Sim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class FaultInjectionTest {
    private Elbv2Sim sim;
    private AdminHttp admin;

    @BeforeEach
    void start() throws Exception {
        sim = new Elbv2Sim();
        admin = new AdminHttp(sim.server.endpoint());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private void fault(String json) {
        assertEquals(200, admin.post("/_sim/faults", json).status());
    }

    @Test
    void throttlingIsSeenByTheClientAsTheServiceThrottlingCode() {
        fault("{\"service\":\"elasticloadbalancing\",\"operation\":\"DescribeListeners\",\"kind\":\"throttle\",\"times\":1}");
        AwsServiceException e = assertRefused("Throttling", 400,
                () -> sim.elb.describeListeners(r -> r.loadBalancerArn(sim.loadBalancerArn())));
        assertTrue(e.isThrottlingException());
        assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
        sim.elb.describeListeners(r -> r.loadBalancerArn(sim.loadBalancerArn()));
        var calls = admin.get("/_sim/calls").body().get("elasticloadbalancing").get("DescribeListeners");
        assertEquals(1, calls.get("Throttling").asInt());
        assertEquals(1, calls.get("ok").asInt());
    }

    @Test
    void aServiceUnavailableFaultAnswers503UntilCleared() {
        fault("{\"service\":\"elasticloadbalancing\",\"kind\":\"http503\"}");
        assertRefused("ServiceUnavailable", 503, () -> sim.elb.describeTargetGroups(r -> { }));
        assertRefused("ServiceUnavailable", 503, () -> sim.elb.describeLoadBalancers(r -> { }));
        assertEquals(200, admin.delete("/_sim/faults").status());
        sim.elb.describeTargetGroups(r -> { });
    }

    @Test
    void anInternalErrorFaultAnswers500() {
        fault("{\"operation\":\"DescribeTargetHealth\",\"kind\":\"http500\",\"times\":2}");
        String blue = sim.targetGroupArn("shop-blue");
        assertRefused("InternalFailure", 500, () -> sim.elb.describeTargetHealth(r -> r.targetGroupArn(blue)));
        assertRefused("InternalFailure", 500, () -> sim.elb.describeTargetHealth(r -> r.targetGroupArn(blue)));
        sim.elb.describeTargetHealth(r -> r.targetGroupArn(blue));
    }

    @Test
    void latencyDelaysTheAnswer() {
        String arn = sim.loadBalancerArn();
        fault("{\"operation\":\"DescribeListeners\",\"kind\":\"latency\",\"latencyMillis\":400}");
        long started = System.nanoTime();
        sim.elb.describeListeners(r -> r.loadBalancerArn(arn));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 400, "took " + tookMillis + " ms");
    }

    @Test
    void aDroppedConnectionIsAClientSideFailure() {
        fault("{\"operation\":\"DescribeLoadBalancers\",\"kind\":\"drop\",\"times\":1}");
        assertThrows(SdkClientException.class, () -> sim.elb.describeLoadBalancers(r -> { }));
        sim.elb.describeLoadBalancers(r -> { });
        assertEquals(1, admin.get("/_sim/calls").body().get("elasticloadbalancing").get("DescribeLoadBalancers")
                .get("dropped").asInt());
    }

    @Test
    void aFaultWindowFollowsTheSimulatorClock() {
        fault("{\"kind\":\"throttle\",\"from\":\"2026-11-24T10:01:00Z\",\"until\":\"2026-11-24T10:02:00Z\"}");
        sim.elb.describeLoadBalancers(r -> { });
        sim.advance(60);
        assertRefused("Throttling", 400, () -> sim.elb.describeLoadBalancers(r -> { }));
        sim.advance(60);
        sim.elb.describeLoadBalancers(r -> { });
    }

    @Test
    void stsIsThrottledWithItsOwnErrorShape() {
        fault("{\"service\":\"sts\",\"kind\":\"throttle\"}");
        try (StsClient sts = StsClient.builder().endpointOverride(sim.server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            AwsServiceException e = assertRefused("Throttling", 400, sts::getCallerIdentity);
            assertTrue(e.isThrottlingException());
        }
        sim.elb.describeLoadBalancers(r -> { });
    }

    @Test
    void scenarioFaultsAreReadWithTheScenario() {
        String scenario = Elbv2Sim.SCENARIO + """
                faults:
                  - {service: elasticloadbalancing, operation: ModifyListener, kind: throttle, times: 1}
                """;
        assertEquals(200, admin.post("/_sim/scenario", scenario).status());
        assertEquals("ModifyListener", admin.get("/_sim/state").body().get("faults").get(0).get("operation").asText());
        String http = sim.listenerArn(80);
        assertRefused("Throttling", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).port(8080)));
    }
}
