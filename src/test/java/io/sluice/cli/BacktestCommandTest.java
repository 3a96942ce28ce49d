package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * backtest against the simulator's generated CloudWatch history (src/test/resources/backtest): shop-api's
 * canary latency doubles 90 minutes into the history, shop-web's canary is the same build as stable.
 * The history ends at the real "now", because CloudWatch's retention is counted from it.
 */
class BacktestCommandTest {
    static final String REPO = "src/test/resources/backtest";
    static final Pattern FAILURE_LINE = Pattern.compile("(?m)^  (\\S+)  fail  (.*)$");
    static Instant start;
    static Instant change;
    static Instant end;
    static SimClock clock;
    static SimServer sim;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void simulatedHistory() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        start = now.minus(Duration.ofHours(3));
        change = start.plus(Duration.ofMinutes(90));
        end = now.minus(Duration.ofMinutes(5));
        clock = SimClock.manual(start);
        sim = SimServer.start(0, clock, SimServices.all(clock));
        Scenario.parse(Files.readString(Path.of(REPO, "scenario.yaml"))).applyTo(sim);
        clock.advance(Duration.ofHours(3));
        // the default credentials chain reads these (the simulator accepts any signed request)
        System.setProperty("aws.accessKeyId", "AKIDBACKTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterAll
    static void stop() {
        sim.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static Run backtest(String... args) {
        CommandLine cli = SluiceMain.oneShot();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("backtest"));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static Run onSim(String rollout, String... more) {
        List<String> args = new ArrayList<>(List.of(REPO, rollout, "--from", start.toString(), "--to", end.toString(),
                "--endpoint-url", sim.endpoint().toString()));
        args.addAll(List.of(more));
        return backtest(args.toArray(String[]::new));
    }

    @Test
    void anUnknownRolloutNameIsRefusedWithTheNamesThereAreAndExitsTwo() {
        Run run = onSim("shop-apj");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("no rollout named shop-apj in " + REPO + "/rollouts (rollouts: shop-api, shop-web)"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aBrokenRolloutFileGivesTheLineValidatePrintsAndExitsOneAsValidateDoes(@TempDir Path dir) throws Exception {
        Path rollouts = Files.createDirectories(dir.resolve("rollouts"));
        Files.copy(Path.of("src/test/resources/rollouts/invalid/29-weight-over-100.yaml"), rollouts.resolve("web.yaml"));
        Run run = backtest(dir.toString(), "web", "--from", "-2h", "--to", "-1h");
        ValidateCommandTest.Run validate = ValidateCommandTest.validate(dir.toString());
        assertEquals(validate.exit(), run.exit(), run.err());
        String problem = rollouts.resolve("web.yaml") + ":19:20: spec.strategy.steps[2].setWeight: weight 150 is outside 0..100\n";
        assertTrue(validate.out().startsWith(problem), validate.out());
        assertTrue(run.err().startsWith(problem), run.err());
        assertTrue(run.err().contains("no valid rollout named web"), run.err());
    }

    @Test
    void fromAfterToIsRefusedBeforeAnyAwsCall() {
        sim.control().calls().clear();
        Run run = backtest(REPO, "shop-api", "--from", end.toString(), "--to", start.toString(),
                "--endpoint-url", sim.endpoint().toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--from " + end + " is not before --to " + start), run.err());
        assertEquals(Map.of(), sim.control().calls().snapshot());
    }

    @Test
    void aTimeThatIsNeitherAnInstantNorADurationAgoIsRefused() {
        Run run = backtest(REPO, "shop-api", "--from", "yesterday", "--to", "now");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--from yesterday: not an ISO-8601 instant"), run.err());
    }

    @Test
    void aWindowFurtherBackThanCloudWatchKeepsOneMinuteDataIsRefused() {
        Run run = backtest(REPO, "shop-api", "--from", "-400h", "--to", "-399h", "--endpoint-url", sim.endpoint().toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("check p95-latency: its first query starts at"), run.err());
        assertTrue(run.err().contains("16 days ago; CloudWatch keeps 1m datapoints for 15 days"), run.err());
    }

    @Test
    void aWindowEndingInTheFutureIsRefused() {
        Run run = backtest(REPO, "shop-api", "--from", "-1h", "--to", Instant.now().plus(Duration.ofHours(1)).toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("is in the future"), run.err());
    }

    @Test
    void aLambdaCheckAgainstStableNeedsTheStableVersionNamed() {
        Run run = backtest("config-repo-example", "makenaide-orchestrator", "--from", "-2h", "--to", "-1h");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("check duration-vs-stable compares with the stable version: give its id with --stable"
                + " (a lambda target does not name it)"), run.err());
    }

    @Test
    void anUnreachableEndpointIsAClearErrorAndExitsFour() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long began = System.nanoTime();
        Run run = backtest(REPO, "shop-api", "--from", start.toString(), "--to", end.toString(),
                "--endpoint-url", "http://127.0.0.1:" + port);
        assertEquals(4, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("no check of shop-api could be measured: CloudWatch GetMetricData: Unable to execute"
                + " HTTP request"), run.err());
        assertTrue(run.out().contains("held at " + start.plus(Duration.ofMinutes(4)) + ": check p95-latency could not be"
                + " measured 5 times in a row"), run.out());
        assertTrue(Duration.ofNanos(System.nanoTime() - began).toSeconds() < 30, "stopped once nothing answered");
    }

    @Test
    void reportsTheLatencyFailureWithinOneIntervalOfTheChangeAndTheRollbackAfterThreeAndWritesNothing() {
        sim.control().calls().clear();
        Run run = onSim("shop-api");
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith("shop-api (" + REPO + "/rollouts/shop-api.yaml): 2 of 3 checks replayed every 1m from "
                + start + " to " + end + "; canary green, stable blue\n"
                + "not replayed (they read live state only): green-healthy (targetHealth)\n"), run.out());
        Matcher failures = FAILURE_LINE.matcher(run.out());
        assertTrue(failures.find(), run.out());
        Instant first = Instant.parse(failures.group(1));
        assertTrue(first.isAfter(change) && !first.isAfter(change.plus(Duration.ofMinutes(1))),
                "first failure at " + first + ", latency doubled at " + change);
        assertTrue(failures.group(2).matches("p95-latency 0\\.\\d+ more than 1\\.5x stable \\(1 of 3\\)"), failures.group(2));
        assertTrue(run.out().contains("\nfive-xx-rate: 176 measurements: 176 pass, 0 fail, 0 inconclusive, 0 errors\n"), run.out());
        Instant rollback = first.plus(Duration.ofMinutes(2));
        assertTrue(run.out().matches("(?s).*\nrolled back at " + Pattern.quote(rollback.toString())
                + ": p95-latency 0\\.\\d+ more than 1\\.5x stable \\(3 of 3\\)\n$"), run.out());
        // one GetMetricData call per measurement time, and nothing else: no write, no describe
        assertEquals(Map.of("monitoring", Map.of("GetMetricData", Map.of("ok", 176L))), numbers(sim.control().calls().snapshot()));
    }

    @Test
    void anIdenticalCanaryIsNotRolledBack() {
        Run run = onSim("shop-web");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().endsWith("no rollback: no check failed its 'for' count in a row from " + start + " to " + end + "\n"),
                run.out());
    }

    @Test
    void jsonCarriesEveryFailureTheRollbackAndTheChecksNotReplayed() throws Exception {
        Run run = onSim("shop-api", "--json");
        assertEquals(3, run.exit(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("shop-api", doc.path("rollout").asText());
        assertEquals(start.toString(), doc.path("from").asText());
        assertEquals("1m", doc.path("interval").asText());
        assertEquals("blue", doc.path("stable").asText());
        JsonNode health = doc.path("checks").get(0);
        assertEquals("green-healthy", health.path("name").asText());
        assertFalse(health.path("replayed").asBoolean());
        JsonNode latency = doc.path("checks").get(1);
        assertEquals(3, latency.path("for").asInt());
        assertEquals(176, latency.path("measurements").asInt());
        JsonNode failures = latency.path("failures");
        Instant first = Instant.parse(failures.get(0).path("at").asText());
        assertTrue(first.isAfter(change) && !first.isAfter(change.plus(Duration.ofMinutes(1))), first.toString());
        assertTrue(failures.get(0).path("value").asDouble() > 0.3, failures.get(0).toString());
        assertEquals(latency.path("fail").asInt(), failures.size());
        JsonNode rollback = doc.path("rollback");
        assertEquals(first.plus(Duration.ofMinutes(2)).toString(), rollback.path("at").asText());
        assertEquals("p95-latency", rollback.path("check").asText());
        assertTrue(rollback.path("automatic").asBoolean());
        assertTrue(doc.path("held").isNull());
    }

    @Test
    void prometheusQueriesAreEvaluatedAtEachMeasurementTime(@TempDir Path dir) throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        Instant from = to.minus(Duration.ofMinutes(20));
        Instant slower = from.plus(Duration.ofMinutes(10));
        List<Instant> asked = Collections.synchronizedList(new ArrayList<>());
        HttpServer prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/query", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            Matcher time = Pattern.compile("time=([0-9.]+)").matcher(query);
            String body;
            if (time.find()) {
                Instant at = Instant.ofEpochMilli(Math.round(Double.parseDouble(time.group(1)) * 1000));
                asked.add(at);
                String value = at.isBefore(slower) ? "0.4" : "2.5";
                body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":["
                        + at.getEpochSecond() + ",\"" + value + "\"]}]}}";
            } else {
                body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"this test wants time=\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        prometheus.start();
        try {
            Path rollouts = Files.createDirectories(dir.resolve("rollouts"));
            Files.writeString(rollouts.resolve("model.yaml"), Files.readString(Path.of(REPO, "rollouts/shop-api.yaml"))
                    .replace("name: shop-api", "name: model")
                    .replaceAll("(?s)    checks:\n.*", """
                        checks:
                          - name: p95-latency
                            prometheus:
                              address: http://127.0.0.1:%d
                              query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))
                            failIf: { above: 2 }
                            for: 2
                    """.formatted(prometheus.getAddress().getPort())));
            Run run = backtest(dir.toString(), "model", "--from", from.toString(), "--to", to.toString());
            assertEquals(3, run.exit(), run.out() + run.err());
            List<Instant> steps = new ArrayList<>();
            for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(1))) {
                steps.add(t);
            }
            assertEquals(steps, asked);
            assertTrue(run.out().contains("  " + slower + "  fail  p95-latency 2.5 above 2 (1 of 2)\n"), run.out());
            assertTrue(run.out().contains("rolled back at " + slower.plus(Duration.ofMinutes(1)) + ": p95-latency 2.5 above 2 (2 of 2)\n"),
                    run.out());
        } finally {
            prometheus.stop(0);
        }
    }

    /** The call counts with every number as a long, so that they compare with literals. */
    @SuppressWarnings("unchecked")
    static Object numbers(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, numbers(v)));
            return out;
        }
        return o instanceof Number n ? n.longValue() : o;
    }
}
