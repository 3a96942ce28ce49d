package io.sluice.sim.cloudwatch;

import io.sluice.sim.ScenarioFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    static ValueSchedule parse(ScenarioFields generator, Instant start) {
        if (generator.keys().contains("value") && generator.keys().contains("schedule")) {
            throw generator.problem("has both value and schedule; give one");
        }
        if (!generator.keys().contains("schedule")) {
            if (!generator.keys().contains("value")) {
                throw generator.problem("value", "required (or schedule)");
            }
            return new ValueSchedule(List.of(new Segment(null, null, value(generator, "value"))));
        }
        List<ScenarioFields> entries = generator.mappings("schedule");
        if (entries.isEmpty()) {
            throw generator.problem("schedule", "must not be empty");
        }
        List<Instant> starts = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (ScenarioFields e : entries) {
            if (!e.keys().contains("value")) {
                throw e.problem("value", "required (use none for no data)");
            }
            starts.add(e.time("after", start).orElse(null));
            ends.add(e.time("until", start).orElse(null));
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Instant from = starts.get(i) != null ? starts.get(i) : i > 0 ? segments.get(i - 1).end() : null;
            Instant to = ends.get(i) != null ? ends.get(i) : i + 1 < entries.size() ? starts.get(i + 1) : null;
            if (to == null && i + 1 < entries.size()) {
                throw entries.get(i).problem(
                        "needs until (or the next segment needs after): only the last segment may be open-ended");
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw entries.get(i).problem("ends before it starts");
            }
            segments.add(new Segment(from, to, value(entries.get(i), "value")));
        }
        return new ValueSchedule(segments);
    }

    /** A number, or {@code none} (also null) for no data. */
    private static Double value(ScenarioFields f, String key) {
        Object v = f.raw(key);
        if (v == null || "none".equals(v) || "null".equals(v)) {
            return null;
        }
        try {
            return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw f.problem(key, "expected a number or none, got " + ScenarioFields.describe(v));
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
