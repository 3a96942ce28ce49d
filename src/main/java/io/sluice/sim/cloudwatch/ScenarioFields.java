package io.sluice.sim.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of scenario YAML values; a bad value is an IllegalArgumentException naming the field. */
final class ScenarioFields {
    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private ScenarioFields() {
    }

    static String string(Map<String, Object> map, String field, String where) {
        Object v = map.get(field);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + " is required");
        }
        return v.toString();
    }

    static String string(Map<String, Object> map, String field, String fallback, String where) {
        Object v = map.get(field);
        return v == null ? fallback : v.toString();
    }

    static double number(Map<String, Object> map, String field, double fallback, String where) {
        Object v = map.get(field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "." + field + " must be a number, not " + v);
        }
    }

    static boolean bool(Map<String, Object> map, String field, boolean fallback) {
        Object v = map.get(field);
        return v == null ? fallback : v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
    }

    /** "90s", "5m", "1h30m" or ISO-8601 "PT5M". */
    static Duration duration(Object v, String where) {
        if (v instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        String s = String.valueOf(v).trim();
        if (s.startsWith("P") || s.startsWith("p")) {
            return Duration.parse(s);
        }
        Matcher m = SHORT_DURATION.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(where + " must be a duration like 90s, 5m or 1h, not " + v);
        }
        long seconds = 0;
        seconds += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600;
        seconds += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60;
        seconds += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return Duration.ofSeconds(seconds);
    }

    static Duration duration(Map<String, Object> map, String field, Duration fallback, String where) {
        Object v = map.get(field);
        return v == null ? fallback : duration(v, where + "." + field);
    }

    /** An absolute instant, or a duration counted from the scenario start. */
    static Instant time(Object v, Instant start, String where) {
        if (v instanceof Date d) {
            return d.toInstant();
        }
        String s = String.valueOf(v).trim();
        if (Character.isDigit(s.isEmpty() ? 'x' : s.charAt(0)) && s.length() >= 10 && s.charAt(4) == '-') {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + " must be an ISO-8601 instant or a duration, not " + v);
            }
        }
        return start.plus(duration(v, where));
    }

    static Instant instant(Map<String, Object> map, String field, Instant fallback, String where) {
        Object v = map.get(field);
        return v == null ? fallback : time(v, fallback, where + "." + field);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> dimensions(Object v, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        } else if (v instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> d) || d.get("Name") == null && d.get("name") == null) {
                    throw new IllegalArgumentException(where + " entries need name and value");
                }
                Map<String, Object> dim = (Map<String, Object>) d;
                Object name = dim.getOrDefault("name", dim.get("Name"));
                Object value = dim.getOrDefault("value", dim.get("Value"));
                out.put(String.valueOf(name), String.valueOf(value));
            }
        } else {
            throw new IllegalArgumentException(where + " must be a map of dimension name to value");
        }
        if (out.size() > 30) {
            throw new IllegalArgumentException(where + " has more than 30 dimensions");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> map, String field, String where) {
        Object v = map.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(where + "." + field + " must be a list");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(where + "." + field + " entries must be maps");
            }
        }
        return (List<Map<String, Object>>) v;
    }
}
