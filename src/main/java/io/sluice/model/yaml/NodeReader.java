package io.sluice.model.yaml;

import io.sluice.model.Bounds;
import io.sluice.model.Durations;
import io.sluice.model.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
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

    private static final int MAX_HINTED_NAME = 100;

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

    /**
     * Reports every explicit type tag (rollout files hold plain data only), and every mapping or list
     * that holds itself through an alias.
     */
    public void refuseTypeTags(Node node, String field) {
        refuseTypeTags(node, field, Collections.newSetFromMap(new IdentityHashMap<>()),
                Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private void refuseTypeTags(Node node, String field, Set<Node> enclosing, Set<Node> seen) {
        if (enclosing.contains(node)) {
            error(node, field, "holds itself through an alias; rollout files cannot hold recursive data");
            return;
        }
        if (!seen.add(node)) {
            return; // an alias of a node checked already
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            error(node, field, "type tag " + Problem.excerpt(node.getTag().getValue())
                    + " is not allowed; rollout files hold plain values");
        }
        enclosing.add(node);
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> {
                refuseTypeTags(t.getKeyNode(), field, enclosing, seen);
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                refuseTypeTags(t.getValueNode(), field.isEmpty() ? key : field + "." + key, enclosing, seen);
            });
        } else if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                refuseTypeTags(s.getValue().get(i), field + "[" + i + "]", enclosing, seen);
            }
        }
        enclosing.remove(node);
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

    /**
     * An integer in {@code min..max}. A value below or above is reported with the message that
     * {@code below} or {@code above} makes of the value as written (cut when long), however many
     * digits it has.
     */
    public Optional<Integer> integer(Node node, String field, int min, int max, Function<String, String> below,
                                     Function<String, String> above) {
        if (!(node instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
            error(node, field, "expected an integer, got " + describe(node));
            return Optional.empty();
        }
        Optional<Decimal> d = Decimal.of(s.getValue());
        if (d.isEmpty()) {
            error(node, field, "expected a decimal integer, got " + describe(node));
            return Optional.empty();
        }
        Decimal v = d.get();
        if (v.compareTo(min) < 0) {
            error(node, field, below.apply(v.shown()));
            return Optional.empty();
        }
        if (v.compareTo(max) > 0) {
            error(node, field, above.apply(v.shown()));
            return Optional.empty();
        }
        return Optional.of((int) v.value());
    }

    /**
     * A whole number written in decimal ({@code 42}, {@code -7}, {@code +5}, {@code 1_000}),
     * however many digits: {@code value} saturates at the ends of {@code long}, {@code shown} is
     * the number as a message echoes it.
     */
    record Decimal(long value, String shown) {
        private static final Pattern FORM = Pattern.compile("[-+]?[0-9][0-9_]*");

        static Optional<Decimal> of(String text) {
            if (!FORM.matcher(text).matches()) {
                return Optional.empty();
            }
            boolean negative = text.startsWith("-");
            String digits = text.replace("_", "").replaceFirst("^[-+]", "").replaceFirst("^0+(?=.)", "");
            if (digits.length() > 18) {
                return Optional.of(new Decimal(negative ? Long.MIN_VALUE : Long.MAX_VALUE,
                        Problem.excerpt((negative ? "-" : "") + digits)));
            }
            long v = Long.parseLong(digits) * (negative ? -1 : 1);
            return Optional.of(new Decimal(v, Long.toString(v)));
        }

        int compareTo(long bound) {
            return Long.compare(value, bound);
        }
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

    /** A duration of at most {@link Bounds#MAX_DURATION} (30 days). */
    public Optional<Duration> duration(Node node, String field) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            Optional<Duration> d = Durations.parse(s.getValue());
            if (d.isPresent() ? d.get().compareTo(Bounds.MAX_DURATION) > 0 : Durations.isDurationForm(s.getValue())) {
                error(node, field, Problem.excerpt(s.getValue()) + " is longer than the "
                        + Bounds.MAX_DURATION.toDays() + " days allowed");
                return Optional.empty();
            }
            if (d.isPresent()) {
                return d;
            }
        }
        error(node, field, "expected a duration such as 30s, 10m or 1h30m, got " + describe(node));
        return Optional.empty();
    }

    /** A duration in {@code min..max}; outside it, "must be at least MIN, got D" or "must be at most MAX, got D". */
    public Optional<Duration> duration(Node node, String field, Duration min, Duration max) {
        return duration(node, field).filter(d -> {
            if (d.compareTo(min) < 0) {
                error(node, field, "must be at least " + Durations.format(min) + ", got " + Durations.format(d));
                return false;
            }
            if (d.compareTo(max) > 0) {
                error(node, field, "must be at most " + Durations.format(max) + ", got " + Durations.format(d));
                return false;
            }
            return true;
        });
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
        return quote(s.getValue());
    }

    /**
     * " (did you mean 'x'?)" naming the known name closest to {@code given}, or nothing; names
     * longer than any field or check are not compared.
     */
    static String hint(String given, java.util.Collection<String> known) {
        if (given.length() > MAX_HINTED_NAME) {
            return "";
        }
        return Suggestions.closest(given, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** A value from the file as a message echoes it: quoted, cut when long. */
    static String quote(String value) {
        return "'" + Problem.excerpt(value) + "'";
    }
}
