package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) scraping, every second, a small app
 * whose traffic the test controls: each scrape adds 1,000 requests of which a set share fails, all
 * with one set latency, as counters and a latency histogram like an instrumented web app exports.
 */
final class RealPrometheus implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final HttpServer app;
    private final Process prometheus;
    private final Path dir;
    final String address;
    private volatile double errorShare = 0.01;
    private volatile double latencySeconds = 0.2;
    private long ok;
    private long errors;
    private final double[] bounds = {0.5, 1, 2, 5};
    private final long[] buckets = new long[bounds.length];
    private double sum;

    RealPrometheus() throws Exception {
        assertTrue(Files.isExecutable(BINARY), "needs Debian's prometheus package (scripts/setup installs it)");
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/metrics", x -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        app.start();
        dir = Files.createTempDirectory("sluice-prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: app
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(app.getAddress().getPort()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        address = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /** Switches the app's traffic; counters keep growing, so rates change from the next scrape on. */
    void serve(double errorShare, double latencySeconds) {
        this.errorShare = errorShare;
        this.latencySeconds = latencySeconds;
    }

    private synchronized String scrape() {
        long n = 1000;
        long failed = Math.round(n * errorShare);
        errors += failed;
        ok += n - failed;
        for (int i = 0; i < bounds.length; i++) {
            if (latencySeconds <= bounds[i]) {
                buckets[i] += n;
            }
        }
        sum += n * latencySeconds;
        long count = ok + errors;
        StringBuilder b = new StringBuilder();
        b.append("# TYPE http_requests_total counter\n");
        b.append("http_requests_total{colour=\"green\",code=\"200\"} ").append(ok).append('\n');
        b.append("http_requests_total{colour=\"green\",code=\"500\"} ").append(errors).append('\n');
        b.append("# TYPE http_request_duration_seconds histogram\n");
        for (int i = 0; i < bounds.length; i++) {
            b.append("http_request_duration_seconds_bucket{colour=\"green\",le=\"").append(bounds[i]).append("\"} ")
                    .append(buckets[i]).append('\n');
        }
        b.append("http_request_duration_seconds_bucket{colour=\"green\",le=\"+Inf\"} ").append(count).append('\n');
        b.append("http_request_duration_seconds_sum{colour=\"green\"} ").append(sum).append('\n');
        b.append("http_request_duration_seconds_count{colour=\"green\"} ").append(count).append('\n');
        return b.toString();
    }

    /** Waits until Prometheus is ready and a 5s rate of the app's counters has data. */
    void awaitRates(Duration atMost) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + atMost.toNanos();
        String query = URI.create("http://x/?q=" + java.net.URLEncoder.encode("sum(rate(http_requests_total[5s])) > 0",
                StandardCharsets.UTF_8)).getRawQuery().substring(2);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(address + "/api/v1/query?query=" + query)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"value\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Prometheus had no rates after " + atMost + "; log: "
                + Files.readString(dir.resolve("prometheus.log")));
    }

    @Override
    public void close() throws IOException {
        prometheus.destroy();
        try {
            prometheus.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop(0);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
