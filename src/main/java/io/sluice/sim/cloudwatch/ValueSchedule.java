package io.sluice.sim.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generator's level over simulated time: a constant, or segments in order, each with an optional
 * {@code after} (start) and {@code until} (end), absolute or counted from the scenario start. A segment
 * starts where the previous one ended; a segment whose value is {@code none} means "no data".
 */
final class ValueSchedule {
    private record Segment(Instant start, Instant end, Double value) {
        boolean covers(Instant t) {
            return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
        }
    }

    private final List<Segment> segments;

    private ValueSchedule(List<Segment> segments) {
        this.segments = segments;
    }

    static ValueSchedule parse(Map<String, Object> generator, Instant start, String where) {
        if (generator.containsKey("value") && generator.containsKey("schedule")) {
            throw new IllegalArgumentException(where + " has both value and schedule; give one");
        }
        if (!generator.containsKey("schedule")) {
            if (!generator.containsKey("value")) {
                throw new IllegalArgumentException(where + ".value (or schedule) is required");
            }
            return new ValueSchedule(List.of(new Segment(null, null, value(generator.get("value"), where + ".value"))));
        }
        List<Map<String, Object>> entries = ScenarioFields.maps(generator, "schedule", where);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(where + ".schedule must not be empty");
        }
        List<Instant> starts = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            String at = where + ".schedule[" + i + "]";
            if (!e.containsKey("value")) {
                throw new IllegalArgumentException(at + ".value is required (use none for no data)");
            }
            starts.add(e.containsKey("after") ? ScenarioFields.time(e.get("after"), start, at + ".after") : null);
            ends.add(e.containsKey("until") ? ScenarioFields.time(e.get("until"), start, at + ".until") : null);
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Instant from = starts.get(i) != null ? starts.get(i) : i > 0 ? segments.get(i - 1).end() : null;
            Instant to = ends.get(i) != null ? ends.get(i) : i + 1 < entries.size() ? starts.get(i + 1) : null;
            if (to == null && i + 1 < entries.size()) {
                throw new IllegalArgumentException(where + ".schedule[" + i
                        + "] needs until (or the next segment needs after): only the last segment may be open-ended");
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw new IllegalArgumentException(where + ".schedule[" + i + "] ends before it starts");
            }
            segments.add(new Segment(from, to, value(entries.get(i).get("value"), where + ".schedule[" + i + "].value")));
        }
        return new ValueSchedule(segments);
    }

    private static Double value(Object v, String where) {
        if (v == null || "none".equals(v) || "null".equals(v)) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number or none, not " + v);
        }
    }

    /** The level at {@code t}, NaN where no segment covers it or the segment says "no data". */
    double at(Instant t) {
        for (Segment s : segments) {
            if (s.covers(t)) {
                return s.value() == null ? Double.NaN : s.value();
            }
        }
        return Double.NaN;
    }
}
