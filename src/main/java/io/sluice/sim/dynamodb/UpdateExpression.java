package io.sluice.sim.dynamodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An UpdateExpression: clauses {@code SET path = value, ...}, {@code REMOVE path, ...},
 * {@code ADD path :v, ...} (numbers and sets) and {@code DELETE path :set, ...}, each at most once.
 * A SET value is an operand, {@code operand + operand} or {@code operand - operand}; an operand is a
 * path, a {@code :value}, {@code if_not_exists(path, operand)} or {@code list_append(op, op)}. Every
 * value is computed from the item as it was before the update, as DynamoDB does.
 */
final class UpdateExpression extends ExprParser {
    private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    private record Action(String clause, DocPath path, Function<Map<String, Object>, Map<String, Object>> value) {
    }

    private final List<Action> actions = new ArrayList<>();

    private UpdateExpression(String text, Placeholders placeholders) {
        super("UpdateExpression", text, placeholders);
    }

    static UpdateExpression parse(String text, Placeholders placeholders) {
        UpdateExpression u = new UpdateExpression(text, placeholders);
        Set<String> seen = new HashSet<>();
        do {
            Token clause = u.peek();
            if (!isKeyword(clause, "SET", "REMOVE", "ADD", "DELETE")) {
                throw u.unexpected();
            }
            u.take();
            String name = clause.text().toUpperCase(Locale.ROOT);
            if (!seen.add(name)) {
                throw DynamoErrors.invalidExpression(u.which,
                        "The \"" + name + "\" section can only be used once in an update expression;");
            }
            do {
                u.actions.add(u.action(name));
            } while (u.accept(","));
        } while (u.peek().kind() != Kind.EOF);
        u.checkOverlaps();
        return u;
    }

    private Action action(String clause) {
        DocPath path = path();
        switch (clause) {
            case "SET" -> {
                expect("=");
                return new Action(clause, path, setValue());
            }
            case "REMOVE" -> {
                return new Action(clause, path, item -> null);
            }
            default -> {
                if (peek().kind() != Kind.COLON) {
                    throw unexpected();
                }
                Map<String, Object> v = value();
                String type = Values.type(v);
                boolean fits = clause.equals("ADD") ? List.of("N", "SS", "NS", "BS").contains(type)
                        : List.of("SS", "NS", "BS").contains(type);
                if (!fits) {
                    throw DynamoErrors.invalidExpression(which, "Incorrect operand type for operator or function; operator: "
                            + clause + ", operand type: " + typeName(type));
                }
                return new Action(clause, path, item -> v);
            }
        }
    }

    private Function<Map<String, Object>, Map<String, Object>> setValue() {
        Function<Map<String, Object>, Map<String, Object>> left = setOperand();
        if (peek().is("+") || peek().is("-")) {
            boolean minus = take().text().equals("-");
            Function<Map<String, Object>, Map<String, Object>> right = setOperand();
            return item -> {
                Map<String, Object> a = left.apply(item);
                Map<String, Object> b = right.apply(item);
                if (!Values.type(a).equals("N") || !Values.type(b).equals("N")) {
                    throw DynamoErrors.validation(WRONG_TYPE);
                }
                return Values.add(a, b, minus);
            };
        }
        return left;
    }

    private Function<Map<String, Object>, Map<String, Object>> setOperand() {
        Token t = peek();
        if (t.kind() == Kind.COLON) {
            Map<String, Object> v = value();
            return item -> v;
        }
        if (t.kind() == Kind.NAME && peek(1).is("(")) {
            take();
            take();
            Function<Map<String, Object>, Map<String, Object>> result;
            if (t.text().equals("if_not_exists")) {
                if (!atPath()) {
                    throw DynamoErrors.invalidExpression(which,
                            "Operator or function requires a document path; operator or function: if_not_exists");
                }
                DocPath path = path();
                expect(",");
                Function<Map<String, Object>, Map<String, Object>> fallback = setOperand();
                result = item -> path.get(item).orElseGet(() -> fallback.apply(item));
            } else if (t.text().equals("list_append")) {
                Function<Map<String, Object>, Map<String, Object>> a = setOperand();
                expect(",");
                Function<Map<String, Object>, Map<String, Object>> b = setOperand();
                result = item -> listAppend(a.apply(item), b.apply(item));
            } else {
                throw DynamoErrors.invalidExpression(which, "Invalid function name; function: " + t.text());
            }
            expect(")");
            return result;
        }
        if (atPath()) {
            DocPath path = path();
            return item -> path.get(item).orElseThrow(() -> DynamoErrors.validation(
                    "The provided expression refers to an attribute that does not exist in the item"));
        }
        throw unexpected();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listAppend(Map<String, Object> a, Map<String, Object> b) {
        if (!Values.type(a).equals("L") || !Values.type(b).equals("L")) {
            throw DynamoErrors.validation(WRONG_TYPE);
        }
        List<Object> out = new ArrayList<>((List<Object>) a.get("L"));
        out.addAll((List<Object>) b.get("L"));
        return Values.of("L", out);
    }

    private void checkOverlaps() {
        for (int i = 0; i < actions.size(); i++) {
            for (int j = i + 1; j < actions.size(); j++) {
                if (actions.get(i).path().overlaps(actions.get(j).path())) {
                    throw DynamoErrors.invalidExpression(which, "Two document paths overlap with each other;"
                            + " must remove or rewrite one of these paths; path one: " + actions.get(i).path()
                            + ", path two: " + actions.get(j).path());
                }
            }
        }
    }

    /** The top-level attribute names this update writes or removes. */
    Set<String> topNames() {
        Set<String> out = new LinkedHashSet<>();
        actions.forEach(a -> out.add(a.path().top()));
        return out;
    }

    /** The item after the update: every value is computed from {@code before} first, then applied. */
    Map<String, Object> apply(Map<String, Object> before) {
        List<Map<String, Object>> computed = new ArrayList<>();
        for (Action a : actions) {
            computed.add(a.clause().equals("REMOVE") ? null : a.value().apply(before));
        }
        Map<String, Object> after = Values.copyItem(before);
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            Map<String, Object> v = computed.get(i) == null ? null : Values.copyItem(computed.get(i));
            switch (a.clause()) {
                case "SET" -> a.path().set(after, v);
                case "REMOVE" -> a.path().remove(after);
                case "ADD" -> a.path().set(after, a.path().get(after).map(old -> add(old, v)).orElse(v));
                default -> a.path().get(after).map(old -> subtract(old, v)).ifPresent(rest -> {
                    if (rest.isPresent()) {
                        a.path().set(after, rest.get());
                    } else {
                        a.path().remove(after);
                    }
                });
            }
        }
        return after;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> add(Map<String, Object> old, Map<String, Object> v) {
        String type = Values.type(v);
        if (!Values.type(old).equals(type)) {
            throw DynamoErrors.validation(WRONG_TYPE);
        }
        if (type.equals("N")) {
            return Values.add(old, v, false);
        }
        List<String> union = new ArrayList<>((List<String>) old.get(type));
        for (String s : (List<String>) v.get(type)) {
            boolean present = type.equals("NS") ? union.stream().anyMatch(n -> Values.equal(Values.of("N", n), Values.of("N", s)))
                    : union.contains(s);
            if (!present) {
                union.add(s);
            }
        }
        return Values.of(type, union);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> subtract(Map<String, Object> old, Map<String, Object> v) {
        String type = Values.type(v);
        if (!Values.type(old).equals(type)) {
            throw DynamoErrors.validation(WRONG_TYPE);
        }
        List<String> rest = new ArrayList<>((List<String>) old.get(type));
        rest.removeIf(s -> ((List<String>) v.get(type)).stream().anyMatch(d -> type.equals("NS")
                ? Values.equal(Values.of("N", d), Values.of("N", s)) : d.equals(s)));
        return rest.isEmpty() ? Optional.empty() : Optional.of(Values.of(type, rest));
    }

    private static String typeName(String type) {
        return switch (type) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "M" -> "MAP";
            case "L" -> "LIST";
            default -> type;
        };
    }
}
