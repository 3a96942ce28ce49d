package io.sluice.sim.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sim.Scenario;
import io.sluice.sim.elbv2.Elbv2Sim;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The published buckets as the real SDK clients (retries off) meet them over HTTP. */
class SimQuotaTest {
    private static final String LAMBDA = """
            lambda:
              functions:
                - name: orders
                  versions: [1, 2]
                  aliases: [{name: live, functionVersion: 1}]
            """;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Elbv2Sim sim(String quotas) throws Exception {
        Elbv2Sim sim = new Elbv2Sim(Elbv2Sim.SCENARIO + LAMBDA + quotas);
        open.add(sim);
        return sim;
    }

    private ElasticLoadBalancingV2Client elb(Elbv2Sim sim, String accessKey) {
        ElasticLoadBalancingV2Client c = ElasticLoadBalancingV2Client.builder().endpointOverride(sim.server.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "s")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        open.add(c);
        return c;
    }

    private LambdaClient lambda(Elbv2Sim sim) {
        LambdaClient c = LambdaClient.builder().endpointOverride(sim.server.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        open.add(c);
        return c;
    }

    /** Runs {@code n} calls; the error code of each, or "ok". */
    private static List<String> outcomes(int n, Runnable call) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                call.run();
                out.add("ok");
            } catch (AwsServiceException e) {
                out.add(e.awsErrorDetails().errorCode() + "/" + e.statusCode() + "/" + e.isThrottlingException());
            }
        }
        return out;
    }

    private static JsonNode quotas(Elbv2Sim sim) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.server.endpoint() + "/_sim/quotas")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void theFortyFirstQuickDescribeIsThrottledWithTheElbv2Error() throws Exception {
        Elbv2Sim sim = sim("quotas: {enabled: true, scale: 0.001}\n");
        String lb = sim.loadBalancerArn();
        List<String> got = outcomes(45, () -> elb(sim, "AKIDEXAMPLE").describeListeners(r -> r.loadBalancerArn(lb)));
        // loadBalancerArn() itself made one Describe call before these 45
        assertEquals(39, got.stream().filter("ok"::equals).count(), got.toString());
        assertEquals(List.of("Throttling/400/true"), got.subList(39, 45).stream().distinct().toList());
        try {
            elb(sim, "AKIDEXAMPLE").describeListeners(r -> r.loadBalancerArn(lb));
        } catch (AwsServiceException e) {
            assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
        }
        JsonNode usage = quotas(sim).path("accounts").path("123456789012").path("us-east-1").path("elbv2-describe");
        assertEquals(47, usage.path("calls").asLong(), usage.toString());
        assertEquals(7, usage.path("throttled").asLong(), usage.toString());
        assertEquals(47, quotas(sim).path("totals").path("elb-account").path("calls").asLong());
    }

    @Test
    void eachAccountHasItsOwnBuckets() throws Exception {
        Elbv2Sim sim = sim("quotas: {enabled: true, scale: 0.001, accounts: {AKIDOTHER: \"210987654321\"}}\n");
        String lb = sim.loadBalancerArn();
        outcomes(45, () -> elb(sim, "AKIDEXAMPLE").describeListeners(r -> r.loadBalancerArn(lb)));
        List<String> other = outcomes(40, () -> elb(sim, "AKIDOTHER").describeListeners(r -> r.loadBalancerArn(lb)));
        assertEquals(List.of("ok"), other.stream().distinct().toList());
        assertEquals(40, quotas(sim).path("accounts").path("210987654321").path("us-east-1")
                .path("elbv2-describe").path("calls").asLong());
    }

    @Test
    void theSixteenthLambdaControlCallInASecondGetsTooManyRequests() throws Exception {
        Elbv2Sim sim = sim("quotas: {enabled: true, scale: 0.001}\n");
        LambdaClient lambda = lambda(sim);
        List<String> got = outcomes(15, () -> lambda.getAlias(r -> r.functionName("orders").name("live")));
        assertEquals(List.of("ok"), got.stream().distinct().toList());
        try {
            lambda.listAliases(r -> r.functionName("orders"));
            throw new AssertionError("expected the 16th control-plane call to be throttled");
        } catch (TooManyRequestsException e) {
            assertEquals(429, e.statusCode());
            assertTrue(e.isThrottlingException());
            assertEquals("CallerRateLimitExceeded", e.reasonAsString());
            assertEquals("1", e.retryAfterSeconds());
        }
    }

    @Test
    void bucketsRefillWithRealElapsedTimeAtTheScaledRate() throws Exception {
        Elbv2Sim sim = sim("quotas: {enabled: true, scale: 10, buckets: {elb-account: {burst: 10}}}\n");
        String lb = sim.loadBalancerArn();
        ElasticLoadBalancingV2Client elb = elb(sim, "AKIDEXAMPLE");
        List<String> drained = outcomes(40, () -> elb.describeListeners(r -> r.loadBalancerArn(lb)));
        assertTrue(drained.contains("Throttling/400/true"), drained.toString());
        Thread.sleep(300); // 100 tokens a second: the 10-token bucket is full again
        assertEquals(List.of("ok"), outcomes(5, () -> elb.describeListeners(r -> r.loadBalancerArn(lb)))
                .stream().distinct().toList());
        assertTrue(quotas(sim).path("totals").path("elb-account").path("throttled").asLong() > 0);
    }

    private static HttpResponse<String> admin(Elbv2Sim sim, String method, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.server.endpoint() + "/_sim/quotas"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAdminApiTurnsQuotasOnAndResetsTheirCounts() throws Exception {
        Elbv2Sim sim = sim("");
        String lb = sim.loadBalancerArn();
        assertEquals(200, admin(sim, "POST", "{\"enabled\": true, \"scale\": 0.001,"
                + " \"buckets\": {\"elbv2-describe\": {\"burst\": 3}}}").statusCode());
        List<String> got = outcomes(4, () -> elb(sim, "AKIDEXAMPLE").describeListeners(r -> r.loadBalancerArn(lb)));
        assertEquals(List.of("ok", "ok", "ok", "Throttling/400/true"), got);
        assertEquals(1, quotas(sim).path("totals").path("elbv2-describe").path("throttled").asLong());
        assertEquals(200, admin(sim, "DELETE", null).statusCode());
        assertTrue(quotas(sim).path("totals").isEmpty());
        assertEquals("ok", outcomes(1, () -> elb(sim, "AKIDEXAMPLE").describeListeners(r -> r.loadBalancerArn(lb)))
                .get(0), "a reset refills");
        HttpResponse<String> refused = admin(sim, "POST", "{\"enabled\": true, \"buckets\": {\"nope\": {}}}");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("quotas.buckets.nope: unknown bucket"), refused.body());
    }

    @Test
    void quotasAreOffUnlessTheScenarioTurnsThemOn() throws Exception {
        Elbv2Sim sim = sim("");
        String lb = sim.loadBalancerArn();
        assertEquals(List.of("ok"), outcomes(60, () -> elb(sim, "AKIDEXAMPLE").describeListeners(
                r -> r.loadBalancerArn(lb))).stream().distinct().toList());
        assertEquals(false, quotas(sim).path("enabled").asBoolean(true));
        Scenario.parse(Elbv2Sim.SCENARIO + "quotas: {enabled: true}\n").applyTo(sim.server);
        assertTrue(quotas(sim).path("enabled").asBoolean());
    }
}
