package io.sluice.model.yaml;

import io.sluice.model.Analysis;
import io.sluice.model.Bounds;
import io.sluice.model.Check;
import io.sluice.model.Step;
import io.sluice.model.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code spec.analysis}: interval, start, settle time, error budget, the alarm gate of the start and the checks. */
final class AnalysisReader {
    private static final Pattern STEP_NUMBER = Pattern.compile("\\d+");
    private static final Pattern START_AFTER_WEIGHT = Pattern.compile("setWeight\\s+(\\d+)");

    private final NodeReader r;

    AnalysisReader(NodeReader reader) {
        this.r = reader;
    }

    Optional<Analysis> read(Node node, Optional<Strategy> strategy) {
        Optional<MapView> view = r.map(node, "spec.analysis");
        if (view.isEmpty()) {
            return Optional.empty();
        }
        MapView m = view.get();
        int before = r.problems().size();
        Duration interval = m.get("interval").flatMap(n -> r.duration(n, "spec.analysis.interval", Bounds.INTERVAL_MIN,
                Bounds.INTERVAL_MAX)).orElse(Bounds.INTERVAL_DEFAULT);
        Duration settle = m.get("settle").flatMap(n -> r.duration(n, "spec.analysis.settle", Bounds.SETTLE_MIN,
                Bounds.SETTLE_MAX)).orElse(Bounds.SETTLE_DEFAULT);
        int maxErrors = m.get("maxConsecutiveErrors").flatMap(n -> r.integer(n, "spec.analysis.maxConsecutiveErrors",
                Bounds.MAX_CONSECUTIVE_ERRORS_MIN, Bounds.MAX_CONSECUTIVE_ERRORS_MAX,
                v -> "must be " + Bounds.MAX_CONSECUTIVE_ERRORS_MIN + " or more, got " + v,
                v -> "must be at most " + Bounds.MAX_CONSECUTIVE_ERRORS_MAX + ", got " + v))
                .orElse(Bounds.MAX_CONSECUTIVE_ERRORS_DEFAULT);
        int startAfter = m.get("startAfter").flatMap(n -> startAfter(n, strategy)).orElse(0);
        Analysis.AlarmAtStart alarmAtStart = m.get("alarmAtStart").flatMap(n -> r.string(n, "spec.analysis.alarmAtStart")
                .flatMap(v -> switch (v) {
                    case "hold" -> Optional.of(Analysis.AlarmAtStart.HOLD);
                    case "ignore" -> Optional.of(Analysis.AlarmAtStart.IGNORE);
                    default -> {
                        r.error(n, "spec.analysis.alarmAtStart", "expected hold or ignore, got " + NodeReader.quote(v));
                        yield Optional.<Analysis.AlarmAtStart>empty();
                    }
                })).orElse(Analysis.AlarmAtStart.HOLD);
        List<Check> checks = new ArrayList<>();
        Optional<List<Node>> items = m.require("checks").flatMap(n -> r.list(n, "spec.analysis.checks"));
        if (items.isPresent() && items.get().isEmpty()) {
            r.error(m.get("checks").orElseThrow(), "spec.analysis.checks", "needs at least one check");
        }
        Set<String> names = new HashSet<>();
        CheckReader checkReader = new CheckReader(r);
        for (int i = 0; i < items.orElse(List.of()).size(); i++) {
            Node item = items.get().get(i);
            String field = "spec.analysis.checks[" + i + "]";
            checkReader.read(item, field).ifPresent(c -> {
                if (!names.add(c.name())) {
                    r.error(item, field + ".name", "duplicate check name '" + c.name() + "'");
                }
                checks.add(c);
            });
        }
        m.finish();
        return r.problems().size() == before
                ? Optional.of(new Analysis(interval, startAfter, settle, maxErrors, checks, alarmAtStart)) : Optional.empty();
    }

    /** A 1-based step number, or "setWeight N" naming the step that sets that weight. */
    private Optional<Integer> startAfter(Node n, Optional<Strategy> strategy) {
        String field = "spec.analysis.startAfter";
        Optional<String> text = r.string(n, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (STEP_NUMBER.matcher(text.get()).matches()) {
            NodeReader.Decimal v = NodeReader.Decimal.of(text.get()).orElseThrow();
            if (strategy.isEmpty()) {
                return Optional.empty(); // the strategy's own problems are reported; its length is unknown
            }
            int steps = strategy.get().steps().size();
            if (v.compareTo(Bounds.START_AFTER_MIN) < 0 || v.compareTo(steps) > 0) {
                r.error(n, field, "step " + v.shown() + " does not exist; the strategy has " + steps + " steps");
                return Optional.empty();
            }
            return Optional.of((int) v.value());
        }
        Matcher m = START_AFTER_WEIGHT.matcher(text.get());
        if (!m.matches()) {
            r.error(n, field, "expected a step number or 'setWeight N', got " + NodeReader.quote(text.get()));
            return Optional.empty();
        }
        NodeReader.Decimal weight = NodeReader.Decimal.of(m.group(1)).orElseThrow();
        if (strategy.isPresent()) {
            List<Step> list = strategy.get().steps();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Step.SetWeight w && weight.compareTo(w.percent()) == 0) {
                    return Optional.of(i + 1);
                }
            }
            r.error(n, field, "no step sets weight " + weight.shown());
        }
        return Optional.empty();
    }

}
