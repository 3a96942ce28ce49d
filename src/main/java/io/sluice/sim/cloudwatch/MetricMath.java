package io.sluice.sim.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The part of CloudWatch metric math that rate checks use: + - * / between query ids and constants,
 * parentheses, unary minus and {@code FILL(series, value)}. Arithmetic between two series yields a
 * point only where both have one; a division by zero yields no point.
 */
final class MetricMath {
    /** A parsed expression. */
    sealed interface Node permits Constant, Reference, Binary, Negation, Fill {
    }

    record Constant(double value) implements Node {
    }

    record Reference(String id) implements Node {
    }

    record Binary(char operator, Node left, Node right) implements Node {
    }

    record Negation(Node operand) implements Node {
    }

    record Fill(Node series, double value) implements Node {
    }

    /** A value during evaluation: a constant or a time series. */
    private record Value(Double constant, TreeMap<Instant, Double> series) {
    }

    private final String text;
    private int pos;

    private MetricMath(String text) {
        this.text = text;
    }

    /** Parses an expression; IllegalArgumentException with the position on a syntax error. */
    static Node parse(String expression) {
        MetricMath parser = new MetricMath(expression);
        Node node = parser.sum();
        parser.skipSpace();
        if (parser.pos < expression.length()) {
            throw parser.error("Unexpected character '" + expression.charAt(parser.pos) + "'");
        }
        return node;
    }

    static Set<String> references(Node node) {
        Set<String> ids = new LinkedHashSet<>();
        collect(node, ids);
        return ids;
    }

    private static void collect(Node node, Set<String> ids) {
        if (node instanceof Reference r) {
            ids.add(r.id());
        } else if (node instanceof Binary b) {
            collect(b.left(), ids);
            collect(b.right(), ids);
        } else if (node instanceof Negation n) {
            collect(n.operand(), ids);
        } else if (node instanceof Fill f) {
            collect(f.series(), ids);
        }
    }

    /** Evaluates to a series over {@code grid} (constants become flat series). */
    static TreeMap<Instant, Double> evaluate(Node node, Function<String, TreeMap<Instant, Double>> seriesOf,
            List<Instant> grid) {
        Value v = eval(node, seriesOf, grid);
        if (v.series() != null) {
            return v.series();
        }
        TreeMap<Instant, Double> flat = new TreeMap<>();
        grid.forEach(t -> flat.put(t, v.constant()));
        return flat;
    }

    private static Value eval(Node node, Function<String, TreeMap<Instant, Double>> seriesOf, List<Instant> grid) {
        if (node instanceof Constant c) {
            return new Value(c.value(), null);
        }
        if (node instanceof Reference r) {
            return new Value(null, seriesOf.apply(r.id()));
        }
        if (node instanceof Negation n) {
            return apply('*', new Value(-1.0, null), eval(n.operand(), seriesOf, grid));
        }
        if (node instanceof Fill f) {
            TreeMap<Instant, Double> filled = new TreeMap<>(evaluate(f.series(), seriesOf, grid));
            grid.forEach(t -> filled.putIfAbsent(t, f.value()));
            return new Value(null, filled);
        }
        Binary b = (Binary) node;
        return apply(b.operator(), eval(b.left(), seriesOf, grid), eval(b.right(), seriesOf, grid));
    }

    private static Value apply(char op, Value left, Value right) {
        if (left.series() == null && right.series() == null) {
            Double r = arithmetic(op, left.constant(), right.constant());
            return new Value(r == null ? Double.NaN : r, null);
        }
        TreeMap<Instant, Double> out = new TreeMap<>();
        TreeMap<Instant, Double> keys = left.series() != null ? left.series() : right.series();
        for (Instant t : keys.keySet()) {
            Double a = left.series() != null ? left.series().get(t) : left.constant();
            Double b = right.series() != null ? right.series().get(t) : right.constant();
            if (a != null && b != null) {
                Double r = arithmetic(op, a, b);
                if (r != null) {
                    out.put(t, r);
                }
            }
        }
        return new Value(null, out);
    }

    private static Double arithmetic(char op, double a, double b) {
        switch (op) {
            case '+':
                return a + b;
            case '-':
                return a - b;
            case '*':
                return a * b;
            default:
                return b == 0 ? null : a / b;
        }
    }

    private Node sum() {
        Node left = product();
        while (true) {
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                char op = text.charAt(pos++);
                left = new Binary(op, left, product());
            } else {
                return left;
            }
        }
    }

    private Node product() {
        Node left = unary();
        while (true) {
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '/')) {
                char op = text.charAt(pos++);
                left = new Binary(op, left, unary());
            } else {
                return left;
            }
        }
    }

    private Node unary() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
            return new Negation(unary());
        }
        return primary();
    }

    private Node primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("Unexpected end of expression");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Node inner = sum();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E'
                    || (pos > start && (text.charAt(pos) == '-' || text.charAt(pos) == '+')
                        && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
                pos++;
            }
            try {
                return new Constant(Double.parseDouble(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw error("Invalid number " + text.substring(start, pos));
            }
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                return call(name);
            }
            return new Reference(name);
        }
        throw error("Unexpected character '" + c + "'");
    }

    private Node call(String name) {
        if (!name.equals("FILL")) {
            throw error("Unsupported function " + name);
        }
        pos++;
        Node series = sum();
        expect(',');
        Node value = unary();
        expect(')');
        double fill;
        if (value instanceof Constant k) {
            fill = k.value();
        } else if (value instanceof Negation n && n.operand() instanceof Constant k) {
            fill = -k.value();
        } else {
            throw error("FILL needs a constant value");
        }
        return new Fill(series, fill);
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("Expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at position " + (pos + 1));
    }

    static List<Instant> grid(Instant from, Instant to, int period) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(period)) {
            out.add(t);
        }
        return out;
    }
}
