package io.sluice.sim.cloudwatch;

import io.sluice.sim.AwsError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads members of a decoded request, whatever protocol it came in: awsQuery gives strings, the JSON
 * protocols numbers and booleans, CBOR epoch-second numbers for timestamps.
 */
final class Inputs {
    private Inputs() {
    }

    static Optional<String> string(Map<String, Object> in, String member) {
        Object v = in.get(member);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    static Optional<Double> number(Map<String, Object> in, String member) {
        Object v = in.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return Optional.of(new BigDecimal(v.toString().trim()).doubleValue());
        } catch (NumberFormatException e) {
            throw invalid("The value " + v + " for parameter " + member + " is not a number.");
        }
    }

    static Optional<Integer> integer(Map<String, Object> in, String member) {
        return number(in, member).map(d -> {
            if (d != Math.rint(d)) {
                throw invalid("The value " + in.get(member) + " for parameter " + member + " is not an integer.");
            }
            return d.intValue();
        });
    }

    static Optional<Boolean> bool(Map<String, Object> in, String member) {
        Object v = in.get(member);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString()));
    }

    static Optional<Instant> instant(Map<String, Object> in, String member) {
        Object v = in.get(member);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(fromEpochSeconds(n.doubleValue()));
        }
        String s = v.toString().trim();
        try {
            if (s.matches("-?\\d+(\\.\\d+)?")) {
                return Optional.of(fromEpochSeconds(Double.parseDouble(s)));
            }
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (RuntimeException e) {
            throw invalid("The value " + s + " for parameter " + member + " is not a valid timestamp.");
        }
    }

    private static Instant fromEpochSeconds(double seconds) {
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1_000_000) * 1_000L;
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** A list member; awsQuery sends an empty list as an empty string. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> in, String member) {
        Object v = in.get(member);
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> structs(Map<String, Object> in, String member) {
        return list(in, member).stream()
                .map(o -> o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.<String, Object>of())
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> struct(Map<String, Object> in, String member) {
        Object v = in.get(member);
        return v instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }

    static AwsError.Raised invalid(String message) {
        return AwsError.client(400, "InvalidParameterValue", message).raise();
    }

    static AwsError.Raised combination(String message) {
        return AwsError.client(400, "InvalidParameterCombination", message).raise();
    }

    static AwsError.Raised validation(String message) {
        return AwsError.client(400, "ValidationError", message).raise();
    }

    static AwsError.Raised missing(String member) {
        return AwsError.client(400, "MissingParameter",
                "The parameter " + member + " is required.").raise();
    }
}
