package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a loopback port scraping one
 * target's {@code /q/metrics}, queried through its HTTP API as a dashboard or an alert rule would.
 */
final class ScrapingPrometheus implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final Path log;
    private final URI address;

    /** A sample of a series: Unix time in seconds and value. */
    record Sample(double at, double value) {
    }

    ScrapingPrometheus(int targetPort, Duration scrapeInterval, Path dir) throws IOException {
        assertTrue(Files.isExecutable(BINARY), "needs Debian's prometheus package (scripts/setup installs it)");
        Path config = dir.resolve("prometheus.yml");
        String every = scrapeInterval.toMillis() + "ms";
        Files.writeString(config, """
                global:
                  scrape_interval: %s
                  scrape_timeout: %s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: sluice
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(every, every, targetPort));
        int port = io.sluice.git.servers.GitCli.freePort();
        address = URI.create("http://127.0.0.1:" + port);
        log = dir.resolve("prometheus.log");
        process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until Prometheus answers as ready (it scrapes from then on). */
    ScrapingPrometheus awaitReady(Duration atMost) {
        Await.until(atMost, "Prometheus ready at " + address, () -> Http.get(address.resolve("/-/ready")),
                r -> r.status() == 200, this::tail);
        return this;
    }

    /** Waits until Prometheus has scraped the target successfully at least once. */
    void awaitTargetUp(Duration atMost) {
        Await.until(atMost, "Prometheus scraping the target", () -> query("up{job=\"sluice\"} == 1"),
                r -> !r.isEmpty(), this::tail);
    }

    /** The result vector of an instant query (empty while no series matches). */
    JsonNode query(String promql) {
        Http.Response r = Http.get(address.resolve("/api/v1/query?query=" + Http.encode(promql)));
        if (r.status() != 200) {
            throw new IllegalArgumentException("query " + promql + ": " + r);
        }
        return r.json().path("data").path("result");
    }

    /** Every raw sample of one series over the last {@code range}, oldest first (a range-vector query: no step, nothing skipped). */
    List<Sample> samples(String selector, Duration range) {
        JsonNode result = query(selector + "[" + range.toSeconds() + "s]");
        List<Sample> samples = new ArrayList<>();
        if (result.size() > 1) {
            throw new IllegalArgumentException(selector + " matches " + result.size() + " series: " + result);
        }
        for (JsonNode series : result) {
            for (JsonNode v : series.path("values")) {
                samples.add(new Sample(v.get(0).asDouble(), Double.parseDouble(v.get(1).asText())));
            }
        }
        return samples;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no Prometheus log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
