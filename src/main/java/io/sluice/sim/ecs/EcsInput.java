package io.sluice.sim.ecs;

import io.sluice.sim.AwsError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of an awsJson request body; a wrong type is the service's SerializationException. */
record EcsInput(Map<String, Object> body) {

    Optional<String> string(String member) {
        Object v = body.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw serialization(member);
        }
        return Optional.of(s);
    }

    Optional<Integer> integer(String member) {
        Object v = body.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw serialization(member);
        }
        return Optional.of(n.intValue());
    }

    Optional<Boolean> bool(String member) {
        Object v = body.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw serialization(member);
        }
        return Optional.of(b);
    }

    List<String> strings(String member) {
        Object v = body.get(member);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(o -> !(o instanceof String))) {
            throw serialization(member);
        }
        return list.stream().map(String.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    Optional<EcsInput> struct(String member) {
        Object v = body.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw serialization(member);
        }
        return Optional.of(new EcsInput((Map<String, Object>) m));
    }

    boolean has(String member) {
        return body.get(member) != null;
    }

    private static AwsError.Raised serialization(String member) {
        return AwsError.client(400, "SerializationException", "Unexpected value type for " + member + ".").raise();
    }

    static AwsError.Raised invalid(String message) {
        return AwsError.client(400, "InvalidParameterException", message).raise();
    }
}
