package io.sluice.sim.dynamodb;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DynamoDB attribute values in their wire form: a map with exactly one type key ({@code S}, {@code N},
 * {@code B}, {@code BOOL}, {@code NULL}, {@code M}, {@code L}, {@code SS}, {@code NS}, {@code BS}).
 * Numbers travel as strings and are kept normalized ({@code "1.50"} is stored as {@code "1.5"}).
 */
final class Values {
    static final List<String> TYPES = List.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL");
    private static final BigDecimal MAX = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_POSITIVE = new BigDecimal("1E-130");

    private Values() {
    }

    /** Validates one attribute value and returns its normalized copy. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> valid(Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw DynamoErrors.serialization("Start of structure or map found where not expected.");
        }
        Map<String, Object> value = (Map<String, Object>) m;
        List<String> set = value.keySet().stream().filter(k -> value.get(k) != null).toList();
        if (set.isEmpty()) {
            throw DynamoErrors.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (set.size() > 1) {
            throw DynamoErrors.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        String type = set.get(0);
        Object v = value.get(type);
        Object normalized = switch (type) {
            case "S", "B" -> text(v);
            case "N" -> number(text(v));
            case "BOOL" -> bool(v);
            case "NULL" -> {
                if (!Boolean.TRUE.equals(bool(v))) {
                    throw DynamoErrors.invalidParameter("Null attribute value types must have the value of true");
                }
                yield Boolean.TRUE;
            }
            case "M" -> {
                if (!(v instanceof Map<?, ?> members)) {
                    throw DynamoErrors.serialization("Start of structure or map found where not expected.");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                members.forEach((k, av) -> out.put(String.valueOf(k), valid(av)));
                yield out;
            }
            case "L" -> {
                if (!(v instanceof List<?> items)) {
                    throw DynamoErrors.serialization("Start of list found where not expected");
                }
                yield new ArrayList<>(items.stream().map(Values::valid).toList());
            }
            case "SS", "NS", "BS" -> set(type, v);
            default -> throw DynamoErrors.serialization("Unrecognized field \"" + type + "\" in AttributeValue");
        };
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(type, normalized);
        return out;
    }

    private static String text(Object v) {
        if (!(v instanceof String s)) {
            throw DynamoErrors.serialization("NUMBER_VALUE cannot be converted to String");
        }
        return s;
    }

    private static Boolean bool(Object v) {
        if (!(v instanceof Boolean b)) {
            throw DynamoErrors.serialization("STRING_VALUE can not be converted to a Boolean");
        }
        return b;
    }

    private static List<String> set(String type, Object v) {
        if (!(v instanceof List<?> items)) {
            throw DynamoErrors.serialization("Start of list found where not expected");
        }
        if (items.isEmpty()) {
            throw DynamoErrors.invalidParameter("An " + (type.equals("SS") ? "string" : type.equals("NS") ? "number" : "binary")
                    + " set  may not be empty");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object item : items) {
            String s = type.equals("NS") ? number(text(item)) : text(item);
            if (!seen.add(s)) {
                throw DynamoErrors.validation("Input collection " + items + " contains duplicates.");
            }
            out.add(s);
        }
        return out;
    }

    /** A number in DynamoDB's range and precision, normalized. */
    static String number(String text) {
        BigDecimal n;
        try {
            n = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw DynamoErrors.validation("A value provided cannot be converted into a number");
        }
        return number(n);
    }

    static String number(BigDecimal n) {
        BigDecimal stripped = n.stripTrailingZeros();
        if (stripped.precision() > 38) {
            throw DynamoErrors.validation("Attempting to store more than 38 significant digits in a Number");
        }
        if (stripped.abs().compareTo(MAX) > 0) {
            throw DynamoErrors.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (stripped.signum() != 0 && stripped.abs().compareTo(MIN_POSITIVE) < 0) {
            throw DynamoErrors.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }

    static Map<String, Object> of(String type, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(type, value);
        return out;
    }

    static String type(Map<String, Object> value) {
        return value.keySet().iterator().next();
    }

    static BigDecimal decimal(Map<String, Object> value) {
        return new BigDecimal((String) value.get("N"));
    }

    static Map<String, Object> add(Map<String, Object> a, Map<String, Object> b, boolean minus) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return of("N", number(minus ? x.subtract(y, MathContext.UNLIMITED) : x.add(y, MathContext.UNLIMITED)));
    }

    /** Equal as DynamoDB compares them: same type; numbers by value, sets regardless of order. */
    static boolean equal(Map<String, Object> a, Map<String, Object> b) {
        String type = type(a);
        if (!type.equals(type(b))) {
            return false;
        }
        Object x = a.get(type);
        Object y = b.get(type);
        return switch (type) {
            case "N" -> decimal(a).compareTo(decimal(b)) == 0;
            case "NS" -> numbers(x).equals(numbers(y));
            case "SS", "BS" -> new HashSet<>((List<?>) x).equals(new HashSet<>((List<?>) y));
            case "M" -> equalMaps(x, y);
            case "L" -> equalLists(x, y);
            default -> x.equals(y);
        };
    }

    @SuppressWarnings("unchecked")
    private static boolean equalMaps(Object x, Object y) {
        Map<String, Map<String, Object>> m = (Map<String, Map<String, Object>>) x;
        Map<String, Map<String, Object>> n = (Map<String, Map<String, Object>>) y;
        return m.keySet().equals(n.keySet()) && m.keySet().stream().allMatch(k -> equal(m.get(k), n.get(k)));
    }

    @SuppressWarnings("unchecked")
    private static boolean equalLists(Object x, Object y) {
        List<Map<String, Object>> l = (List<Map<String, Object>>) x;
        List<Map<String, Object>> k = (List<Map<String, Object>>) y;
        if (l.size() != k.size()) {
            return false;
        }
        for (int i = 0; i < l.size(); i++) {
            if (!equal(l.get(i), k.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Set<BigDecimal> numbers(Object list) {
        Set<BigDecimal> out = new HashSet<>();
        ((List<?>) list).forEach(s -> out.add(new BigDecimal((String) s).stripTrailingZeros()));
        return out;
    }

    /** The order of two values of the same scalar type (N, S, B), else empty: {@code <} and friends are false. */
    static Optional<Integer> order(Map<String, Object> a, Map<String, Object> b) {
        String type = type(a);
        if (!type.equals(type(b))) {
            return Optional.empty();
        }
        return switch (type) {
            case "N" -> Optional.of(decimal(a).compareTo(decimal(b)));
            case "S" -> Optional.of(compareBytes(((String) a.get("S")).getBytes(StandardCharsets.UTF_8),
                    ((String) b.get("S")).getBytes(StandardCharsets.UTF_8)));
            case "B" -> Optional.of(compareBytes(Base64.getDecoder().decode((String) a.get("B")),
                    Base64.getDecoder().decode((String) b.get("B"))));
            default -> Optional.empty();
        };
    }

    private static int compareBytes(byte[] x, byte[] y) {
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** What {@code size()} answers: string length in UTF-8 bytes, binary length, element count; empty for N, BOOL, NULL. */
    @SuppressWarnings("unchecked")
    static Optional<Integer> size(Map<String, Object> value) {
        Object v = value.get(type(value));
        return switch (type(value)) {
            case "S" -> Optional.of(((String) v).getBytes(StandardCharsets.UTF_8).length);
            case "B" -> Optional.of(Base64.getDecoder().decode((String) v).length);
            case "M" -> Optional.of(((Map<String, Object>) v).size());
            case "L", "SS", "NS", "BS" -> Optional.of(((List<Object>) v).size());
            default -> Optional.empty();
        };
    }

    /** An item's size as DynamoDB counts it toward the 400 KB limit (names plus values, approximately). */
    @SuppressWarnings("unchecked")
    static long bytes(Map<String, Object> item) {
        long total = 0;
        for (Map.Entry<String, Object> e : item.entrySet()) {
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes((Map<String, Object>) e.getValue());
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static long valueBytes(Map<String, Object> value) {
        Object v = value.get(type(value));
        return switch (type(value)) {
            case "S" -> ((String) v).getBytes(StandardCharsets.UTF_8).length;
            case "N" -> 1 + (((String) v).length() + 1) / 2;
            case "B" -> Base64.getDecoder().decode((String) v).length;
            case "BOOL", "NULL" -> 1;
            case "M" -> 3 + bytes((Map<String, Object>) v);
            case "L" -> 3 + ((List<Map<String, Object>>) v).stream().mapToLong(x -> 1 + valueBytes(x)).sum();
            default -> ((List<String>) v).stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        };
    }

    /** A deep copy, so that a stored item never shares structure with a request or a response. */
    @SuppressWarnings("unchecked")
    static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(Values::copy).toList());
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyItem(Map<String, Object> item) {
        return (Map<String, Object>) copy(item);
    }
}
