package io.sluice.sim.dynamodb;

import io.sluice.sim.AwsError;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, and which of them its
 * expressions used: DynamoDB refuses an undefined placeholder and an unused definition alike.
 */
final class Placeholders {
    private final Map<String, String> names;
    private final Map<String, Map<String, Object>> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    private Placeholders(Map<String, String> names, Map<String, Map<String, Object>> values) {
        this.names = names;
        this.values = values;
    }

    /** Reads both maps of a request; {@code anyExpression} says whether it has an expression to use them. */
    static Placeholders of(DynamoInput in, boolean anyExpression) {
        Map<String, Object> rawNames = in.map("ExpressionAttributeNames");
        Map<String, Object> rawValues = in.map("ExpressionAttributeValues");
        if (!anyExpression && rawNames != null) {
            throw DynamoErrors.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!anyExpression && rawValues != null) {
            throw DynamoErrors.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        Map<String, String> names = new LinkedHashMap<>();
        if (rawNames != null) {
            if (rawNames.isEmpty()) {
                throw DynamoErrors.validation("ExpressionAttributeNames must not be empty");
            }
            rawNames.forEach((k, v) -> {
                if (!k.startsWith("#") || k.length() < 2) {
                    throw DynamoErrors.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + k + "\"");
                }
                if (!(v instanceof String s)) {
                    throw DynamoErrors.serialization("NUMBER_VALUE cannot be converted to String");
                }
                if (s.isEmpty()) {
                    throw DynamoErrors.validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key " + k);
                }
                names.put(k, s);
            });
        }
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        if (rawValues != null) {
            if (rawValues.isEmpty()) {
                throw DynamoErrors.validation("ExpressionAttributeValues must not be empty");
            }
            rawValues.forEach((k, v) -> {
                if (!k.startsWith(":") || k.length() < 2) {
                    throw DynamoErrors.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + k + "\"");
                }
                try {
                    values.put(k, Values.valid(v));
                } catch (AwsError.Raised e) {
                    throw DynamoErrors.validation("ExpressionAttributeValues contains invalid value: "
                            + e.error().message() + " for key " + k);
                }
            });
        }
        return new Placeholders(names, values);
    }

    String name(String which, String placeholder) {
        String name = names.get(placeholder);
        if (name == null) {
            throw DynamoErrors.invalidExpression(which,
                    "An expression attribute name used in the document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    Map<String, Object> value(String which, String placeholder) {
        Map<String, Object> value = values.get(placeholder);
        if (value == null) {
            throw DynamoErrors.invalidExpression(which,
                    "An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** After every expression of the request is parsed: refuses definitions no expression used. */
    void requireAllUsed() {
        Set<String> unusedNames = new LinkedHashSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoErrors.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new LinkedHashSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoErrors.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
