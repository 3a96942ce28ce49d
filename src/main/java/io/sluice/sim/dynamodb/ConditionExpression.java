package io.sluice.sim.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A ConditionExpression, parsed once and tested against the item as it is before the write (an
 * empty map when there is none). Grammar, loosest first: {@code OR}, {@code AND}, {@code NOT}, then
 * parentheses, a comparison ({@code = <> < <= > >=}), {@code BETWEEN ... AND ...}, {@code IN (...)}
 * or a function: {@code attribute_exists(path)}, {@code attribute_not_exists(path)},
 * {@code attribute_type(path, :t)}, {@code begins_with(path, op)}, {@code contains(path, op)};
 * {@code size(path)} is an operand. Keywords are case-insensitive.
 */
final class ConditionExpression extends ExprParser {
    private static final List<String> TYPES = Values.TYPES;

    /** An operand: a path's value (empty when the item has none), a placeholder's value, or a size. */
    private record Operand(Function<Map<String, Object>, Optional<Map<String, Object>>> eval) {
        Optional<Map<String, Object>> of(Map<String, Object> item) {
            return eval.apply(item);
        }
    }

    private ConditionExpression(String text, Placeholders placeholders) {
        super("ConditionExpression", text, placeholders);
    }

    static Predicate<Map<String, Object>> parse(String text, Placeholders placeholders) {
        ConditionExpression p = new ConditionExpression(text, placeholders);
        Predicate<Map<String, Object>> condition = p.or();
        p.expectEnd();
        return condition;
    }

    private Predicate<Map<String, Object>> or() {
        Predicate<Map<String, Object>> left = and();
        while (isKeyword(peek(), "OR")) {
            take();
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, Object>> and() {
        Predicate<Map<String, Object>> left = not();
        while (isKeyword(peek(), "AND")) {
            take();
            left = left.and(not());
        }
        return left;
    }

    private Predicate<Map<String, Object>> not() {
        if (isKeyword(peek(), "NOT")) {
            take();
            return not().negate();
        }
        return primary();
    }

    private Predicate<Map<String, Object>> primary() {
        if (accept("(")) {
            Predicate<Map<String, Object>> inner = or();
            expect(")");
            return inner;
        }
        if (peek().kind() == Kind.NAME && peek(1).is("(") && !peek().text().equals("size")) {
            return function();
        }
        Operand left = operand();
        Token op = peek();
        if (op.kind() == Kind.SYM && List.of("=", "<>", "<", "<=", ">", ">=").contains(op.text())) {
            take();
            Operand right = operand();
            return item -> compare(op.text(), left.of(item), right.of(item));
        }
        if (isKeyword(op, "BETWEEN")) {
            take();
            Operand low = operand();
            if (!isKeyword(peek(), "AND")) {
                throw unexpected();
            }
            take();
            Operand high = operand();
            return item -> {
                Optional<Map<String, Object>> lo = low.of(item);
                Optional<Map<String, Object>> hi = high.of(item);
                if (lo.isPresent() && hi.isPresent() && Values.order(lo.get(), hi.get()).filter(c -> c > 0).isPresent()) {
                    throw DynamoErrors.invalidExpression(which, "The BETWEEN operator requires upper bound to be greater than"
                            + " or equal to lower bound; lower bound operand: AttributeValue: " + lo.get()
                            + ", upper bound operand: AttributeValue: " + hi.get());
                }
                return compare(">=", left.of(item), lo) && compare("<=", left.of(item), hi);
            };
        }
        if (isKeyword(op, "IN")) {
            take();
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(","));
            expect(")");
            return item -> candidates.stream().anyMatch(c -> compare("=", left.of(item), c.of(item)));
        }
        throw unexpected();
    }

    private Predicate<Map<String, Object>> function() {
        Token name = take();
        expect("(");
        Predicate<Map<String, Object>> test = switch (name.text()) {
            case "attribute_exists" -> {
                DocPath path = pathArgument(name);
                yield item -> path.get(item).isPresent();
            }
            case "attribute_not_exists" -> {
                DocPath path = pathArgument(name);
                yield item -> path.get(item).isEmpty();
            }
            case "attribute_type" -> {
                DocPath path = pathArgument(name);
                expect(",");
                Operand type = operand();
                yield item -> {
                    Map<String, Object> t = type.of(item).orElseThrow();
                    if (!"S".equals(Values.type(t)) || !TYPES.contains((String) t.get("S"))) {
                        throw DynamoErrors.invalidExpression(which, "Invalid attribute type name found; type: "
                                + t.values().iterator().next() + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                    }
                    return path.get(item).map(v -> Values.type(v).equals(t.get("S"))).orElse(false);
                };
            }
            case "begins_with" -> {
                Operand subject = operand();
                expect(",");
                Operand prefix = operand();
                yield item -> {
                    Optional<Map<String, Object>> s = subject.of(item);
                    Optional<Map<String, Object>> p = prefix.of(item);
                    return s.isPresent() && p.isPresent() && Values.type(s.get()).equals(Values.type(p.get()))
                            && Values.type(s.get()).equals("S") && ((String) s.get().get("S")).startsWith((String) p.get().get("S"));
                };
            }
            case "contains" -> {
                Operand subject = operand();
                expect(",");
                Operand element = operand();
                yield item -> contains(subject.of(item), element.of(item));
            }
            default -> throw DynamoErrors.invalidExpression(which, "Invalid function name; function: " + name.text());
        };
        expect(")");
        return test;
    }

    private DocPath pathArgument(Token function) {
        if (!atPath()) {
            throw DynamoErrors.invalidExpression(which,
                    "Operator or function requires a document path; operator or function: " + function.text());
        }
        return path();
    }

    private Operand operand() {
        Token t = peek();
        if (t.kind() == Kind.COLON) {
            Map<String, Object> v = value();
            return new Operand(item -> Optional.of(v));
        }
        if (t.kind() == Kind.NAME && t.text().equals("size") && peek(1).is("(")) {
            take();
            take();
            if (!atPath()) {
                throw DynamoErrors.invalidExpression(which,
                        "Operator or function requires a document path; operator or function: size");
            }
            DocPath path = path();
            expect(")");
            return new Operand(item -> path.get(item).flatMap(Values::size)
                    .map(n -> Values.of("N", String.valueOf(n))));
        }
        if (atPath()) {
            DocPath path = path();
            return new Operand(path::get);
        }
        throw unexpected();
    }

    private static boolean compare(String op, Optional<Map<String, Object>> a, Optional<Map<String, Object>> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return op.equals("<>");
        }
        return switch (op) {
            case "=" -> Values.equal(a.get(), b.get());
            case "<>" -> !Values.equal(a.get(), b.get());
            default -> Values.order(a.get(), b.get()).map(c -> switch (op) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            }).orElse(false);
        };
    }

    @SuppressWarnings("unchecked")
    private static boolean contains(Optional<Map<String, Object>> subject, Optional<Map<String, Object>> element) {
        if (subject.isEmpty() || element.isEmpty()) {
            return false;
        }
        Map<String, Object> s = subject.get();
        Map<String, Object> e = element.get();
        return switch (Values.type(s)) {
            case "S" -> Values.type(e).equals("S") && ((String) s.get("S")).contains((String) e.get("S"));
            case "SS", "BS" -> ((List<Object>) s.get(Values.type(s))).contains(e.get(Values.type(s).substring(0, 1)))
                    && Values.type(e).equals(Values.type(s).substring(0, 1));
            case "NS" -> Values.type(e).equals("N") && ((List<String>) s.get("NS")).stream()
                    .anyMatch(n -> Values.equal(Values.of("N", n), e));
            case "L" -> ((List<Map<String, Object>>) s.get("L")).stream().anyMatch(x -> Values.equal(x, e));
            default -> false;
        };
    }
}
