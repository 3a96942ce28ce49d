package io.sluice.sim.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sim.AwsError;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import io.sluice.sim.ServiceBase;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Amazon DynamoDB over awsJson1_0 ({@code X-Amz-Target: DynamoDB_20120810.<Op>}): CreateTable,
 * DescribeTable, DeleteTable, GetItem, PutItem, UpdateItem and DeleteItem over the tables of the
 * caller's account in the signature's region. Every answer carries {@code x-amz-crc32}, which the
 * SDKs check for DynamoDB.
 */
public final class DynamoDbService extends ServiceBase<Map<Scope, Map<String, Table>>> {
    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DynamoDbService(SimClock clock) {
        super("dynamodb", clock, new LinkedHashMap<>());
    }

    @Override
    public boolean recognises(SimRequest request) {
        return targetOperation(request, TARGET_PREFIX).isPresent();
    }

    @Override
    public String operationName(SimRequest request) {
        return targetOperation(request, TARGET_PREFIX).orElse("");
    }

    @Override
    @SuppressWarnings("unchecked")
    protected SimResponse answer(SimRequest request, Map<Scope, Map<String, Table>> scopes, Instant now) {
        String operation = operationName(request);
        Map<String, Object> members;
        try {
            Object body = request.body().length == 0 ? Map.of() : JSON.readValue(request.body(), Object.class);
            if (!(body instanceof Map<?, ?> m)) {
                throw DynamoErrors.serialization("Start of structure or map found where not expected.");
            }
            members = (Map<String, Object>) m;
        } catch (IOException e) {
            throw DynamoErrors.serialization("Unexpected character found where a JSON value was expected.");
        }
        DynamoInput in = new DynamoInput(members);
        Scope scope = Scope.of(request);
        Map<String, Table> tables = scopes.computeIfAbsent(scope, s -> new LinkedHashMap<>());
        Map<String, Object> out = switch (operation) {
            case "CreateTable" -> TableOperations.create(tables, in, scope, request.caller(), now);
            case "DescribeTable" -> TableOperations.describe(tables, in, scope, request.caller());
            case "DeleteTable" -> TableOperations.delete(tables, in, scope, request.caller());
            case "GetItem" -> items(tables, in, request, operation).getItem();
            case "PutItem" -> items(tables, in, request, operation).putItem();
            case "UpdateItem" -> items(tables, in, request, operation).updateItem();
            case "DeleteItem" -> items(tables, in, request, operation).deleteItem();
            default -> throw AwsError.client(400, "UnknownOperationException",
                    "The operation " + operation + " is not supported by this simulator.").raise();
        };
        return respond(200, out);
    }

    private static ItemOperations items(Map<String, Table> tables, DynamoInput in, SimRequest request, String operation) {
        return new ItemOperations(TableOperations.find(tables, in, Scope.of(request), request.caller(), operation), in);
    }

    /**
     * DynamoDB's error shape: {@code {"__type": "<namespace>#<Code>", "message": ...}}; a
     * ConditionalCheckFailedException carries the old {@code Item} when the request asked for it.
     * An unsigned request is 400 {@code MissingAuthenticationTokenException}, as DynamoDB answers it.
     */
    @Override
    public SimResponse error(SimRequest request, AwsError error) {
        Map<String, Object> failedItem = DynamoErrors.takeFailedItem();
        String code = error.code().equals("MissingAuthenticationToken") ? "MissingAuthenticationTokenException" : error.code();
        int status = code.equals("MissingAuthenticationTokenException") ? 400 : error.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", DynamoErrors.type(code));
        body.put("message", error.message());
        if (code.equals("ConditionalCheckFailedException") && failedItem != null) {
            body.put("Item", failedItem);
        }
        return respond(status, body);
    }

    private static SimResponse respond(int status, Map<String, Object> body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return SimResponse.of(status, CONTENT_TYPE, bytes).withHeader("x-amz-crc32", Long.toString(crc.getValue()));
    }

    @Override
    protected Map<Scope, Map<String, Table>> read(ScenarioFields section, Instant now) {
        return DynamoDbScenario.load(section, now);
    }

    /** Per scope key, each table's description and items. */
    @Override
    protected Map<String, Object> describe(Map<Scope, Map<String, Table>> scopes, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        scopes.forEach((scope, tables) -> {
            if (tables.isEmpty()) {
                return;
            }
            Map<String, Object> byName = new LinkedHashMap<>();
            tables.forEach((name, t) -> byName.put(name, Map.of("table", t.describe("ACTIVE"),
                    "items", t.items.values().stream().map(Values::copyItem).toList())));
            out.put(scope.key(), Map.of("tables", byName));
        });
        return out;
    }
}
