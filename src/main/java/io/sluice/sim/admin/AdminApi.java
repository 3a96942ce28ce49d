package io.sluice.sim.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sim.AwsError;
import io.sluice.sim.Fault;
import io.sluice.sim.ManualChanges;
import io.sluice.sim.Scenario;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.ScheduledEvents;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.SimServer;
import io.sluice.sim.protocol.FormParams;
import io.sluice.sim.quota.QuotaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own control API: unsigned HTTP JSON under {@code /_sim/} on the service port,
 * answered before any SigV4 routing. Errors are {@code {"error": "..."}} with 400, 404 or 405.
 */
public final class AdminApi {
    public static final String PREFIX = "/_sim/";
    /** Instants (ECS deployments' createdAt, ...) as ISO-8601 text, as the rest of the state shows time. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private AdminApi() {
    }

    public static SimResponse answer(SimServer server, SimRequest request) {
        String route = request.method() + " " + request.path().substring(PREFIX.length() - 1);
        try {
            return switch (route) {
                case "GET /state" -> json(200, state(server));
                case "POST /scenario" -> loadScenario(server, request);
                case "POST /clock/advance" -> advance(server, request);
                case "GET /faults" -> json(200, Map.of("faults", server.control().faults().describe()));
                case "POST /faults" -> addFaults(server, request);
                case "DELETE /faults" -> {
                    server.control().faults().clear();
                    yield json(200, Map.of("faults", List.of()));
                }
                case "GET /calls" -> json(200, FormParams.parse(request.rawQuery()).get("by").filter("accessKey"::equals)
                        .isPresent() ? server.control().calls().snapshotByAccessKey() : server.control().calls().snapshot());
                case "GET /calls/log" -> {
                    FormParams q = FormParams.parse(request.rawQuery());
                    yield json(200, server.control().log().since(q.get("since").map(Long::parseLong).orElse(0L),
                            q.get("limit").map(Integer::parseInt).orElse(10_000)));
                }
                case "DELETE /calls" -> {
                    server.control().calls().clear();
                    server.control().log().clear();
                    yield json(200, Map.of());
                }
                case "POST /events" -> addEvents(server, request);
                case "GET /quotas" -> json(200, server.control().quotas().snapshot());
                case "POST /quotas" -> {
                    server.control().quotas().configure(QuotaSettings.parse(ScenarioFields.of("quotas", body(request))));
                    yield json(200, server.control().quotas().snapshot());
                }
                case "DELETE /quotas" -> {
                    server.control().quotas().reset();
                    yield json(200, server.control().quotas().snapshot());
                }
                default -> known(request.path())
                        ? error(405, "method " + request.method() + " not allowed on " + request.path())
                        : error(404, "no simulator admin resource " + request.path());
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            return error(400, e.getMessage());
        } catch (AwsError.Raised e) {
            return error(400, e.error().code() + ": " + e.error().message());
        }
    }

    private static boolean known(String path) {
        return List.of("/_sim/state", "/_sim/scenario", "/_sim/clock/advance", "/_sim/faults", "/_sim/calls", "/_sim/calls/log",
                "/_sim/events", "/_sim/quotas").contains(path);
    }

    private static Map<String, Object> state(SimServer server) {
        Map<String, Object> out = new LinkedHashMap<>();
        SimClock clock = server.clock();
        out.put("clock", Map.of("now", clock.now().toString(), "manual", clock.isManual()));
        Map<String, Object> services = new LinkedHashMap<>();
        server.services().forEach((name, s) -> services.put(name, s.snapshot()));
        out.put("services", services);
        out.put("faults", server.control().faults().describe());
        out.put("events", server.control().events().describe());
        return out;
    }

    private static SimResponse loadScenario(SimServer server, SimRequest request) {
        Scenario.parse(request.bodyText()).applyTo(server);
        return json(200, state(server));
    }

    private static SimResponse advance(SimServer server, SimRequest request) {
        String seconds = FormParams.parse(request.rawQuery()).get("seconds")
                .orElseThrow(() -> new IllegalArgumentException("seconds: required query parameter"));
        long by;
        try {
            by = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seconds: expected a whole number, got '" + seconds + "'");
        }
        server.clock().advance(Duration.ofSeconds(by));
        server.control().events().applyDue(server.clock().now(), server.services());
        return json(200, Map.of("now", server.clock().now().toString()));
    }

    /** Body: one fault object or a list of them; they add to the faults in force. */
    private static SimResponse addFaults(SimServer server, SimRequest request) {
        List<Fault> faults = new ArrayList<>();
        List<Object> items = itemsOf(request);
        for (int i = 0; i < items.size(); i++) {
            faults.add(Fault.parse(ScenarioFields.of("faults[" + i + "]", items.get(i))));
        }
        faults.forEach(server.control().faults()::add);
        return json(200, Map.of("faults", server.control().faults().describe()));
    }

    /**
     * Body: one event or a list, {@code {at?, <service>: {change}}}. An event without {@code at}
     * (or with one already past) is applied at once, and a refusal by the service is answered
     * with 400 and the AWS error code.
     */
    private static SimResponse addEvents(SimServer server, SimRequest request) {
        List<ScheduledEvents.Event> events = new ArrayList<>();
        List<Object> items = itemsOf(request);
        for (int i = 0; i < items.size(); i++) {
            events.add(ScheduledEvents.parse(ScenarioFields.of("events[" + i + "]", items.get(i)),
                    server.services(), server.clock().now()));
        }
        for (ScheduledEvents.Event e : events) {
            if (e.at().isAfter(server.clock().now())) {
                server.control().events().add(e);
            } else {
                e.changes().forEach((name, change) ->
                        ((ManualChanges) server.services().get(name)).applyManualChange(change));
            }
        }
        return json(200, state(server));
    }

    private static List<Object> itemsOf(SimRequest request) {
        Object body = body(request);
        return body instanceof List<?> list ? new ArrayList<>(list) : List.of(body);
    }

    private static Object body(SimRequest request) {
        try {
            return JSON.readValue(request.body(), Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getMessage());
        }
    }

    private static SimResponse json(int status, Object value) {
        try {
            return SimResponse.of(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render admin answer", e);
        }
    }

    private static SimResponse error(int status, String message) {
        return json(status, Map.of("error", message == null ? "invalid request" : message));
    }
}
