package io.sluice.sim.dynamodb;

import io.sluice.sim.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One table of one account and region: its key schema (a HASH key and an optional RANGE key, each
 * S, N or B), billing, and items by primary key. Attribute values are stored as validated copies.
 */
final class Table {
    final String name;
    final Scope scope;
    final String hashName;
    final String hashType;
    /** The RANGE key's name and type, or null for a hash-only table. */
    final String rangeName;
    final String rangeType;
    final String billingMode;
    final long readCapacity;
    final long writeCapacity;
    final Instant created;
    final Map<String, Map<String, Object>> items = new LinkedHashMap<>();

    Table(String name, Scope scope, String hashName, String hashType, String rangeName, String rangeType,
            String billingMode, long readCapacity, long writeCapacity, Instant created) {
        this.name = name;
        this.scope = scope;
        this.hashName = hashName;
        this.hashType = hashType;
        this.rangeName = rangeName;
        this.rangeType = rangeType;
        this.billingMode = billingMode;
        this.readCapacity = readCapacity;
        this.writeCapacity = writeCapacity;
        this.created = created;
    }

    String arn() {
        return "arn:aws:dynamodb:" + scope.region() + ":" + scope.account() + ":table/" + name;
    }

    List<String> keyNames() {
        return rangeName == null ? List.of(hashName) : List.of(hashName, rangeName);
    }

    private String typeOf(String keyName) {
        return keyName.equals(hashName) ? hashType : rangeType;
    }

    /** The storage key of a {@code Key} parameter: exactly the key attributes, of their declared types. */
    String keyOf(Map<String, Object> rawKey) {
        if (rawKey == null || rawKey.size() != keyNames().size() || !rawKey.keySet().containsAll(keyNames())) {
            throw DynamoErrors.validation("The provided key element does not match the schema");
        }
        StringBuilder key = new StringBuilder();
        for (String k : keyNames()) {
            Map<String, Object> v = Values.valid(rawKey.get(k));
            if (!Values.type(v).equals(typeOf(k))) {
                throw DynamoErrors.validation("The provided key element does not match the schema");
            }
            key.append(part(k, v));
        }
        return key.toString();
    }

    /** The storage key of a whole item ({@code PutItem}), refusing a missing key attribute or a wrong type. */
    String keyOfItem(Map<String, Object> item) {
        StringBuilder key = new StringBuilder();
        for (String k : keyNames()) {
            Object v = item.get(k);
            if (v == null) {
                throw DynamoErrors.invalidParameter("Missing the key " + k + " in the item");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) v;
            if (!Values.type(value).equals(typeOf(k))) {
                throw DynamoErrors.invalidParameter("Type mismatch for key " + k + " expected: " + typeOf(k)
                        + " actual: " + Values.type(value));
            }
            key.append(part(k, value));
        }
        return key.toString();
    }

    private static String part(String keyName, Map<String, Object> value) {
        String text = (String) value.values().iterator().next();
        if (text.isEmpty()) {
            throw DynamoErrors.validation("One or more parameter values are not valid. The AttributeValue for a key"
                    + " attribute cannot contain an empty " + (value.containsKey("S") ? "string" : "binary")
                    + " value. Key: " + keyName);
        }
        return value.keySet().iterator().next() + ":" + text.length() + ":" + text + "|";
    }

    /** The TableDescription DynamoDB answers, with the given status. */
    Map<String, Object> describe(String status) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<Object> definitions = new ArrayList<>();
        List<Object> schema = new ArrayList<>();
        for (String k : keyNames()) {
            definitions.add(Map.of("AttributeName", k, "AttributeType", typeOf(k)));
            schema.add(Map.of("AttributeName", k, "KeyType", k.equals(hashName) ? "HASH" : "RANGE"));
        }
        d.put("AttributeDefinitions", definitions);
        d.put("TableName", name);
        d.put("KeySchema", schema);
        d.put("TableStatus", status);
        d.put("CreationDateTime", created.getEpochSecond() + created.getNano() / 1e9);
        d.put("ProvisionedThroughput", Map.of("NumberOfDecreasesToday", 0,
                "ReadCapacityUnits", readCapacity, "WriteCapacityUnits", writeCapacity));
        d.put("TableSizeBytes", items.values().stream().mapToLong(Values::bytes).sum());
        d.put("ItemCount", items.size());
        d.put("TableArn", arn());
        d.put("TableId", UUID.nameUUIDFromBytes(arn().getBytes(StandardCharsets.UTF_8)).toString());
        if (billingMode.equals("PAY_PER_REQUEST")) {
            d.put("BillingModeSummary", Map.of("BillingMode", billingMode,
                    "LastUpdateToPayPerRequestDateTime", created.getEpochSecond() + created.getNano() / 1e9));
        }
        d.put("DeletionProtectionEnabled", false);
        return d;
    }
}
