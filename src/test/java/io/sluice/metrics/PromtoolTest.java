package io.sluice.metrics;

import static io.restassured.RestAssured.given;
import static io.sluice.reconcile.BoardFixtures.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.sluice.reconcile.BoardFixtures;
import io.sluice.reconcile.BoardFixtures.Published;
import io.sluice.reconcile.RolloutBoard;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Prometheus's own tool accepts our alert rules and what {@code /q/metrics} exports. */
@QuarkusTest
class PromtoolTest {
    static final String PROMTOOL = "/usr/bin/promtool";

    @Inject
    RolloutBoard board;
    @Inject
    RolloutMetrics metrics;

    @Test
    void alertRulesAreValid() throws Exception {
        Result r = promtool(null, "check", "rules", "deploy/prometheus/sluice-rules.yml");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    @Test
    void alertRulesFireAsTheirUnitTestsSay() throws Exception {
        Result r = promtool(null, "test", "rules", "deploy/prometheus/sluice-rules.test.yml");
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void scrapedMetricsPassTheLinter() throws Exception {
        Instant at = Instant.now().plusSeconds(1);
        BoardFixtures.publish(board, at, Duration.ofMillis(250),
                new Published(example("isshoni-web"), BoardFixtures.isshoniRolledBack(at)),
                new Published(example("makenaide-orchestrator"), BoardFixtures.makenaideHealthy(at)));
        metrics.updateFrom(board.picture());
        String scraped = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(scraped.contains("sluice_rollout_phase{phase=\"RolledBack\",rollout=\"isshoni-web\"} 1"), scraped);

        Result r = promtool(helpWithoutEscapedQuotes(scraped), "check", "metrics");
        assertTrue(r.exit() == 0 || r.exit() == LINT_PROBLEMS, "promtool could not parse the scrape:\n" + r.output());
        List<String> counters = scraped.lines().filter(l -> l.startsWith("# TYPE sluice_") && l.endsWith(" counter"))
                .map(l -> l.split(" ")[2] + "_total no help text").toList();
        List<String> ours = r.output().lines().filter(l -> l.startsWith("sluice_"))
                .filter(l -> !counters.contains(l)).toList();
        assertEquals(List.of(), ours, r.output());
        assertTrue(r.output().contains(KNOWN_COUNTER_ARTIFACT), "the artifact below is gone; drop the filter: "
                + r.output());
    }

    /**
     * promtool 2.42 exits 3 when it finds lint problems. Micrometer's text writer (Prometheus client 1.x)
     * declares a counter family without {@code _total} ({@code # TYPE sluice_rollout_aborts counter})
     * and writes samples with it; this promtool then sees the samples as a family without help, for
     * every counter family so declared. Any other problem with a sluice_ meter fails the test. Problems of Quarkus's own JVM and HTTP meters
     * are not ours and are not checked.
     */
    static final int LINT_PROBLEMS = 3;
    static final String KNOWN_COUNTER_ARTIFACT = "sluice_rollout_aborts_total no help text";

    /**
     * Micrometer writes {@code \"} in the help text of some JVM meters, which the 0.0.4 text format
     * that promtool reads does not allow (the Prometheus server scrapes OpenMetrics, where it is valid).
     */
    static String helpWithoutEscapedQuotes(String scraped) {
        return scraped.lines().map(l -> l.startsWith("# HELP ") ? l.replace("\\\"", "\"") : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    @Test
    void grafanaPanelsAreValidPromQlOnSluiceMetrics() throws Exception {
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("deploy/grafana/sluice-dashboard.json").toFile());
        StringBuilder rules = new StringBuilder("groups:\n  - name: grafana-panels\n    rules:\n");
        int n = 0;
        for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.get("panels")) {
            for (com.fasterxml.jackson.databind.JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                assertTrue(expr.contains("sluice_"), panel.get("title") + ": " + expr);
                String quoted = expr.replace("$rollout", ".*").replace("\\", "\\\\").replace("\"", "\\\"");
                rules.append("      - record: grafana:panel_").append(++n).append("\n        expr: \"")
                        .append(quoted).append("\"\n");
            }
        }
        assertTrue(n >= 10, "panels with queries: " + n);
        Path file = Files.createTempFile("grafana-panels", ".yml");
        Files.writeString(file, rules);
        Result r = promtool(null, "check", "rules", file.toString());
        Files.delete(file);
        assertEquals(0, r.exit(), rules + "\n" + r.output());
    }

    record Result(int exit, String output) {
    }

    static Result promtool(String stdin, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(PROMTOOL)),
                PROMTOOL + " is missing: install the Debian package prometheus (scripts/setup does)");
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("promtool", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Path in = null;
        if (stdin != null) {
            in = Files.createTempFile("scrape", ".txt");
            Files.writeString(in, stdin, StandardCharsets.UTF_8);
            pb.redirectInput(in.toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish in 60s: " + command);
        }
        String output = Files.readString(out);
        Files.delete(out);
        if (in != null) {
            Files.delete(in);
        }
        return new Result(p.exitValue(), output);
    }
}
