package io.sluice.sim.dynamodb;

import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the {@code dynamodb} section of a scenario: tables, each in its own region and account,
 * created and filled through the same rules as CreateTable and PutItem (a refusal names the field).
 */
final class DynamoDbScenario {
    private DynamoDbScenario() {
    }

    static Map<Scope, Map<String, Table>> load(ScenarioFields section, Instant now) {
        section.only("tables");
        Map<Scope, Map<String, Table>> scopes = new LinkedHashMap<>();
        for (ScenarioFields t : section.mappings("tables")) {
            t.only("name", "region", "account", "hashKey", "hashKeyType", "rangeKey", "rangeKeyType", "billingMode",
                    "readCapacity", "writeCapacity", "items");
            Scope scope = Scope.named(t.string("account", Caller.DEFAULT_ACCOUNT), t.string("region", Scope.DEFAULT_REGION),
                    t.path());
            Map<String, Table> tables = scopes.computeIfAbsent(scope, s -> new LinkedHashMap<>());
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("TableName", t.string("name"));
            List<Object> definitions = new ArrayList<>();
            List<Object> schema = new ArrayList<>();
            definitions.add(Map.of("AttributeName", t.string("hashKey"),
                    "AttributeType", t.oneOf("hashKeyType", "S", List.of("S", "N", "B"))));
            schema.add(Map.of("AttributeName", t.string("hashKey"), "KeyType", "HASH"));
            if (t.has("rangeKey")) {
                definitions.add(Map.of("AttributeName", t.string("rangeKey"),
                        "AttributeType", t.oneOf("rangeKeyType", "S", List.of("S", "N", "B"))));
                schema.add(Map.of("AttributeName", t.string("rangeKey"), "KeyType", "RANGE"));
            }
            create.put("AttributeDefinitions", definitions);
            create.put("KeySchema", schema);
            String billing = t.oneOf("billingMode", "PAY_PER_REQUEST", List.of("PAY_PER_REQUEST", "PROVISIONED"));
            create.put("BillingMode", billing);
            if (billing.equals("PROVISIONED")) {
                create.put("ProvisionedThroughput", Map.of("ReadCapacityUnits", t.integer("readCapacity", 5),
                        "WriteCapacityUnits", t.integer("writeCapacity", 5)));
            }
            apply(t, () -> TableOperations.create(tables, new DynamoInput(create), scope, Caller.DEFAULT, now));
            Table table = tables.get(t.string("name"));
            List<Object> items = t.has("items") ? t.list("items") : List.of();
            for (int i = 0; i < items.size(); i++) {
                ScenarioFields item = t.at(t.path("items") + "[" + i + "]", items.get(i));
                Map<String, Object> put = Map.of("TableName", table.name, "Item", item.asMap());
                apply(item, () -> new ItemOperations(table, new DynamoInput(put)).putItem());
            }
        }
        return scopes;
    }

    private static void apply(ScenarioFields at, Supplier<?> change) {
        try {
            change.get();
        } catch (AwsError.Raised e) {
            throw at.problem(e.error().code() + ": " + e.error().message());
        }
    }
}
