package io.sluice.reconcile;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYaml;
import io.sluice.sim.Fault;
import io.sluice.sim.ScenarioFields;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** A provider error keeps its cause (HTTP status, AWS code and message) in the check's status, the file and the message. */
class ProviderErrorCauseTest {

    @Test
    void anEndpointThatIsNotAwsAnswering404IsReportedWithItsStatusNeverAsNull() throws Exception {
        HttpServer notAws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        notAws.createContext("/", ex -> {
            byte[] body = "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        notAws.start();
        try (CloudWatchClient cw = CloudWatchClient.builder().region(Region.AP_NORTHEAST_2)
                .endpointOverride(URI.create("http://127.0.0.1:" + notAws.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            SdkException e = org.junit.jupiter.api.Assertions.assertThrows(SdkException.class,
                    () -> cw.describeAlarms(d -> d.alarmNames("a")));
            String said = io.sluice.analysis.ProviderErrorsAccess.describe("CloudWatch DescribeAlarms", e);
            assertTrue(said.startsWith("CloudWatch DescribeAlarms: HTTP 404"), said);
            assertFalse(said.contains("null"), said);
        } finally {
            notAws.stop(0);
        }
    }

    @Test
    void a503FromCloudWatchShowsInTheCheckAndTheHoldMessage() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(ResilienceTest.HEALTHY_ISSHONI)) {
            Rollout r = example("isshoni-web", s -> s.replace("    interval: 30s\n",
                    "    interval: 30s\n    maxConsecutiveErrors: 2\n"));
            RolloutStatus s = null;
            for (int i = 0; i < 6; i++) {
                s = h.pass(r).statuses().get(r.name());
                h.clock.advance(Duration.ofSeconds(20));
            }
            h.sim.control().faults().add(Fault.parse(ScenarioFields.of("fault", Map.of("service", "monitoring",
                    "kind", "http503"))));
            for (int i = 0; i < 6; i++) {
                s = h.pass(r).statuses().get(r.name());
                h.clock.advance(Duration.ofSeconds(31));
            }
            RolloutStatus.CheckStatus alarms = s.checks().stream().filter(c -> c.name().equals("websocket-and-redis"))
                    .findFirst().orElseThrow();
            assertEquals(RolloutStatus.Result.error, alarms.result(), h.timeline());
            assertTrue(alarms.detail().orElse("").contains("HTTP 503 ServiceUnavailable"), alarms.toString());
            assertTrue(s.message().contains("HTTP 503 ServiceUnavailable"), s.message());
            assertTrue(StatusYaml.write(s).contains("HTTP 503 ServiceUnavailable"), StatusYaml.write(s));
        }
    }
}
