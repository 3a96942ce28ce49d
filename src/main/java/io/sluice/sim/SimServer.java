package io.sluice.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.sim.admin.AdminApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulator's HTTP endpoint: one port for every service, as with LocalStack. A request goes
 * to the service named by the signing name of its SigV4 credential scope.
 */
public final class SimServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService workers;
    private final Map<String, SimService> bySigningName = new LinkedHashMap<>();
    private final SimClock clock;
    private final SimControl control = new SimControl();
    private final Identities identities;

    private SimServer(HttpServer http, ExecutorService workers, SimClock clock, List<SimService> services) {
        this.http = http;
        this.workers = workers;
        this.clock = clock;
        services.forEach(s -> bySigningName.put(s.signingName(), s));
        this.identities = services.stream().filter(Identities.class::isInstance).map(Identities.class::cast)
                .findFirst().orElse(Identities.DEFAULT);
    }

    /** Starts on a loopback port (0 = any free port). */
    public static SimServer start(int port, SimClock clock, List<SimService> services) throws IOException {
        return start("127.0.0.1", port, clock, services);
    }

    public static SimServer start(String host, int port, SimClock clock, List<SimService> services)
            throws IOException {
        // Without TCP_NODELAY, small responses written as headers then body wait ~40 ms for the
        // client's delayed ACK (Nagle), which would cap a client at about 25 calls per second.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 128);
        ExecutorService workers = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4), r -> {
                    Thread t = new Thread(r, "aws-sim");
                    t.setDaemon(true);
                    return t;
                });
        SimServer server = new SimServer(http, workers, clock, services);
        http.createContext("/", server::exchange);
        http.setExecutor(workers);
        http.start();
        return server;
    }

    public URI endpoint() {
        return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public SimClock clock() {
        return clock;
    }

    public Map<String, SimService> services() {
        return bySigningName;
    }

    /** Faults, call counters and scheduled events of this server. */
    public SimControl control() {
        return control;
    }

    /** Loads a scenario: each top-level key names a service section by its signing name. */
    @SuppressWarnings("unchecked")
    public void loadScenario(Map<String, Object> scenario) {
        bySigningName.forEach((name, service) -> {
            Object section = scenario.get(name);
            service.load(section instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        });
    }

    private void exchange(HttpExchange exchange) throws IOException {
        SimResponse response;
        try {
            SimRequest request = read(exchange);
            response = dispatch(request);
        } catch (Fault.ConnectionDropped dropped) {
            // Closing before any response header makes the JDK server drop the connection.
            exchange.close();
            return;
        } catch (RuntimeException e) {
            response = SimResponse.of(500, "text/plain", "simulator failure: " + e);
        }
        write(exchange, response);
    }

    /**
     * Routes one request; public so that in-process callers (benchmarks) can skip HTTP. The caller
     * of a signed request is resolved from its access key first, so every service scopes what it
     * answers by the caller's account and the signature's region.
     */
    public SimResponse dispatch(SimRequest unresolved) {
        if (unresolved.path().startsWith(AdminApi.PREFIX)) {
            return AdminApi.answer(this, unresolved);
        }
        SimRequest request = unresolved.accessKeyId().isPresent()
                ? unresolved.withCaller(identities.callerOf(unresolved.accessKeyId().get())) : unresolved;
        control.events().applyDue(clock.now(), bySigningName);
        Optional<SimService> service = request.signingName().map(bySigningName::get);
        if (service.isEmpty()) {
            for (SimService s : bySigningName.values()) {
                if (s.recognises(request)) {
                    control.calls().count(s.signingName(), s.operationName(request), "MissingAuthenticationToken");
                    return s.error(request, AwsError.client(403, "MissingAuthenticationToken",
                            "Request is missing Authentication Token"));
                }
            }
            return SimResponse.of(404, "text/plain", "no simulated service answers " + request.path());
        }
        SimService s = service.get();
        String operation = s.operationName(request);
        Faults.Outcome faults = control.faults().decide(s.signingName(), operation, request.accessKeyId(), clock.now());
        pause(faults.delay());
        if (faults.answeringFault().isPresent()) {
            Fault fault = faults.answeringFault().get();
            String outcome = fault.kind() == Fault.Kind.DROP ? "dropped" : fault.errorFor(s.signingName(), operation).code();
            control.calls().count(s.signingName(), operation, outcome, request.accessKeyId());
            control.log().add(control.log().nowMicros(), s.signingName(), operation, request, outcome);
            return Faults.answer(fault, s, request).orElseThrow();
        }
        Optional<AwsError> throttled = control.quotas().admit(request, s.signingName(), operation);
        if (throttled.isPresent()) {
            control.calls().count(s.signingName(), operation, throttled.get().code(), request.accessKeyId());
            control.log().add(control.log().nowMicros(), s.signingName(), operation, request, throttled.get().code());
            return s.error(request, throttled.get());
        }
        long started = control.log().nowMicros();
        try {
            SimResponse response = s.handle(request);
            String outcome = response.status() < 300 ? "ok" : "http" + response.status();
            control.calls().count(s.signingName(), operation, outcome, request.accessKeyId());
            control.log().add(started, s.signingName(), operation, request, outcome);
            return response;
        } catch (AwsError.Raised raised) {
            control.calls().count(s.signingName(), operation, raised.error().code(), request.accessKeyId());
            control.log().add(started, s.signingName(), operation, request, raised.error().code());
            return s.error(request, raised.error());
        }
    }

    private static void pause(java.time.Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Optional<SigV4> sig = SigV4.parse(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
        URI uri = exchange.getRequestURI();
        return new SimRequest(exchange.getRequestMethod(), uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, body,
                sig.map(SigV4::service), sig.map(SigV4::region), sig.map(SigV4::accessKeyId));
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().putIfAbsent("x-amzn-RequestId", List.of(java.util.UUID.randomUUID().toString()));
        boolean empty = response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }
}
