package io.sluice.sim.dynamodb;

import io.sluice.sim.AwsError;
import java.util.Map;

/**
 * DynamoDB's errors. Each is 400 unless noted; its {@code __type} carries the namespace DynamoDB
 * sends (the SDKs keep the part after {@code #}).
 */
final class DynamoErrors {
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static final String CORAL_SERVICE = "com.amazon.coral.service#";
    private static final Map<String, String> NAMESPACES = Map.of(
            "ValidationException", "com.amazon.coral.validate#",
            "SerializationException", CORAL_SERVICE,
            "UnknownOperationException", CORAL_SERVICE,
            "MissingAuthenticationTokenException", CORAL_SERVICE,
            "ServiceUnavailable", CORAL_SERVICE);

    private DynamoErrors() {
    }

    static String type(String code) {
        return NAMESPACES.getOrDefault(code, DYNAMODB) + code;
    }

    static AwsError.Raised validation(String message) {
        return AwsError.client(400, "ValidationException", message).raise();
    }

    /** A ValidationException with DynamoDB's "One or more parameter values were invalid" prefix. */
    static AwsError.Raised invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    static AwsError.Raised serialization(String message) {
        return AwsError.client(400, "SerializationException", message).raise();
    }

    static AwsError.Raised notFound(String message) {
        return AwsError.client(400, "ResourceNotFoundException", message).raise();
    }

    static AwsError.Raised inUse(String message) {
        return AwsError.client(400, "ResourceInUseException", message).raise();
    }

    /** A ValidationException about an expression: {@code Invalid ConditionExpression: ...}. */
    static AwsError.Raised invalidExpression(String which, String detail) {
        return validation("Invalid " + which + ": " + detail);
    }

    /**
     * The ConditionalCheckFailedException. The item it returns ({@code ReturnValuesOnConditionCheckFailure}
     * ALL_OLD) waits for the error renderer, which runs on the same thread right after the operation.
     */
    static AwsError.Raised conditionFailed(Map<String, Object> item) {
        FAILED_ITEM.set(item);
        return AwsError.client(400, "ConditionalCheckFailedException", "The conditional request failed").raise();
    }

    /** The item the last ConditionalCheckFailedException of this thread returns, if any; forgets it. */
    static Map<String, Object> takeFailedItem() {
        Map<String, Object> item = FAILED_ITEM.get();
        FAILED_ITEM.remove();
        return item;
    }

    private static final ThreadLocal<Map<String, Object>> FAILED_ITEM = new ThreadLocal<>();
}
