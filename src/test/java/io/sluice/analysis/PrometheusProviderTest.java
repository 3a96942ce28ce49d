package io.sluice.analysis;

import static io.sluice.analysis.AnalysisSim.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.plan.AbortVerdict;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Prometheus provider against a real Prometheus server scraping a local app. */
class PrometheusProviderTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static RealPrometheus prometheus;
    static DefaultAnalyzer analyzer;
    static PrometheusProvider provider;

    @BeforeAll
    static void start() throws Exception {
        prometheus = new RealPrometheus();
        prometheus.awaitRates(Duration.ofSeconds(30));
        analyzer = new DefaultAnalyzer(null, DefaultAnalyzer.Settings.defaults(), Optional.empty());
        provider = new PrometheusProvider(HttpClient.newHttpClient(), Duration.ofSeconds(5), AddressOverrides.none());
    }

    @AfterAll
    static void stop() throws Exception {
        analyzer.close();
        prometheus.close();
    }

    /** The model-platform rules, with 5s rate windows instead of 1m so that the test runs in seconds. */
    static Rollout modelPlatform(String address) {
        return Rollouts.alb("model-platform", """
                - name: error-rate
                  prometheus:
                    address: %1$s
                    query: sum(rate(http_requests_total{colour="green",code=~"5.."}[5s])) / sum(rate(http_requests_total{colour="green"}[5s]))
                  failIf: { above: 0.05 }
                  for: 5
                - name: p95-latency
                  prometheus:
                    address: %1$s
                    query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{colour="green"}[5s])))
                  failIf: { above: 2 }
                  for: 3
                """.formatted(address));
    }

    @Test
    void errorRateAboveFivePercentForFiveAndP95AboveTwoSecondsForThreeMeasurements() throws Exception {
        Rollout rollout = modelPlatform(prometheus.address);
        prometheus.serve(0.01, 0.2);
        Thread.sleep(6500);
        List<CheckStatus> healthy = analyzer.measure(List.of(AnalysisSim.request(rollout, "green", "blue", List.of())), NOW)
                .get("model-platform");
        assertEquals(Result.pass, check(healthy, "error-rate").result());
        assertEquals(0.01, check(healthy, "error-rate").value().orElseThrow(), 1e-9);
        assertEquals(Result.pass, check(healthy, "p95-latency").result());
        assertEquals(0.475, check(healthy, "p95-latency").value().orElseThrow(), 1e-9, "interpolated in the 0.5s bucket");

        prometheus.serve(0.10, 3.0);
        Thread.sleep(6500);
        Check errorRate = rollout.analysis().orElseThrow().checks().get(0);
        Check p95 = rollout.analysis().orElseThrow().checks().get(1);
        List<CheckStatus> last = healthy;
        for (int i = 1; i <= 5; i++) {
            last = analyzer.measure(List.of(AnalysisSim.request(rollout, "green", "blue", last)), NOW.plusSeconds(60L * i))
                    .get("model-platform");
            CheckStatus e = check(last, "error-rate");
            CheckStatus p = check(last, "p95-latency");
            assertEquals(0.10, e.value().orElseThrow(), 1e-9);
            assertEquals(4.85, p.value().orElseThrow(), 1e-9, "interpolated in the 2..5s bucket");
            assertEquals(i == 5, AbortVerdict.abortsRollout(errorRate, e), "error rate aborts at the 5th failure");
            assertEquals(i >= 3, AbortVerdict.abortsRollout(p95, p), "p95 aborts from the 3rd failure");
        }
    }

    @Test
    void aScalarIsAValueAndNaNOrAnEmptyVectorIsNoData() {
        assertEquals(Measurement.Value.of(3), provider.query(new Check.Prometheus(prometheus.address, "3")));
        assertEquals(Measurement.Value.of(1), provider.query(new Check.Prometheus(prometheus.address + "/", "up{job=\"app\"}")));
        assertTrue(provider.query(new Check.Prometheus(prometheus.address, "0/0")) instanceof Measurement.NoData);
        assertTrue(provider.query(new Check.Prometheus(prometheus.address, "http_requests_total{colour=\"purple\"}"))
                instanceof Measurement.NoData);
    }

    @Test
    void severalSeriesABadQueryOrAnUnreachableServerAreProviderErrors() throws Exception {
        assertEquals(new Measurement.ProviderError("query returned 2 series; aggregate it to one"),
                provider.query(new Check.Prometheus(prometheus.address, "sum by (code) (http_requests_total)")));
        Measurement bad = provider.query(new Check.Prometheus(prometheus.address, "sum(http_requests_total"));
        assertTrue(bad instanceof Measurement.ProviderError pe && pe.reason().contains("HTTP 400: bad_data"), bad.toString());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Measurement down = provider.query(new Check.Prometheus("http://127.0.0.1:" + closed, "up"));
        assertTrue(down instanceof Measurement.ProviderError pe && pe.reason().contains("unreachable"), down.toString());
        assertTrue(provider.isOnline(prometheus.address));
        assertFalse(provider.isOnline("http://127.0.0.1:" + closed));

        Rollout unreachable = modelPlatform("http://127.0.0.1:" + closed);
        List<CheckStatus> s = analyzer.measure(List.of(AnalysisSim.request(unreachable, "green", "blue", List.of())), NOW)
                .get("model-platform");
        assertEquals(Result.error, s.get(0).result());
        assertEquals(0, s.get(0).consecutiveFailures(), "an unreachable Prometheus never counts as a failure");
    }
}
