package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.plan.AbortVerdict;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP probe against a real local HTTP server: status, latency, timeouts, refused connections. */
class HttpProbeTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    HttpServer server;
    String base;
    DefaultAnalyzer analyzer;
    final HttpProbe probe = new HttpProbe(HttpClient.newHttpClient(), AddressOverrides.none());

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health/deep", x -> {
            sleep(100);
            byte[] body = "{\"db\":\"ok\"}".getBytes();
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/down", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.createContext("/accepted", x -> {
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/health/deep");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/slow", x -> {
            sleep(3000);
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        analyzer = new DefaultAnalyzer(null, DefaultAnalyzer.Settings.defaults(), Optional.empty());
    }

    @AfterEach
    void stop() {
        analyzer.close();
        server.stop(0);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Rollout withProbe(String path, String extra) {
        return Rollouts.alb("nodeapp", """
                - name: deep-health
                  http:
                    url: %s%s
                    timeout: 1s
                %s  for: 3
                """.formatted(base, path, extra));
    }

    @Test
    void theExpectedStatusMeasuresTheLatencyInSeconds() {
        Measurement m = probe.probe(new Check.Http(base + "/health/deep", 200, Duration.ofSeconds(2)));
        assertTrue(m instanceof Measurement.Value, m.toString());
        double latency = ((Measurement.Value) m).value();
        assertTrue(latency >= 0.1 && latency < 2, "latency " + latency);
        assertTrue(probe.probe(new Check.Http(base + "/accepted", 204, Duration.ofSeconds(2))) instanceof Measurement.Value);
    }

    @Test
    void anOverriddenHostIsProbedAtItsStandInAddress() {
        String address = base.substring("http://".length());
        HttpProbe resolved = new HttpProbe(HttpClient.newHttpClient(),
                AddressOverrides.parse(java.util.List.of("nodeapp-green.internal.example.com=" + address)));
        Measurement m = resolved.probe(new Check.Http("http://nodeapp-green.internal.example.com/health/deep", 200,
                Duration.ofSeconds(2)));
        assertTrue(m instanceof Measurement.Value, m.toString());
        Measurement down = resolved.probe(new Check.Http("http://nodeapp-green.internal.example.com/down", 200,
                Duration.ofSeconds(2)));
        assertEquals("HTTP 503 from http://nodeapp-green.internal.example.com/down", ((Measurement.Failing) down).reason());
    }

    @Test
    void anotherStatusFailsAndNamesStatusAndUrl() {
        Measurement m = probe.probe(new Check.Http(base + "/down", 200, Duration.ofSeconds(2)));
        Measurement.Failing f = (Measurement.Failing) m;
        assertEquals("HTTP 503 from " + base + "/down", f.reason());
        assertTrue(f.value().isPresent());
        Measurement.Failing redirect = (Measurement.Failing) probe.probe(new Check.Http(base + "/moved", 200, Duration.ofSeconds(2)));
        assertEquals("HTTP 302 from " + base + "/moved", redirect.reason(), "redirects are not followed");
    }

    @Test
    void aTimeoutFailsTheCheckWithinItsTimeout() {
        long started = System.nanoTime();
        Measurement m = probe.probe(new Check.Http(base + "/slow", 200, Duration.ofMillis(500)));
        double took = (System.nanoTime() - started) / 1e9;
        assertEquals(new Measurement.Failing(Optional.empty(), "no answer from " + base + "/slow within 500ms"), m);
        assertTrue(took < 1.5, "gave up after " + took + "s");
    }

    @Test
    void aRefusedConnectionFailsTheCheck() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Measurement m = probe.probe(new Check.Http("http://127.0.0.1:" + closed + "/health", 200, Duration.ofSeconds(1)));
        assertEquals(new Measurement.Failing(Optional.empty(), "connection to http://127.0.0.1:" + closed + "/health refused"), m);
    }

    @Test
    void threeConsecutiveFailedHealthChecksAbortAndAPassResetsTheCount() {
        Rollout down = withProbe("/down", "");
        Check check = down.analysis().orElseThrow().checks().get(0);
        List<CheckStatus> last = List.of();
        for (int i = 1; i <= 3; i++) {
            last = analyzer.measure(List.of(AnalysisSim.request(down, "green", "blue", last)), NOW.plusSeconds(30L * i)).get("nodeapp");
            assertEquals(Result.fail, last.get(0).result());
            assertEquals(i, last.get(0).consecutiveFailures());
            assertEquals(i == 3, AbortVerdict.abortsRollout(check, last.get(0)));
        }
        Rollout up = withProbe("/health/deep", "");
        List<CheckStatus> twoFailures = List.of(new CheckStatus("deep-health", Optional.empty(), Result.fail, NOW, 2, 0, 0));
        CheckStatus recovered = analyzer.measure(List.of(AnalysisSim.request(up, "green", "blue", twoFailures)), NOW).get("nodeapp").get(0);
        assertEquals(Result.pass, recovered.result());
        assertEquals(0, recovered.consecutiveFailures());
    }

    @Test
    void aProbeThatOutlivesThePassOnlyCostsItsOwnRolloutAMeasurement() {
        Rollout hanging = Rollouts.alb("hanging", """
                - name: deep-health
                  http: { url: %s/slow, timeout: 5s }
                """.formatted(base));
        Rollout healthy = Rollouts.alb("healthy", """
                - name: deep-health
                  http: { url: %s/health/deep }
                """.formatted(base));
        try (DefaultAnalyzer quick = new DefaultAnalyzer(null, new DefaultAnalyzer.Settings(4, Duration.ofSeconds(5),
                Duration.ofMillis(800)), Optional.empty())) {
            long started = System.nanoTime();
            var m = quick.measure(List.of(AnalysisSim.request(hanging, "green", "blue", List.of()),
                    AnalysisSim.request(healthy, "green", "blue", List.of())), NOW);
            assertTrue(System.nanoTime() - started < 2_000_000_000L, "the pass waited no longer than its timeout");
            assertEquals(Result.error, m.get("hanging").get(0).result());
            assertEquals(Result.pass, m.get("healthy").get(0).result());
        }
    }

    @Test
    void measurementsAreCountedWithLowCardinalityLabels() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (DefaultAnalyzer counted = new DefaultAnalyzer(null, DefaultAnalyzer.Settings.defaults(), Optional.of(registry))) {
            counted.measure(List.of(AnalysisSim.request(withProbe("/health/deep", ""), "green", "blue", List.of())), NOW);
            counted.measure(List.of(AnalysisSim.request(withProbe("/down", ""), "green", "blue", List.of())), NOW);
        }
        String scrape = registry.scrape();
        assertTrue(scrape.contains("sluice_check_measurements_total{check=\"deep-health\",result=\"pass\",rollout=\"nodeapp\",} 1.0"), scrape);
        assertTrue(scrape.contains("sluice_check_measurements_total{check=\"deep-health\",result=\"fail\",rollout=\"nodeapp\",} 1.0"), scrape);
        assertFalse(scrape.contains("127.0.0.1"), "no URLs or reasons in labels");
    }
}
