package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice run} configured by environment variables only, against a {@code git daemon} holding the
 * example repo and the AWS simulator in its own process: readiness follows the Git server down and
 * back up while liveness stays up, and the JSON API lists the example rollouts.
 */
class HealthFollowsGitIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** 3 x poll interval (1 s) + Git timeout (2 s): readiness is down once the last sync is older. */
    private static final Duration STALE = Duration.ofSeconds(5);
    /** Room on a loaded machine: a pass, a poll and a health request each may be late. */
    private static final Duration SLACK = Duration.ofSeconds(15);
    private static final Path EXAMPLE = Path.of("config-repo-example");

    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void readinessFollowsTheGitServerAndTheApiListsTheRollouts() throws Exception {
        Path repos = Files.createDirectories(tmp.resolve("git").resolve("repos"));
        GitCli.seededBareRepo(repos, "config.git", exampleFiles());
        int awsPort = GitCli.freePort();
        int httpPort = GitCli.freePort();
        URI base = URI.create("http://127.0.0.1:" + httpPort);
        try (GitDaemonServer git = new GitDaemonServer(repos).start();
             SluiceProcess aws = SluiceProcess.start("sluice-aws-sim", List.of(), List.of("simulate", "--aws-only",
                     "--real-clock", "--port", Integer.toString(awsPort),
                     "--scenario", "src/main/resources/sim/example-scenario.yaml"), Map.of(), tmp)) {
            aws.awaitHttp(URI.create("http://127.0.0.1:" + awsPort + "/_sim/state"), WITHIN);
            String url = git.url("config.git");
            Map<String, String> env = Map.of("SLUICE_GIT_URL", url,
                    "SLUICE_GIT_WORK_DIR", tmp.resolve("daemon-clone").toString(),
                    "SLUICE_GIT_POLL_INTERVAL", "1s",
                    "SLUICE_GIT_TIMEOUT", "2s",
                    "SLUICE_RECONCILE_INTERVAL", "1s",
                    "SLUICE_AWS_ENDPOINT_OVERRIDE", "http://127.0.0.1:" + awsPort,
                    "SLUICE_AWS_ACCESS_KEY_ID", "AKIDOPSTEST",
                    "SLUICE_AWS_SECRET_ACCESS_KEY", "ops-test",
                    "QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            try (SluiceProcess daemon = SluiceProcess.start("sluice-run", List.of(), List.of("run"), env, tmp)) {
                daemon.awaitHttp(base.resolve("/q/health/live"), WITHIN);
                List<String> notLive = new ArrayList<>();
                JsonNode ready = awaitReadiness(daemon, base, true, WITHIN, new ArrayList<>());
                assertEquals("UP", check(ready, "sluice-aws-credentials").path("status").asText(), ready.toString());

                Set<String> expected = exampleNames();
                Set<String> names = Await.until(WITHIN, "/api/rollouts listing the example rollouts " + expected,
                        () -> names(Http.get(base.resolve("/api/rollouts")).json()), n -> n.equals(expected),
                        daemon::tail);
                assertEquals(7, names.size(), names.toString());
                Http.Response unknown = Http.get(base.resolve("/api/rollouts/nope"));
                assertEquals(404, unknown.status(), unknown.toString());
                assertTrue(unknown.json().hasNonNull("error"), unknown.toString());

                git.stop();
                long stoppedAt = System.nanoTime();
                JsonNode down = awaitReadiness(daemon, base, false, STALE.plus(SLACK), notLive);
                Duration tookDown = Duration.ofNanos(System.nanoTime() - stoppedAt);
                JsonNode data = check(down, "sluice-git").path("data");
                assertTrue(data.path("trouble").asText().contains(url), "trouble names the server " + url + ": " + data);
                assertTrue(data.path("reason").asText().contains("no successful sync"), data.toString());
                assertLive(base, daemon, "while Git is down (readiness down after " + tookDown.toMillis() + " ms)");

                git.start();
                JsonNode back = awaitReadiness(daemon, base, true, WITHIN, notLive);
                assertEquals("UP", check(back, "sluice-git").path("status").asText(), back.toString());
                assertLive(base, daemon, "after Git came back");
                assertEquals(List.of(), notLive, "liveness answers while Git was down and coming back\n" + daemon.tail());
                System.out.println("HealthFollowsGitIT: readiness down " + tookDown.toMillis() + " ms after git daemon stopped");
            }
        }
    }

    /**
     * Polls /q/health/ready until it is UP (200) with sluice-git UP and no Git trouble, or DOWN (503) with
     * sluice-git DOWN and a Git trouble; asks /q/health/live each time too and adds every answer that is
     * not UP to {@code notLive}.
     */
    private static JsonNode awaitReadiness(SluiceProcess daemon, URI base, boolean up, Duration atMost, List<String> notLive) {
        String want = up ? "UP" : "DOWN";
        return Await.until(atMost, "/q/health/ready " + want + " with sluice-git " + want, () -> {
            Http.Response live = Http.get(base.resolve("/q/health/live"));
            if (live.status() != 200) {
                notLive.add(live.toString());
            }
            Http.Response r = Http.get(base.resolve("/q/health/ready"));
            if (r.status() != (up ? 200 : 503)) {
                return null;
            }
            JsonNode json = r.json();
            JsonNode git = check(json, "sluice-git");
            // down must come from failed polls (a trouble), not only from a slow pass making the last sync old
            boolean troubleAsExpected = up != git.path("data").hasNonNull("trouble");
            return want.equals(json.path("status").asText()) && want.equals(git.path("status").asText()) && troubleAsExpected
                    ? json : null;
        }, json -> json != null, () -> Http.get(base.resolve("/q/health/ready")) + "\n" + daemon.tail());
    }

    private static void assertLive(URI base, SluiceProcess daemon, String when) {
        Http.Response live = Http.get(base.resolve("/q/health/live"));
        assertEquals(200, live.status(), "liveness " + when + ": " + live + "\n" + daemon.tail());
        assertEquals("UP", live.json().path("status").asText(), live.toString());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private static Set<String> names(JsonNode rollouts) {
        Set<String> names = new TreeSet<>();
        rollouts.forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    private static Set<String> exampleNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(EXAMPLE.resolve("rollouts"))) {
            files.forEach(f -> names.add(f.getFileName().toString().replaceFirst("\\.yaml$", "")));
        }
        return names;
    }

    /** Every file of config-repo-example, by path relative to it. */
    private static Map<String, String> exampleFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(EXAMPLE)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(EXAMPLE.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
