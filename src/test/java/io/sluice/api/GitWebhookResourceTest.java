package io.sluice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.sluice.git.PollTrigger;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook over real HTTP: valid GitHub and GitLab requests wake the poll loop, others get 401. */
@QuarkusTest
@TestProfile(GitWebhookResourceTest.WithSecret.class)
class GitWebhookResourceTest {
    static final String SECRET = "It's a Secret to Everybody";
    static final String BODY = "{\"ref\":\"refs/heads/main\",\"after\":\"3f2c9e1\"}";

    public static class WithSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.git.webhook-secret", SECRET);
        }
    }

    @Inject
    PollTrigger trigger;
    @Inject
    MeterRegistry registry;

    static String githubSignature(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(GitWebhookResource.hmacSha256(
                secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    double count(String outcome) {
        var counter = registry.find(GitWebhookResource.REQUESTS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aCorrectGitHubSignatureRequestsAPoll() {
        long before = trigger.requestCount();
        double accepted = count("accepted");
        given().header("X-Hub-Signature-256", githubSignature(SECRET, BODY)).header("X-GitHub-Event", "push")
                .contentType("application/json").body(BODY)
                .when().post("/api/webhook/git").then().statusCode(202);
        assertEquals(before + 1, trigger.requestCount());
        assertEquals(accepted + 1, count("accepted"));
    }

    @Test
    void aCorrectGitLabTokenRequestsAPoll() {
        long before = trigger.requestCount();
        given().header("X-Gitlab-Token", SECRET).header("X-Gitlab-Event", "Push Hook")
                .contentType("application/json").body(BODY)
                .when().post("/api/webhook/git").then().statusCode(202);
        assertEquals(before + 1, trigger.requestCount());
    }

    @Test
    void refusesAndCountsUnsignedWronglySignedAndTamperedRequests() {
        long before = trigger.requestCount();
        double rejected = count("rejected");
        given().contentType("application/json").body(BODY)
                .when().post("/api/webhook/git").then().statusCode(401).body(containsString("unsigned"));
        given().header("X-Hub-Signature-256", githubSignature("not the secret", BODY)).contentType("application/json")
                .body(BODY).when().post("/api/webhook/git").then().statusCode(401);
        given().header("X-Hub-Signature-256", githubSignature(SECRET, BODY)).contentType("application/json")
                .body(BODY.replace("main", "evil")).when().post("/api/webhook/git").then().statusCode(401);
        given().header("X-Hub-Signature-256", "sha256=zz").contentType("application/json")
                .body(BODY).when().post("/api/webhook/git").then().statusCode(401);
        given().header("X-Gitlab-Token", SECRET + "x").contentType("application/json")
                .body(BODY).when().post("/api/webhook/git").then().statusCode(401);
        assertEquals(before, trigger.requestCount());
        assertEquals(rejected + 5, count("rejected"));
    }

    @Test
    void theCounterIsExportedForPrometheus() {
        given().header("X-Gitlab-Token", "wrong").body(BODY).when().post("/api/webhook/git").then().statusCode(401);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("sluice_webhook_requests_total{outcome=\"rejected\"}"));
    }
}
