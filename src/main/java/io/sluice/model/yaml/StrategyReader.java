package io.sluice.model.yaml;

import io.sluice.model.Analysis;
import io.sluice.model.Bounds;
import io.sluice.model.Check;
import io.sluice.model.Step;
import io.sluice.model.Strategy;
import io.sluice.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code spec.strategy.steps}: setWeight, pause (timed or approval) and analysis steps. */
final class StrategyReader {
    private static final List<String> STEP_KINDS = List.of("setWeight", "pause", "analysis");

    private final NodeReader r;
    private List<Node> items = List.of();

    StrategyReader(NodeReader reader) {
        this.r = reader;
    }

    Optional<Strategy> read(MapView strategy, Optional<Target> target) {
        Optional<List<Node>> items = strategy.require("steps").flatMap(n -> r.list(n, "spec.strategy.steps"));
        strategy.finish();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        this.items = items.get();
        if (items.get().isEmpty()) {
            r.error(strategy.get("steps").orElseThrow(), "spec.strategy.steps", "needs at least one step ending with setWeight: 100");
            return Optional.empty();
        }
        int problemsBefore = r.problems().size();
        List<Step> steps = new ArrayList<>();
        int lastWeight = -1;
        Node lastWeightNode = null;
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String field = "spec.strategy.steps[" + i + "]";
            Optional<Step> step = step(item, field);
            if (step.isEmpty()) {
                continue;
            }
            if (step.get() instanceof Step.SetWeight w) {
                Node weightNode = valueOf(item, "setWeight");
                if (w.percent() <= lastWeight) {
                    r.error(weightNode, field + ".setWeight", "weights must increase: " + w.percent()
                            + " follows " + lastWeight);
                }
                if (target.orElse(null) instanceof Target.Ecs ecs && !ecs.blueGreen() && w.percent() != 100) {
                    r.error(weightNode, field + ".setWeight", "an ECS rolling update cannot split traffic; use"
                            + " setWeight: 100 (deploy) with pauses and analysis, or services + alb for weighted steps");
                }
                lastWeight = Math.max(lastWeight, w.percent());
                lastWeightNode = weightNode;
            }
            steps.add(step.get());
        }
        if (lastWeight < 100 && r.problems().size() == problemsBefore) {
            Node at = lastWeightNode != null ? lastWeightNode : items.get().get(items.get().size() - 1);
            r.error(at, lastWeightNode != null ? "spec.strategy.steps" : "spec.strategy.steps",
                    lastWeight < 0 ? "no setWeight step: the strategy must end at setWeight: 100"
                            : "the last setWeight is " + lastWeight + ": the strategy must reach setWeight: 100");
        }
        return r.problems().size() == problemsBefore ? Optional.of(new Strategy(steps)) : Optional.empty();
    }

    private Optional<Step> step(Node item, String field) {
        Optional<MapView> view = r.map(item, field);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        MapView m = view.get();
        Set<String> keys = m.keys();
        if (keys.size() != 1) {
            STEP_KINDS.forEach(m::get);
            r.error(item, field, keys.isEmpty() ? "empty step: use one of setWeight, pause, analysis"
                    : "a step has exactly one of setWeight, pause, analysis; got " + String.join(", ", keys));
            return Optional.empty();
        }
        String kind = keys.iterator().next();
        Optional<Step> step = Optional.empty();
        if (kind.equals("setWeight")) {
            Function<String, String> outside = v -> "weight " + v + " is outside " + Bounds.WEIGHT_MIN + ".." + Bounds.WEIGHT_MAX;
            step = m.get(kind).flatMap(n -> r.integer(n, field + ".setWeight", Bounds.WEIGHT_MIN, Bounds.WEIGHT_MAX,
                    outside, outside)).map(Step.SetWeight::new);
            if (!m.has(kind)) {
                m.get(kind);
                r.error(item, field + ".setWeight", "needs a weight 0..100");
            }
        } else if (kind.equals("pause")) {
            step = pause(m, field);
        } else if (kind.equals("analysis")) {
            step = analysis(m, field);
        } else {
            STEP_KINDS.forEach(m::get);
        }
        m.finish();
        return step;
    }

    private Optional<Step> pause(MapView m, String field) {
        Optional<Node> value = m.get("pause");
        if (value.isEmpty()) {
            r.error(m.node(), field + ".pause", "needs a duration such as 10m, or {} to wait for approval");
            return Optional.empty();
        }
        Node n = value.get();
        if (n instanceof org.yaml.snakeyaml.nodes.MappingNode) {
            return r.map(n, field + ".pause").flatMap(p -> {
                Optional<Duration> d = p.get("duration").flatMap(dn -> r.duration(dn, field + ".pause.duration",
                        Bounds.PAUSE_MIN, Bounds.PAUSE_MAX));
                boolean bad = p.has("duration") && d.isEmpty();
                p.finish();
                return bad ? Optional.empty() : Optional.of((Step) new Step.Pause(d));
            });
        }
        return r.duration(n, field + ".pause", Bounds.PAUSE_MIN, Bounds.PAUSE_MAX)
                .map(d -> new Step.Pause(Optional.of(d)));
    }

    private Optional<Step> analysis(MapView m, String field) {
        Optional<Node> value = m.get("analysis");
        if (value.isEmpty()) {
            r.error(m.node(), field + ".analysis", "needs a duration such as 5m, or {duration, checks}");
            return Optional.empty();
        }
        Node n = value.get();
        if (n instanceof org.yaml.snakeyaml.nodes.MappingNode) {
            return r.map(n, field + ".analysis").flatMap(a -> {
                Optional<Duration> d = a.require("duration").flatMap(dn -> r.duration(dn, field + ".analysis.duration",
                        Bounds.ANALYSIS_STEP_MIN, Bounds.ANALYSIS_STEP_MAX));
                List<String> names = new ArrayList<>();
                boolean ok = true;
                Optional<Node> checks = a.get("checks");
                if (checks.isPresent()) {
                    Optional<List<Node>> list = r.list(checks.get(), field + ".analysis.checks");
                    ok = list.isPresent();
                    for (Node c : list.orElse(List.of())) {
                        Optional<String> name = r.string(c, field + ".analysis.checks");
                        ok &= name.isPresent();
                        name.ifPresent(names::add);
                    }
                }
                a.finish();
                return d.isPresent() && ok ? Optional.of((Step) new Step.Analysis(d.get(), names)) : Optional.empty();
            });
        }
        return r.duration(n, field + ".analysis", Bounds.ANALYSIS_STEP_MIN, Bounds.ANALYSIS_STEP_MAX)
                .map(d -> new Step.Analysis(d, List.of()));
    }

    /** The value of {@code key} in the mapping {@code item}. */
    private static Node valueOf(Node item, String key) {
        for (NodeTuple t : ((MappingNode) item).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return item;
    }

    /** Analysis steps must run something: named checks must exist, and there must be checks at all. */
    void checkAnalysisStepReferences(Strategy strategy, boolean analysisGiven, Optional<Analysis> analysis) {
        if (analysisGiven && analysis.isEmpty()) {
            return;
        }
        Set<String> known = analysis.map(a -> a.checks().stream().map(Check::name).collect(Collectors.toSet()))
                .orElse(Set.of());
        for (int i = 0; i < strategy.steps().size(); i++) {
            if (strategy.steps().get(i) instanceof Step.Analysis a) {
                String field = "spec.strategy.steps[" + i + "].analysis";
                if (known.isEmpty()) {
                    r.error(items.get(i), field, "an analysis step needs checks: add spec.analysis.checks");
                }
                for (String name : a.checks()) {
                    if (!known.isEmpty() && !known.contains(name)) {
                        r.error(items.get(i), field + ".checks", "no check named " + NodeReader.quote(name)
                                + " in spec.analysis.checks" + NodeReader.hint(name, known));
                    }
                }
            }
        }
    }
}
