package io.sluice.reconcile;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Local stand-ins for the services the example repo probes: one HTTP server per host that answers
 * its health path with a settable status, and a stand-in answering the Prometheus HTTP API's instant
 * query for the model platform's two queries (the Prometheus provider itself is tested against a real
 * Prometheus in io.sluice.analysis). The analyzer reaches them through address overrides.
 */
final class StandIns implements AutoCloseable {
    static final List<String> HEALTH_HOSTS = List.of("nodeapp-green.internal.example.com", "app-alb.internal.example.com",
            "model-api-green.staging.internal", "rag-backend.internal.example.com");
    static final String PROMETHEUS_HOST = "prometheus.staging.internal";

    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<String, AtomicInteger> statusByHost = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    final AtomicReference<Double> errorRate = new AtomicReference<>(0.002);
    final AtomicReference<Double> p95Seconds = new AtomicReference<>(0.3);

    StandIns() throws IOException {
        for (String host : HEALTH_HOSTS) {
            AtomicInteger status = new AtomicInteger(200);
            statusByHost.put(host, status);
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/", x -> {
                byte[] body = "{\"status\":\"checked\"}".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(status.get(), body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            start(host, s);
        }
        HttpServer prom = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prom.createContext("/-/ready", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        prom.createContext("/api/v1/query", x -> {
            String query = java.net.URLDecoder.decode(x.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            double value = query.contains("histogram_quantile") ? p95Seconds.get() : errorRate.get();
            String json = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                    + "\"value\":[1764000000," + "\"" + value + "\"]}]}}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        start(PROMETHEUS_HOST, prom);
    }

    private void start(String host, HttpServer s) {
        s.start();
        servers.add(s);
        addresses.put(host, "127.0.0.1:" + s.getAddress().getPort());
    }

    /** {@code host=127.0.0.1:port} entries for the analyzer's address overrides. */
    List<String> resolveEntries() {
        return addresses.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    void answer(String host, int status) {
        statusByHost.get(host).set(status);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
