package io.sluice.model.yaml;

import io.sluice.model.Durations;
import io.sluice.model.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of a composed YAML node tree and records a {@link Problem} (file, line,
 * column, field path) for every value of the wrong shape, so that one run reports every error of a
 * file instead of stopping at the first.
 */
public final class NodeReader {
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    public NodeReader(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    public void error(Node at, String field, String message) {
        Mark mark = at.getStartMark();
        problems.add(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, field, message));
    }

    public void error(Mark mark, String field, String message) {
        problems.add(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, field, message));
    }

    /** Reports every explicit type tag: rollout files hold plain data only. */
    public void refuseTypeTags(Node node, String field) {
        if (!PLAIN_TAGS.contains(node.getTag())) {
            error(node, field, "type tag " + node.getTag().getValue() + " is not allowed; rollout files hold plain values");
        }
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> {
                refuseTypeTags(t.getKeyNode(), field);
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                refuseTypeTags(t.getValueNode(), field.isEmpty() ? key : field + "." + key);
            });
        } else if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                refuseTypeTags(s.getValue().get(i), field + "[" + i + "]");
            }
        }
    }

    public Optional<MapView> map(Node node, String field) {
        if (node instanceof MappingNode m) {
            return Optional.of(new MapView(this, m, field));
        }
        error(node, field, "expected a mapping (key: value), got " + describe(node));
        return Optional.empty();
    }

    public Optional<List<Node>> list(Node node, String field) {
        if (node instanceof SequenceNode s) {
            return Optional.of(s.getValue());
        }
        error(node, field, "expected a list, got " + describe(node));
        return Optional.empty();
    }

    public Optional<String> string(Node node, String field) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return Optional.of(s.getValue());
        }
        error(node, field, "expected a text value, got " + describe(node));
        return Optional.empty();
    }

    public Optional<Integer> integer(Node node, String field) {
        if (node instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            try {
                return Optional.of(Integer.parseInt(s.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                error(node, field, "integer " + s.getValue() + " is out of range");
                return Optional.empty();
            }
        }
        error(node, field, "expected an integer, got " + describe(node));
        return Optional.empty();
    }

    public Optional<Double> number(Node node, String field) {
        if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            try {
                double v = Double.parseDouble(s.getValue().replace("_", ""));
                if (Double.isFinite(v)) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        error(node, field, "expected a number, got " + describe(node));
        return Optional.empty();
    }

    public Optional<Boolean> bool(Node node, String field) {
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            return Optional.of(Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT)));
        }
        error(node, field, "expected true or false, got " + describe(node));
        return Optional.empty();
    }

    public Optional<Duration> duration(Node node, String field) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            Optional<Duration> d = Durations.parse(s.getValue());
            if (d.isPresent()) {
                return d;
            }
        }
        error(node, field, "expected a duration such as 30s, 10m or 1h30m, got " + describe(node));
        return Optional.empty();
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (Tag.NULL.equals(s.getTag())) {
            return "nothing (null)";
        }
        String v = s.getValue();
        return "'" + (v.length() > 40 ? v.substring(0, 37) + "..." : v) + "'";
    }
}
