package io.sluice.sim.cloudwatch.wire;

import io.sluice.sim.protocol.FormParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns awsQuery's flattened parameters ({@code MetricDataQueries.member.1.MetricStat.Period=60}) into
 * the nested member-name maps the JSON protocols carry, so that one operation layer serves all three.
 * Values stay strings; the operation layer coerces them by the member's type.
 */
final class QueryTree {
    private QueryTree() {
    }

    static Map<String, Object> of(FormParams params) {
        Map<String, Object> root = new LinkedHashMap<>();
        params.all().forEach((key, value) -> {
            if (!key.equals("Action") && !key.equals("Version")) {
                put(root, key.split("\\."), 0, value);
            }
        });
        return normalise(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, String[] path, int i, String value) {
        String name = path[i];
        if (i == path.length - 1) {
            // "AlarmNames=" is how awsQuery sends an empty list
            node.putIfAbsent(name, value);
            return;
        }
        boolean listMember = path[i + 1].equals("member") && i + 2 < path.length && isIndex(path[i + 2]);
        if (listMember) {
            Object existing = node.get(name);
            TreeMap<Integer, Object> list = existing instanceof TreeMap<?, ?> t
                    ? (TreeMap<Integer, Object>) t : new TreeMap<>();
            node.put(name, list);
            int index = Integer.parseInt(path[i + 2]);
            if (i + 2 == path.length - 1) {
                list.put(index, value);
            } else {
                Map<String, Object> member = (Map<String, Object>) list.computeIfAbsent(index,
                        k -> new LinkedHashMap<String, Object>());
                put(member, path, i + 3, value);
            }
            return;
        }
        Object child = node.get(name);
        Map<String, Object> struct = child instanceof Map<?, ?> m && !(child instanceof TreeMap<?, ?>)
                ? (Map<String, Object>) m : new LinkedHashMap<>();
        node.put(name, struct);
        put(struct, path, i + 1, value);
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<String, Object> node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.forEach((k, v) -> out.put(k, normaliseValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normaliseValue(Object v) {
        if (v instanceof TreeMap<?, ?> list) {
            List<Object> items = new ArrayList<>();
            list.values().forEach(item -> items.add(normaliseValue(item)));
            return items;
        }
        if (v instanceof Map<?, ?> m) {
            return normalise((Map<String, Object>) m);
        }
        return v;
    }
}
