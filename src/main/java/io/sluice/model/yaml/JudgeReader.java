package io.sluice.model.yaml;

import io.sluice.model.Bounds;
import io.sluice.model.Check;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a check's {@code judge} block: direction, smallest effect that matters, confidence, mode,
 * whether a variance rise fails, and for proportions the events and trials queries.
 */
final class JudgeReader {
    private final NodeReader r;

    JudgeReader(NodeReader reader) {
        this.r = reader;
    }

    Optional<Check.Judge> read(Node node, String field) {
        Optional<MapView> view = r.map(node, field);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        MapView j = view.get();
        int before = r.problems().size();
        Optional<Check.Judge.Direction> direction = j.require("direction").flatMap(n -> named(n, field + ".direction",
                Check.Judge.Direction.class, "increase, decrease or either"));
        double minEffect = j.get("minEffect").flatMap(n -> fraction(n, field + ".minEffect", Bounds.MIN_EFFECT_MIN,
                Bounds.MIN_EFFECT_MAX)).orElse(Bounds.MIN_EFFECT_DEFAULT);
        double confidence = j.get("confidence").flatMap(n -> fraction(n, field + ".confidence", Bounds.CONFIDENCE_MIN,
                Bounds.CONFIDENCE_MAX)).orElse(Bounds.CONFIDENCE_DEFAULT);
        Check.Judge.Mode mode = j.get("mode").flatMap(n -> named(n, field + ".mode", Check.Judge.Mode.class,
                "sequential or fixed")).orElse(Check.Judge.Mode.SEQUENTIAL);
        boolean varianceFails = j.get("failOnVarianceRise").flatMap(n -> r.bool(n, field + ".failOnVarianceRise"))
                .orElse(false);
        Optional<Check.Counts> counts = j.get("counts").flatMap(n -> r.map(n, field + ".counts")).flatMap(c -> {
            Optional<String> events = c.require("events").flatMap(n -> r.string(n, field + ".counts.events"));
            Optional<String> trials = c.require("trials").flatMap(n -> r.string(n, field + ".counts.trials"));
            c.finish();
            return events.isPresent() && trials.isPresent()
                    ? Optional.of(new Check.Counts(events.get(), trials.get())) : Optional.empty();
        });
        Optional<Duration> step = j.get("step").flatMap(n -> r.duration(n, field + ".step", Bounds.JUDGE_STEP_MIN,
                Bounds.JUDGE_STEP_MAX));
        j.finish();
        if (r.problems().size() != before || direction.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Check.Judge(direction.get(), minEffect, confidence, mode, varianceFails, counts, step));
    }

    private <E extends Enum<E>> Optional<E> named(Node n, String field, Class<E> type, String expected) {
        return r.string(n, field).flatMap(v -> {
            try {
                return Optional.of(Enum.valueOf(type, v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                r.error(n, field, "expected " + expected + ", got " + NodeReader.quote(v));
                return Optional.empty();
            }
        });
    }

    /** A share written as a percent ({@code 10%}) or a fraction ({@code 0.1}), in {@code min..max}. */
    private Optional<Double> fraction(Node n, String field, double min, double max) {
        Optional<Double> value;
        if (n instanceof ScalarNode s && Tag.STR.equals(s.getTag()) && s.getValue().trim().endsWith("%")) {
            String digits = s.getValue().trim();
            digits = digits.substring(0, digits.length() - 1).trim();
            try {
                double v = Double.parseDouble(digits) / 100;
                value = Double.isFinite(v) && digits.matches("[-+]?[0-9]+(\\.[0-9]+)?") ? Optional.of(v) : Optional.empty();
            } catch (NumberFormatException e) {
                value = Optional.empty();
            }
            if (value.isEmpty()) {
                r.error(n, field, "expected a percent such as 10% or a fraction such as 0.1, got "
                        + NodeReader.quote(s.getValue()));
                return Optional.empty();
            }
        } else if (n instanceof ScalarNode s && Tag.STR.equals(s.getTag())) {
            r.error(n, field, "expected a percent such as 10% or a fraction such as 0.1, got " + NodeReader.quote(s.getValue()));
            return Optional.empty();
        } else {
            value = r.number(n, field);
        }
        return value.filter(v -> {
            if (v < min || v > max) {
                r.error(n, field, "must be " + percent(min) + ".." + percent(max) + " (" + min + ".." + max + "), got "
                        + percent(v));
                return false;
            }
            return true;
        });
    }

    static String percent(double share) {
        return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
