package io.sluice.sim;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, strict reading of one mapping of a scenario file. Every error is an
 * {@link IllegalArgumentException} that names the field by its path
 * ({@code elasticloadbalancing.targetGroups[1].port}), and unknown keys are refused so that a typo
 * never silently falls back to a default.
 */
public final class ScenarioFields {
    private final String path;
    private final Map<String, Object> values;

    public ScenarioFields(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values == null ? Map.of() : values;
    }

    @SuppressWarnings("unchecked")
    public static ScenarioFields of(String path, Object value) {
        if (value == null) {
            return new ScenarioFields(path, Map.of());
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + ": expected a mapping, got " + describe(value));
        }
        return new ScenarioFields(path, (Map<String, Object>) value);
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public java.util.Set<String> keys() {
        return values.keySet();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public Object raw(String key) {
        return values.get(key);
    }

    /** Refuses keys outside {@code allowed}. */
    public ScenarioFields only(String... allowed) {
        Set<String> known = Set.of(allowed);
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(path(key) + ": unknown field (known: " + String.join(", ", allowed) + ")");
            }
        }
        return this;
    }

    public String string(String key) {
        return optionalString(key).orElseThrow(() -> new IllegalArgumentException(path(key) + ": required"));
    }

    public String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    public Optional<String> optionalString(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new IllegalArgumentException(path(key) + ": expected a scalar, got " + describe(v));
        }
        return Optional.of(v instanceof Date d ? d.toInstant().toString() : String.valueOf(v));
    }

    public int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path(key) + ": expected an integer, got " + describe(v));
        }
    }

    public Optional<Instant> instant(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(toInstant(path(key), v));
    }

    /** An ISO-8601 instant; YAML may already have turned an unquoted timestamp into a Date. */
    public static Instant toInstant(String path, Object value) {
        if (value instanceof Date d) {
            return d.toInstant();
        }
        try {
            return Instant.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ": expected an ISO-8601 instant like 2026-11-24T10:00:00Z, got "
                    + describe(value));
        }
    }

    public List<Object> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(path(key) + ": expected a list, got " + describe(v));
        }
        return new ArrayList<>(l);
    }

    /** The mappings of a list, each with its indexed path ({@code key[0]}). */
    public List<ScenarioFields> mappings(String key) {
        List<ScenarioFields> out = new ArrayList<>();
        List<Object> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            out.add(of(path(key) + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    public ScenarioFields mapping(String key) {
        return of(path(key), values.get(key));
    }

    /** A mapping of scalars as strings (tags, attributes). */
    public Map<String, String> strings(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping(key).values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw new IllegalArgumentException(path(key) + "." + k + ": expected a scalar, got " + describe(v));
            }
            out.put(k, v == null ? "" : String.valueOf(v));
        });
        return out;
    }

    private static String describe(Object v) {
        return v instanceof Map<?, ?> ? "a mapping" : v instanceof List<?> ? "a list" : "'" + v + "'";
    }
}
