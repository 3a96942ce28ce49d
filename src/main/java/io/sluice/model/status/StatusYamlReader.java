package io.sluice.model.status;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the YAML written by {@link StatusYaml}; refuses anything else with a message that says where. */
public final class StatusYamlReader {
    private static final Set<String> TOP = Set.of("rollout", "observedCommit", "retry", "phase", "step", "stable", "canary",
            "stepStartedAt", "pausedUntil", "lastTransition", "checks", "message", "conditions", "history");

    private final String file;

    private StatusYamlReader(String file) {
        this.file = file;
    }

    /** Thrown for a status file that is not in the status format. */
    public static final class StatusFormatException extends IllegalArgumentException {
        public StatusFormatException(String message) {
            super(message);
        }
    }

    public static RolloutStatus read(String text, String file) {
        return new StatusYamlReader(file).read(text);
    }

    private RolloutStatus read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit(4 * 1024 * 1024);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new StatusFormatException(file + ": not valid YAML: " + e.getMessage());
        }
        Map<String, Node> top = mapping(root, "");
        for (String key : top.keySet()) {
            if (!TOP.contains(key)) {
                throw fail(top.get(key), key, "unknown field");
            }
        }
        return new RolloutStatus(
                required(top, "rollout"),
                optional(top, "observedCommit"),
                optional(top, "retry").map(v -> (int) number(v, top.get("retry"), "retry")).orElse(0),
                phase(top),
                optional(top, "step").map(s -> step(s, top.get("step"))),
                Optional.ofNullable(top.get("stable")).map(n -> side(n, "stable")),
                Optional.ofNullable(top.get("canary")).map(n -> side(n, "canary")),
                optional(top, "stepStartedAt").map(t -> instant(t, top.get("stepStartedAt"), "stepStartedAt")),
                optional(top, "pausedUntil").map(t -> instant(t, top.get("pausedUntil"), "pausedUntil")),
                optional(top, "lastTransition").map(t -> instant(t, top.get("lastTransition"), "lastTransition")),
                list(top.get("checks"), "checks").stream().map(this::check).toList(),
                optional(top, "message").orElse(""),
                list(top.get("history"), "history").stream().map(this::history).toList(),
                list(top.get("conditions"), "conditions").stream().map(this::condition).toList());
    }

    private Condition condition(Node node) {
        Map<String, Node> m = mapping(node, "conditions");
        Condition.Type type = named(Condition.Type.class, required(m, "type"), m.get("type"), "conditions.type");
        String status = required(m, "status");
        if (!status.equals("true") && !status.equals("false")) {
            throw fail(m.get("status"), "conditions.status", "expected true or false, got '" + status + "'");
        }
        return new Condition(type, Boolean.parseBoolean(status),
                named(Reason.class, required(m, "reason"), m.get("reason"), "conditions.reason"),
                optional(m, "message").orElse(""), instant(required(m, "since"), m.get("since"), "conditions.since"));
    }

    private <E extends Enum<E>> E named(Class<E> type, String value, Node at, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw fail(at, field, "unknown value '" + value + "'");
        }
    }

    private Phase phase(Map<String, Node> top) {
        String value = required(top, "phase");
        try {
            return Phase.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw fail(top.get("phase"), "phase", "unknown phase '" + value + "'");
        }
    }

    private RolloutStatus.StepProgress step(String text, Node at) {
        String[] parts = text.split("/");
        try {
            return new RolloutStatus.StepProgress(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (RuntimeException e) {
            throw fail(at, "step", "expected k/n, got '" + text + "'");
        }
    }

    private RolloutStatus.Side side(Node node, String field) {
        Map<String, Node> m = mapping(node, field);
        return new RolloutStatus.Side(required(m, "name"), required(m, "version"),
                number(required(m, "weight"), m.get("weight"), field + ".weight"),
                optional(m, "live").map(v -> number(v, m.get("live"), field + ".live")));
    }

    private RolloutStatus.CheckStatus check(Node node) {
        Map<String, Node> m = mapping(node, "checks");
        String result = required(m, "result");
        RolloutStatus.Result r;
        try {
            r = RolloutStatus.Result.valueOf(result);
        } catch (IllegalArgumentException e) {
            throw fail(m.get("result"), "checks.result", "unknown result '" + result + "'");
        }
        return new RolloutStatus.CheckStatus(required(m, "name"),
                optional(m, "value").map(v -> number(v, m.get("value"), "checks.value")), r,
                instant(required(m, "at"), m.get("at"), "checks.at"),
                optional(m, "failures").map(v -> (int) number(v, m.get("failures"), "checks.failures")).orElse(0),
                optional(m, "errors").map(v -> (int) number(v, m.get("errors"), "checks.errors")).orElse(0),
                optional(m, "noData").map(v -> (int) number(v, m.get("noData"), "checks.noData")).orElse(0),
                optional(m, "detail"),
                optional(m, "samples").map(v -> (int) number(v, m.get("samples"), "checks.samples")),
                optional(m, "count").map(v -> (long) number(v, m.get("count"), "checks.count")),
                optional(m, "dryRun").map(v -> bool(v, m.get("dryRun"), "checks.dryRun")).orElse(false),
                Optional.ofNullable(m.get("judge")).map(this::judge));
    }

    private RolloutStatus.JudgeResult judge(Node node) {
        Map<String, Node> m = mapping(node, "checks.judge");
        return new RolloutStatus.JudgeResult(required(m, "test"),
                number(required(m, "statistic"), m.get("statistic"), "checks.judge.statistic"),
                number(required(m, "pValue"), m.get("pValue"), "checks.judge.pValue"),
                number(required(m, "eValue"), m.get("eValue"), "checks.judge.eValue"),
                number(required(m, "effect"), m.get("effect"), "checks.judge.effect"),
                optional(m, "varianceRise").map(v -> bool(v, m.get("varianceRise"), "checks.judge.varianceRise"))
                        .orElse(false));
    }

    private boolean bool(String text, Node at, String field) {
        if (!text.equals("true") && !text.equals("false")) {
            throw fail(at, field, "expected true or false, got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private RolloutStatus.HistoryEntry history(Node node) {
        Map<String, Node> m = mapping(node, "history");
        return new RolloutStatus.HistoryEntry(instant(required(m, "at"), m.get("at"), "history.at"),
                required(m, "event"), optional(m, "from"), optional(m, "to"), optional(m, "commit"),
                optional(m, "reason"), optional(m, "cause").map(c -> named(Reason.class, c, m.get("cause"), "history.cause")));
    }

    private Map<String, Node> mapping(Node node, String field) {
        if (!(node instanceof MappingNode m)) {
            throw fail(node, field, "expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(((ScalarNode) t.getKeyNode()).getValue(), t.getValueNode());
        }
        return out;
    }

    private List<Node> list(Node node, String field) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            throw fail(node, field, "expected a list");
        }
        return new ArrayList<>(s.getValue());
    }

    private String required(Map<String, Node> m, String key) {
        return optional(m, key).orElseThrow(() -> new StatusFormatException(file + ": " + key + " is required"));
    }

    private Optional<String> optional(Map<String, Node> m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return Optional.empty();
        }
        if (!(n instanceof ScalarNode s)) {
            throw fail(n, key, "expected a value");
        }
        return Optional.of(s.getValue());
    }

    private double number(String text, Node at, String field) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw fail(at, field, "expected a number, got '" + text + "'");
        }
    }

    private Instant instant(String text, Node at, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw fail(at, field, "expected an instant such as 2026-11-22T10:20:00Z, got '" + text + "'");
        }
    }

    private StatusFormatException fail(Node at, String field, String message) {
        int line = at == null ? 1 : at.getStartMark().getLine() + 1;
        int col = at == null ? 1 : at.getStartMark().getColumn() + 1;
        return new StatusFormatException(file + ":" + line + ":" + col + ": " + field + ": " + message);
    }
}
