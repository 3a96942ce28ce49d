package io.sluice.sim.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request's JSON members, read with the protocol's checks: a member of the wrong JSON type is a
 * SerializationException, a missing required member or a value outside its enum a ValidationException
 * worded as DynamoDB's request validation words it.
 */
record DynamoInput(Map<String, Object> members) {

    boolean has(String name) {
        return members.get(name) != null;
    }

    Optional<String> string(String name) {
        Object v = members.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw DynamoErrors.serialization("NUMBER_VALUE cannot be converted to String");
        }
        return Optional.of(s);
    }

    String required(String name) {
        return string(name).orElseThrow(() -> DynamoErrors.validation("1 validation error detected: Value null at '"
                + memberName(name) + "' failed to satisfy constraint: Member must not be null"));
    }

    /** An enum member, or {@code fallback} when absent. */
    String oneOf(String name, String fallback, List<String> allowed) {
        String v = string(name).orElse(fallback);
        if (v == null) {
            return required(name);
        }
        if (!allowed.contains(v)) {
            throw DynamoErrors.validation("1 validation error detected: Value '" + v + "' at '" + memberName(name)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
        return v;
    }

    boolean bool(String name) {
        Object v = members.get(name);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw DynamoErrors.serialization("STRING_VALUE can not be converted to a Boolean");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String name) {
        Object v = members.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw DynamoErrors.serialization("Start of structure or map found where not expected.");
        }
        return (Map<String, Object>) m;
    }

    List<Object> list(String name) {
        Object v = members.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw DynamoErrors.serialization("Start of list found where not expected");
        }
        return new ArrayList<>(l);
    }

    /** The member's name as request validation spells it: {@code TableName} is {@code tableName}. */
    static String memberName(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
