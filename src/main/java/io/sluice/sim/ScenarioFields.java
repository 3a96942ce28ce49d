package io.sluice.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, strict reading of one mapping of a scenario file, used by every part of the simulator
 * that reads one. Every error is an {@link IllegalArgumentException} that names the field by its
 * path ({@code elasticloadbalancing.targetGroups[1].port}), says what was expected and shows what
 * was given; {@link #only} refuses unknown keys so that a typo never silently falls back to a default.
 */
public final class ScenarioFields {
    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private final String path;
    private final Map<String, Object> values;
    private final boolean listKnownFields;

    private ScenarioFields(String path, Map<String, Object> values, boolean listKnownFields) {
        this.path = path;
        this.values = values == null ? Map.of() : values;
        this.listKnownFields = listKnownFields;
    }

    public ScenarioFields(String path, Map<String, Object> values) {
        this(path, values, true);
    }

    /** The mapping at {@code path}; null reads as an empty mapping. */
    public static ScenarioFields of(String path, Object value) {
        return of(path, value, true);
    }

    @SuppressWarnings("unchecked")
    private static ScenarioFields of(String path, Object value, boolean listKnownFields) {
        if (value == null) {
            return new ScenarioFields(path, Map.of(), listKnownFields);
        }
        if (!(value instanceof Map<?, ?>)) {
            throw problemAt(path, "expected a mapping, got " + describe(value));
        }
        return new ScenarioFields(path, (Map<String, Object>) value, listKnownFields);
    }

    /**
     * This mapping and every one read from it report an unknown field as {@code path: unknown field},
     * without the list of known ones (the wording the Lambda and Route 53 sections have always used).
     */
    public ScenarioFields withoutKnownFieldList() {
        return new ScenarioFields(path, values, false);
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The error for a bad value of {@code key}: {@code path.key: what}. */
    public IllegalArgumentException problem(String key, String what) {
        return problemAt(path(key), what);
    }

    /** The error for this mapping as a whole: {@code path: what}. */
    public IllegalArgumentException problem(String what) {
        return problemAt(path, what);
    }

    private static IllegalArgumentException problemAt(String at, String what) {
        return new IllegalArgumentException(at + ": " + what);
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public Set<String> keys() {
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
                throw problem(key, listKnownFields ? "unknown field (known: " + String.join(", ", allowed) + ")"
                        : "unknown field");
            }
        }
        return this;
    }

    /** A required scalar, as text; absent or blank is refused. */
    public String string(String key) {
        return optionalString(key).filter(s -> !s.isBlank()).orElseThrow(() -> problem(key, "required"));
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
            throw problem(key, "expected a scalar, got " + describe(v));
        }
        return Optional.of(v instanceof Date d ? d.toInstant().toString() : String.valueOf(v));
    }

    /** A required scalar that must be one of {@code allowed}. */
    public String oneOf(String key, List<String> allowed) {
        String v = string(key);
        if (!allowed.contains(v)) {
            throw problem(key, "expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    public String oneOf(String key, String fallback, List<String> allowed) {
        return has(key) ? oneOf(key, allowed) : fallback;
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
            throw problem(key, "expected an integer, got " + describe(v));
        }
    }

    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw problem(key, "expected a number, got " + describe(v));
        }
    }

    /** {@code true} or {@code false} (also as quoted text, any case). */
    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw problem(key, "expected true or false, got " + describe(v));
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
            throw problemAt(path, "expected an ISO-8601 instant like 2026-11-24T10:00:00Z, got " + describe(value));
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 1h30m}, ISO-8601 {@code PT5M}, or a number of seconds. */
    public Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        return v == null ? fallback : toDuration(path(key), v);
    }

    private static Duration toDuration(String at, Object v) {
        if (v instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        String s = String.valueOf(v).trim();
        Matcher m = SHORT_DURATION.matcher(s);
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                return Duration.parse(s);
            }
        } catch (DateTimeParseException e) {
            // Reported below with the expected forms.
        }
        if (s.isEmpty() || s.startsWith("P") || s.startsWith("p") || !m.matches()) {
            throw problemAt(at, "expected a duration like 90s, 5m, 1h30m or PT5M, got " + describe(v));
        }
        long seconds = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600)
                + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60)
                + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        return Duration.ofSeconds(seconds);
    }

    /** An absolute ISO-8601 instant, or a duration counted from {@code start}. */
    public Optional<Instant> time(String key, Instant start) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Date d) {
            return Optional.of(d.toInstant());
        }
        String s = String.valueOf(v).trim();
        try {
            if (s.length() >= 10 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-') {
                return Optional.of(java.time.OffsetDateTime.parse(s).toInstant());
            }
            return Optional.of(start.plus(toDuration(path(key), v)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw problem(key, "expected an ISO-8601 instant like 2026-11-24T10:00:00Z or a duration after the start"
                    + " like 90s, 5m or 1h30m, got " + describe(v));
        }
    }

    public List<Object> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw problem(key, "expected a list, got " + describe(v));
        }
        return new ArrayList<>(l);
    }

    /** The mappings of a list, each with its indexed path ({@code key[0]}). */
    public List<ScenarioFields> mappings(String key) {
        List<ScenarioFields> out = new ArrayList<>();
        List<Object> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            out.add(of(path(key) + "[" + i + "]", items.get(i), listKnownFields));
        }
        return out;
    }

    /** A mapping found elsewhere than under a key of this one (a list item read by hand), named {@code at}. */
    public ScenarioFields at(String at, Object value) {
        return of(at, value, listKnownFields);
    }

    public ScenarioFields mapping(String key) {
        return of(path(key), values.get(key), listKnownFields);
    }

    /** A mapping of scalars as strings (tags, attributes). */
    public Map<String, String> strings(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping(key).values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw problemAt(path(key) + "." + k, "expected a scalar, got " + describe(v));
            }
            out.put(String.valueOf(k), v == null ? "" : String.valueOf(v));
        });
        return out;
    }

    /** How a value shows in an error: {@code a mapping}, {@code a list} or the value quoted. */
    public static String describe(Object v) {
        return v instanceof Map<?, ?> ? "a mapping" : v instanceof List<?> ? "a list" : "'" + v + "'";
    }
}
