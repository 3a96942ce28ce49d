package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.git.servers.GitCli;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice simulate} as the README runs it, scraped by a real Prometheus: the query API shows
 * nodeapp-alb's canary weight stepping 10, then 50, as AWS serves them, then the rollout completing
 * (its last weight, 100, is verified and completed in one pass, after which there is no canary), and
 * isshoni-web rolling back (abort counter up, phase RolledBack).
 */
class PrometheusScrapesARolloutIT {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String NODEAPP_WEIGHT = "sluice_rollout_canary_weight_percent{rollout=\"nodeapp-alb\"}";

    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void weightSeriesStepsAndTheRollbackCounterRises() throws Exception {
        int httpPort = GitCli.freePort();
        Path promDir = Files.createDirectories(tmp.resolve("prometheus"));
        // Prometheus first, so that it scrapes from the daemon's first second on and sees the first step
        try (ScrapingPrometheus prometheus = new ScrapingPrometheus(httpPort, Duration.ofMillis(500), promDir)) {
            prometheus.awaitReady(WITHIN);
            try (SluiceProcess daemon = SluiceProcess.start("sluice-simulate", List.of("-Dquarkus.http.port=" + httpPort),
                    List.of("simulate", "--speed", "120", "--work-dir", tmp.resolve("simulate").toString()), Map.of(), tmp)) {
                daemon.awaitHttp(URI.create("http://127.0.0.1:" + httpPort + "/q/health/live"), WITHIN);
                prometheus.awaitTargetUp(WITHIN);
                assertRolloutAndRollbackScraped(daemon, prometheus);
            }
        }
    }

    private static void assertRolloutAndRollbackScraped(SluiceProcess daemon, ScrapingPrometheus prometheus) {
        Await.until(WITHIN, "isshoni-web rolled back and counted in sluice_rollout_aborts_total",
                () -> prometheus.query("sum(sluice_rollout_aborts_total{rollout=\"isshoni-web\"}) > 0"
                        + " and on() sluice_rollout_phase{rollout=\"isshoni-web\",phase=\"RolledBack\"} == 1"),
                r -> !r.isEmpty(), () -> daemon.tail() + "\n" + prometheus.tail());
        Await.until(WITHIN, "nodeapp-alb completed in Prometheus",
                () -> prometheus.query("sluice_rollout_phase{rollout=\"nodeapp-alb\",phase=\"Healthy\"} == 1"
                        + " and on() sluice_rollout_step{rollout=\"nodeapp-alb\"} == 0"),
                r -> !r.isEmpty() && stepsOf(prometheus.samples(NODEAPP_WEIGHT, Duration.ofMinutes(5))).contains(50.0),
                () -> daemon.tail() + "\n" + prometheus.tail());
        List<Double> steps = stepsOf(prometheus.samples(NODEAPP_WEIGHT, Duration.ofMinutes(5)));
        assertEquals(List.of(10.0, 50.0), steps,
                "canary weights of nodeapp-alb as scraped, zeros and repeats left out\n" + daemon.tail());
        JsonNode phase = prometheus.query("sluice_rollout_phase{rollout=\"isshoni-web\",phase=\"RolledBack\"}");
        assertEquals("1", phase.get(0).path("value").get(1).asText(), "isshoni-web's RolledBack phase gauge: " + phase);
    }

    /** The distinct non-zero values of a series in the order they appeared (0 is the weight before start and after completion). */
    private static List<Double> stepsOf(List<ScrapingPrometheus.Sample> samples) {
        List<Double> steps = new ArrayList<>();
        for (ScrapingPrometheus.Sample s : samples) {
            if (s.value() != 0 && (steps.isEmpty() || steps.get(steps.size() - 1) != s.value())) {
                steps.add(s.value());
            }
        }
        return steps;
    }
}
