package io.sluice.sim.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A document path into an item: an attribute name, then map keys (String) and list indexes (Integer). */
record DocPath(List<Object> steps) {

    String top() {
        return (String) steps.get(0);
    }

    /** The value at this path, if the item has one there. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> get(Map<String, Object> item) {
        Object at = item.get(top());
        for (int i = 1; i < steps.size() && at != null; i++) {
            Map<String, Object> value = (Map<String, Object>) at;
            Object step = steps.get(i);
            if (step instanceof String key && value.get("M") instanceof Map<?, ?> m) {
                at = m.get(key);
            } else if (step instanceof Integer index && value.get("L") instanceof List<?> l) {
                at = index < l.size() ? l.get(index) : null;
            } else {
                at = null;
            }
        }
        return Optional.ofNullable((Map<String, Object>) at);
    }

    /** Sets the value; a missing parent or a list index past the end appends as DynamoDB does, a wrong parent type refuses. */
    @SuppressWarnings("unchecked")
    void set(Map<String, Object> item, Map<String, Object> value) {
        if (steps.size() == 1) {
            item.put(top(), value);
            return;
        }
        Object parent = new DocPath(steps.subList(0, steps.size() - 1)).get(item).orElse(null);
        Object last = steps.get(steps.size() - 1);
        if (parent == null) {
            throw DynamoErrors.validation("The document path provided in the update expression is invalid for update");
        }
        Map<String, Object> p = (Map<String, Object>) parent;
        if (last instanceof String key && p.get("M") instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(key, value);
        } else if (last instanceof Integer index && p.get("L") instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            if (index < list.size()) {
                list.set(index, value);
            } else {
                list.add(value);
            }
        } else {
            throw DynamoErrors.validation("The document path provided in the update expression is invalid for update");
        }
    }

    @SuppressWarnings("unchecked")
    void remove(Map<String, Object> item) {
        if (steps.size() == 1) {
            item.remove(top());
            return;
        }
        Optional<Map<String, Object>> parent = new DocPath(steps.subList(0, steps.size() - 1)).get(item);
        Object last = steps.get(steps.size() - 1);
        if (parent.isEmpty()) {
            return;
        }
        if (last instanceof String key && parent.get().get("M") instanceof Map<?, ?> m) {
            m.remove(key);
        } else if (last instanceof Integer index && parent.get().get("L") instanceof List<?> l && index < l.size()) {
            ((List<Object>) l).remove((int) index);
        } else if (!(parent.get().containsKey("M") || parent.get().containsKey("L"))) {
            throw DynamoErrors.validation("The document path provided in the update expression is invalid for update");
        }
    }

    /** Copies the value at this path into {@code into}, building the maps and lists on the way (projection). */
    @SuppressWarnings("unchecked")
    void project(Map<String, Object> item, Map<String, Object> into) {
        Optional<Map<String, Object>> value = get(item);
        if (value.isEmpty()) {
            return;
        }
        if (steps.size() == 1) {
            into.put(top(), Values.copy(value.get()));
            return;
        }
        Object container = into.computeIfAbsent(top(), k -> steps.get(1) instanceof Integer
                ? Values.of("L", new ArrayList<>()) : Values.of("M", new LinkedHashMap<>()));
        for (int i = 1; i < steps.size(); i++) {
            Map<String, Object> c = (Map<String, Object>) container;
            boolean leaf = i == steps.size() - 1;
            Object child = leaf ? Values.copy(value.get()) : steps.get(i + 1) instanceof Integer
                    ? Values.of("L", new ArrayList<>()) : Values.of("M", new LinkedHashMap<>());
            if (c.get("M") instanceof Map<?, ?> m) {
                container = ((Map<String, Object>) m).computeIfAbsent((String) steps.get(i), k -> child);
            } else {
                List<Object> l = (List<Object>) c.get("L");
                l.add(child);
                container = child;
            }
        }
    }

    /** True when one path is the other or leads into it. */
    boolean overlaps(DocPath other) {
        int n = Math.min(steps.size(), other.steps.size());
        return steps.subList(0, n).equals(other.steps.subList(0, n));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < steps.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(steps.get(i) instanceof Integer n ? "[" + n + "]" : steps.get(i));
        }
        return b.append("]").toString();
    }
}
