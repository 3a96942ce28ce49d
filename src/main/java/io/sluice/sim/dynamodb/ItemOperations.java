package io.sluice.sim.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * GetItem, PutItem, UpdateItem and DeleteItem on one table. A write tests its ConditionExpression
 * against the item as stored (no item: no attributes) under the service's lock, so two conditional
 * writes of the same item never both succeed. Every read is strongly consistent.
 */
final class ItemOperations {
    private static final long MAX_ITEM_BYTES = 400 * 1024;
    private static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");

    private final Table table;
    private final DynamoInput in;

    ItemOperations(Table table, DynamoInput in) {
        this.table = table;
        this.in = in;
    }

    Map<String, Object> getItem() {
        refuseLegacy("AttributesToGet", "ProjectionExpression");
        String key = table.keyOf(in.map("Key"));
        boolean consistent = in.bool("ConsistentRead");
        Placeholders placeholders = Placeholders.of(in, in.has("ProjectionExpression"));
        Projection projection = in.string("ProjectionExpression").map(p -> Projection.parse(p, placeholders)).orElse(null);
        placeholders.requireAllUsed();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> item = table.items.get(key);
        if (item != null) {
            out.put("Item", projection == null ? Values.copyItem(item) : projection.of(item));
        }
        double units = Math.max(1, Math.ceil((item == null ? 0 : Values.bytes(item)) / 4096.0)) * (consistent ? 1 : 0.5);
        consumed(out, units);
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> putItem() {
        refuseLegacy("Expected", "ConditionExpression");
        Map<String, Object> raw = in.map("Item");
        if (raw == null) {
            throw DynamoErrors.validation("1 validation error detected: Value null at 'item' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        Map<String, Object> item = new LinkedHashMap<>();
        raw.forEach((name, value) -> item.put(name, Values.valid(value)));
        String key = table.keyOfItem(item);
        String returnValues = returnValues(false);
        Predicate<Map<String, Object>> condition = condition();
        checkSize(item);
        Map<String, Object> old = table.items.get(key);
        test(condition, old);
        table.items.put(key, item);
        return written(returnValues.equals("ALL_OLD") ? old : null, old, item);
    }

    Map<String, Object> updateItem() {
        refuseLegacy("AttributeUpdates", "UpdateExpression");
        refuseLegacy("Expected", "ConditionExpression");
        Map<String, Object> rawKey = in.map("Key");
        String key = table.keyOf(rawKey);
        String returnValues = returnValues(true);
        Placeholders placeholders = Placeholders.of(in, in.has("UpdateExpression") || in.has("ConditionExpression"));
        UpdateExpression update = in.string("UpdateExpression").map(u -> UpdateExpression.parse(u, placeholders)).orElse(null);
        Predicate<Map<String, Object>> condition = in.string("ConditionExpression")
                .map(c -> ConditionExpression.parse(c, placeholders)).orElse(null);
        placeholders.requireAllUsed();
        Set<String> touched = update == null ? Set.of() : update.topNames();
        for (String k : table.keyNames()) {
            if (touched.contains(k)) {
                throw DynamoErrors.invalidParameter("Cannot update attribute " + k + ". This attribute is part of the key");
            }
        }
        Map<String, Object> old = table.items.get(key);
        test(condition, old);
        Map<String, Object> base = old;
        if (base == null) {
            base = new LinkedHashMap<>();
            for (String k : table.keyNames()) {
                base.put(k, Values.valid(rawKey.get(k)));
            }
        }
        Map<String, Object> after = update == null ? Values.copyItem(base) : update.apply(base);
        checkSize(after);
        table.items.put(key, after);
        Map<String, Object> attributes = switch (returnValues) {
            case "ALL_OLD" -> old;
            case "ALL_NEW" -> after;
            case "UPDATED_OLD" -> old == null ? null : only(old, touched);
            case "UPDATED_NEW" -> only(after, touched);
            default -> null;
        };
        return written(attributes, old, after);
    }

    Map<String, Object> deleteItem() {
        refuseLegacy("Expected", "ConditionExpression");
        String key = table.keyOf(in.map("Key"));
        String returnValues = returnValues(false);
        Predicate<Map<String, Object>> condition = condition();
        Map<String, Object> old = table.items.get(key);
        test(condition, old);
        table.items.remove(key);
        return written(returnValues.equals("ALL_OLD") ? old : null, old, null);
    }

    private Predicate<Map<String, Object>> condition() {
        Placeholders placeholders = Placeholders.of(in, in.has("ConditionExpression"));
        Predicate<Map<String, Object>> condition = in.string("ConditionExpression")
                .map(c -> ConditionExpression.parse(c, placeholders)).orElse(null);
        placeholders.requireAllUsed();
        return condition;
    }

    private void test(Predicate<Map<String, Object>> condition, Map<String, Object> old) {
        if (condition != null && !condition.test(old == null ? Map.of() : old)) {
            boolean withItem = in.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", List.of("ALL_OLD", "NONE"))
                    .equals("ALL_OLD");
            throw DynamoErrors.conditionFailed(withItem && old != null ? Values.copyItem(old) : null);
        }
    }

    private String returnValues(boolean update) {
        in.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", List.of("ALL_OLD", "NONE"));
        in.oneOf("ReturnItemCollectionMetrics", "NONE", List.of("SIZE", "NONE"));
        String v = in.oneOf("ReturnValues", "NONE", RETURN_VALUES);
        if (!update && !v.equals("NONE") && !v.equals("ALL_OLD")) {
            throw DynamoErrors.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return v;
    }

    private void refuseLegacy(String legacy, String expression) {
        if (!in.has(legacy)) {
            return;
        }
        if (in.has(expression) || in.has("ConditionExpression")) {
            throw DynamoErrors.validation("Can not use both expression and non-expression parameters in the same request:"
                    + " Non-expression parameters: {" + legacy + "} Expression parameters: {"
                    + (in.has(expression) ? expression : "ConditionExpression") + "}");
        }
        throw DynamoErrors.validation(legacy + " is not supported by this simulator; use " + expression);
    }

    private static void checkSize(Map<String, Object> item) {
        if (Values.bytes(item) > MAX_ITEM_BYTES) {
            throw DynamoErrors.validation("Item size has exceeded the maximum allowed size");
        }
    }

    private static Map<String, Object> only(Map<String, Object> item, Set<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        names.forEach(n -> {
            if (item.containsKey(n)) {
                out.put(n, item.get(n));
            }
        });
        return out;
    }

    private Map<String, Object> written(Map<String, Object> attributes, Map<String, Object> old, Map<String, Object> now) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (attributes != null && !attributes.isEmpty()) {
            out.put("Attributes", Values.copyItem(attributes));
        }
        long bytes = Math.max(old == null ? 0 : Values.bytes(old), now == null ? 0 : Values.bytes(now));
        consumed(out, Math.max(1, Math.ceil(bytes / 1024.0)));
        return out;
    }

    private void consumed(Map<String, Object> out, double units) {
        String mode = in.oneOf("ReturnConsumedCapacity", "NONE", List.of("INDEXES", "TOTAL", "NONE"));
        if (!mode.equals("NONE")) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("TableName", table.name);
            c.put("CapacityUnits", units);
            if (mode.equals("INDEXES")) {
                c.put("Table", Map.of("CapacityUnits", units));
            }
            out.put("ConsumedCapacity", c);
        }
    }
}
