package io.sluice.sim.apps;

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
 * Local stand-ins for the applications a config repo probes, for demos and scenario tests: one HTTP
 * server per application host answering every path with a settable status, and one per Prometheus
 * host answering the instant-query API with a settable error rate (queries without
 * {@code histogram_quantile}) and p95 latency in seconds (queries with it). They are not Prometheus:
 * the Prometheus provider is tested against a real server. sluice reaches them through
 * {@code sluice.analysis.resolve} address overrides ({@link #resolveEntries()}).
 */
public final class AppStandIns implements AutoCloseable {

    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<String, AtomicInteger> statusByHost = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final AtomicReference<Double> errorRate = new AtomicReference<>(0.002);
    private final AtomicReference<Double> p95Seconds = new AtomicReference<>(0.3);

    public AppStandIns(List<String> appHosts, List<String> prometheusHosts) throws IOException {
        for (String host : appHosts) {
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
        for (String host : prometheusHosts) {
            start(host, prometheus());
        }
    }

    private HttpServer prometheus() throws IOException {
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
        return prom;
    }

    private void start(String host, HttpServer s) {
        s.start();
        servers.add(s);
        addresses.put(host, "127.0.0.1:" + s.getAddress().getPort());
    }

    /** {@code host=127.0.0.1:port} entries for the analyzer's address overrides. */
    public List<String> resolveEntries() {
        return addresses.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** Makes every request to an application host answer this HTTP status from now on. */
    public void answer(String host, int status) {
        AtomicInteger s = statusByHost.get(host);
        if (s == null) {
            throw new IllegalArgumentException("no stand-in for " + host + "; hosts: " + statusByHost.keySet());
        }
        s.set(status);
    }

    public void prometheusErrorRate(double rate) {
        errorRate.set(rate);
    }

    public void prometheusP95Seconds(double seconds) {
        p95Seconds.set(seconds);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
