package io.sluice.sim.dynamodb;

import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import io.sluice.sim.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CreateTable, DescribeTable and DeleteTable over the tables of one scope, and how every operation
 * finds its table: by name, or by ARN (a table of another account is denied, as no resource-based
 * policy is simulated; one of another region is not found).
 */
final class TableOperations {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern ARN = Pattern.compile("arn:aws:dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})");
    private static final List<String> UNSUPPORTED = List.of("LocalSecondaryIndexes", "GlobalSecondaryIndexes",
            "StreamSpecification", "SSESpecification", "WarmThroughput", "ResourcePolicy", "OnDemandThroughput",
            "GlobalTableSourceArn", "GlobalTableSettingsReplicationMode");

    private TableOperations() {
    }

    /** The table a request names in {@code TableName}, refusing a bad name and a missing table. */
    static Table find(Map<String, Table> tables, DynamoInput in, Scope scope, Caller caller, String operation) {
        String name = nameIn(in, scope, caller, operation, true);
        Table t = tables.get(name);
        if (t == null) {
            throw DynamoErrors.notFound(operation.equals("DescribeTable") || operation.equals("DeleteTable")
                    ? "Requested resource not found: Table: " + name + " not found" : "Requested resource not found");
        }
        return t;
    }

    private static String nameIn(DynamoInput in, Scope scope, Caller caller, String operation, boolean arnAllowed) {
        String name = in.required("TableName");
        Matcher arn = ARN.matcher(name);
        if (arnAllowed && name.startsWith("arn:")) {
            if (!arn.matches()) {
                throw DynamoErrors.validation("Invalid TableName: " + name + " is not a valid table ARN");
            }
            if (!arn.group(2).equals(scope.account())) {
                throw AwsError.client(400, "AccessDeniedException", "User: " + caller.arn()
                        + " is not authorized to perform: dynamodb:" + operation + " on resource: " + name
                        + " because no resource-based policy allows the dynamodb:" + operation + " action").raise();
            }
            if (!arn.group(1).equals(scope.region())) {
                throw DynamoErrors.notFound("Requested resource not found");
            }
            return arn.group(3);
        }
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoErrors.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to"
                    + " satisfy constraint: Member must have length " + (name.length() < 3
                            ? "greater than or equal to 3" : "less than or equal to 255"));
        }
        if (!NAME.matcher(name).matches()) {
            throw DynamoErrors.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    static Map<String, Object> create(Map<String, Table> tables, DynamoInput in, Scope scope, Caller caller, Instant now) {
        String name = nameIn(in, scope, caller, "CreateTable", false);
        for (String member : UNSUPPORTED) {
            if (in.has(member)) {
                throw DynamoErrors.validation(member + " is not supported by this simulator");
            }
        }
        List<Object> definitions = in.list("AttributeDefinitions");
        List<Object> schema = in.list("KeySchema");
        if (definitions == null) {
            throw DynamoErrors.validation("1 validation error detected: Value null at 'attributeDefinitions' failed to"
                    + " satisfy constraint: Member must not be null");
        }
        if (schema == null) {
            throw DynamoErrors.validation("1 validation error detected: Value null at 'keySchema' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        if (schema.isEmpty() || schema.size() > 2) {
            throw DynamoErrors.validation("1 validation error detected: Value '" + schema + "' at 'keySchema' failed to"
                    + " satisfy constraint: Member must have length " + (schema.isEmpty()
                            ? "greater than or equal to 1" : "less than or equal to 2"));
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < definitions.size(); i++) {
            DynamoInput d = element(definitions.get(i));
            types.put(d.required("AttributeName"), d.oneOf("AttributeType", null, List.of("B", "N", "S")));
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            DynamoInput k = element(schema.get(i));
            String keyType = k.oneOf("KeyType", null, List.of("HASH", "RANGE"));
            if (!keyType.equals(i == 0 ? "HASH" : "RANGE")) {
                throw DynamoErrors.validation("Invalid KeySchema: The " + (i == 0 ? "first" : "second")
                        + " KeySchemaElement is not a " + (i == 0 ? "HASH" : "RANGE") + " key type");
            }
            keys.add(k.required("AttributeName"));
        }
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw DynamoErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!types.keySet().containsAll(keys)) {
            throw DynamoErrors.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + keys + ", AttributeDefinitions: " + new ArrayList<>(types.keySet()));
        }
        if (types.size() != keys.size()) {
            throw DynamoErrors.invalidParameter("Number of attributes in KeySchema does not exactly match number of"
                    + " attributes defined in AttributeDefinitions");
        }
        String billing = in.oneOf("BillingMode", "PROVISIONED", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        Map<String, Object> throughput = in.map("ProvisionedThroughput");
        long read = 0;
        long write = 0;
        if (billing.equals("PAY_PER_REQUEST") && throughput != null) {
            throw DynamoErrors.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when"
                    + " BillingMode is PAY_PER_REQUEST");
        }
        if (billing.equals("PROVISIONED")) {
            if (throughput == null || throughput.get("ReadCapacityUnits") == null || throughput.get("WriteCapacityUnits") == null) {
                throw DynamoErrors.invalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified when"
                        + " BillingMode is PROVISIONED");
            }
            read = capacity(throughput, "ReadCapacityUnits");
            write = capacity(throughput, "WriteCapacityUnits");
        }
        if (tables.containsKey(name)) {
            throw DynamoErrors.inUse("Table already exists: " + name);
        }
        Table t = new Table(name, scope, keys.get(0), types.get(keys.get(0)), keys.size() == 2 ? keys.get(1) : null,
                keys.size() == 2 ? types.get(keys.get(1)) : null, billing, read, write, now);
        tables.put(name, t);
        return Map.of("TableDescription", t.describe("CREATING"));
    }

    private static long capacity(Map<String, Object> throughput, String member) {
        if (!(throughput.get(member) instanceof Number n)) {
            throw DynamoErrors.serialization("STRING_VALUE can not be converted to a Long");
        }
        if (n.longValue() < 1) {
            throw DynamoErrors.validation("1 validation error detected: Value '" + n + "' at 'provisionedThroughput."
                    + DynamoInput.memberName(member) + "' failed to satisfy constraint: Member must have value greater"
                    + " than or equal to 1");
        }
        return n.longValue();
    }

    @SuppressWarnings("unchecked")
    private static DynamoInput element(Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw DynamoErrors.serialization("Start of structure or map found where not expected.");
        }
        return new DynamoInput((Map<String, Object>) m);
    }

    static Map<String, Object> describe(Map<String, Table> tables, DynamoInput in, Scope scope, Caller caller) {
        return Map.of("Table", find(tables, in, scope, caller, "DescribeTable").describe("ACTIVE"));
    }

    static Map<String, Object> delete(Map<String, Table> tables, DynamoInput in, Scope scope, Caller caller) {
        Table t = find(tables, in, scope, caller, "DeleteTable");
        Map<String, Object> description = t.describe("DELETING");
        tables.remove(t.name);
        return Map.of("TableDescription", description);
    }
}
