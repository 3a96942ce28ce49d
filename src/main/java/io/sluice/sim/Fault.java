package io.sluice.sim;

import io.sluice.sim.quota.PublishedQuotas;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One injected fault: which calls it hits (service signing name and operation, either may be
 * "any"), what it does, and for how long (a clock window and/or the next N matching calls).
 */
public record Fault(
        Optional<String> service,
        Optional<String> operation,
        Kind kind,
        Duration latency,
        Optional<Integer> times,
        Optional<Instant> from,
        Optional<Instant> until,
        Optional<AwsError> error,
        java.util.Set<String> exceptOperations,
        Optional<String> accessKeyId) {

    public Fault {
        exceptOperations = java.util.Set.copyOf(exceptOperations);
    }

    public enum Kind {
        /** The service's own throttling error ({@code Throttling} 400 for awsQuery services). */
        THROTTLE("throttle"),
        HTTP_500("http500"),
        HTTP_503("http503"),
        /** Answers normally after a delay. */
        LATENCY("latency"),
        /** Closes the connection without answering. */
        DROP("drop");

        final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        static Kind parse(String path, String value) {
            for (Kind k : values()) {
                if (k.spelling.equals(value)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(path + ": unknown fault kind '" + value
                    + "' (known: throttle, http500, http503, latency, drop)");
        }
    }

    /** Thrown to make the server close the connection without a response. */
    public static final class ConnectionDropped extends RuntimeException {
        public ConnectionDropped() {
            super("connection dropped by an injected fault", null, false, false);
        }
    }

    /**
     * Reads {@code {service?, operation?, accessKeyId?, kind, latencyMillis?, times?, from?, until?, code?,
     * status?, message?}}. {@code code/status/message} override the error a throttle or 5xx fault answers
     * with; {@code accessKeyId} limits the fault to the calls one client signs (a partition: that client
     * loses the service while every other client, and its own calls to other services, go through).
     */
    public static Fault parse(ScenarioFields f) {
        f.only("service", "operation", "accessKeyId", "exceptOperations", "kind", "latencyMillis", "times", "from", "until", "code",
                "status", "message");
        Kind kind = Kind.parse(f.path("kind"), f.string("kind"));
        int latencyMillis = f.integer("latencyMillis", 0);
        if (kind == Kind.LATENCY && latencyMillis <= 0) {
            throw new IllegalArgumentException(f.path("latencyMillis") + ": required and positive for a latency fault");
        }
        Optional<Integer> times = f.has("times") ? Optional.of(f.integer("times", 1)) : Optional.empty();
        if (times.isPresent() && times.get() < 1) {
            throw new IllegalArgumentException(f.path("times") + ": must be at least 1");
        }
        Optional<AwsError> error = Optional.empty();
        if (f.has("code")) {
            int status = f.integer("status", 400);
            error = Optional.of(new AwsError(status, f.string("code"), f.string("message", "Injected fault"),
                    status < 500));
        }
        return new Fault(f.optionalString("service"), f.optionalString("operation"), kind,
                Duration.ofMillis(latencyMillis), times, f.instant("from"), f.instant("until"), error,
                f.has("exceptOperations") ? f.list("exceptOperations").stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.toSet()) : java.util.Set.of(),
                f.optionalString("accessKeyId"));
    }

    boolean matches(String serviceName, String operationName, Optional<String> signedBy, Instant now) {
        return service.map(serviceName::equals).orElse(true)
                && accessKeyId.map(k -> signedBy.filter(k::equals).isPresent()).orElse(true)
                && operation.map(operationName::equals).orElse(true)
                && !exceptOperations.contains(operationName)
                && from.map(t -> !now.isBefore(t)).orElse(true)
                && until.map(now::isBefore).orElse(true);
    }

    /** The error this fault answers one call with, in the terms of the service and operation. */
    AwsError errorFor(String serviceName, String operationName) {
        if (error.isPresent()) {
            return error.get();
        }
        return switch (kind) {
            case THROTTLE -> PublishedQuotas.throttleError(serviceName, operationName);
            case HTTP_500 -> switch (serviceName) {
                case "lambda" -> AwsError.server(500, "ServiceException", "Internal service error");
                case "ecs" -> AwsError.server(500, "ServerException", "Internal server error");
                case "dynamodb" -> AwsError.server(500, "InternalServerError", "Internal server error");
                default -> AwsError.server(500, "InternalFailure",
                        "The request processing has failed because of an unknown error, exception or failure.");
            };
            case HTTP_503 -> AwsError.server(503, "ServiceUnavailable", "Service is unavailable. Please try again later.");
            default -> throw new IllegalStateException(kind + " answers without an error");
        };
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", service.orElse("*"));
        m.put("operation", operation.orElse("*"));
        accessKeyId.ifPresent(k -> m.put("accessKeyId", k));
        m.put("kind", kind.spelling);
        if (kind == Kind.LATENCY) {
            m.put("latencyMillis", latency.toMillis());
        }
        times.ifPresent(t -> m.put("times", t));
        from.ifPresent(t -> m.put("from", t.toString()));
        until.ifPresent(t -> m.put("until", t.toString()));
        error.ifPresent(e -> m.put("code", e.code()));
        return m;
    }
}
