package io.sluice.sim.elbv2;

import io.sluice.sim.protocol.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Structures kept exactly as the caller gave them, as awsQuery flattened keys relative to their
 * owner ({@code AuthenticateOidcConfig.Issuer}, {@code Values.member.1},
 * {@code AuthenticationRequestExtraParams.entry.1.key}). ELBv2 must hand back actions and
 * conditions it does not interpret unchanged, so they are stored in the wire's own encoding and
 * rebuilt as XML or as plain maps on the way out.
 */
final class FlatMembers {
    /** Members whose shape is a map, encoded as {@code entry.N.key/value} rather than a structure. */
    private static final List<String> MAP_MEMBERS = List.of("AuthenticationRequestExtraParams");

    private FlatMembers() {
    }

    /** Writes the flattened members as XML elements into the currently open element. */
    static void writeXml(Map<String, String> flat, Xml xml) {
        writeNode(tree(flat), xml);
    }

    /** The flattened members as nested maps and lists, with AWS member names. */
    static Map<String, Object> toNested(Map<String, String> flat) {
        return nested(tree(flat));
    }

    /** Flattens a nested value (YAML/JSON in AWS shape) under {@code prefix} into {@code out}. */
    static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            String lastName = prefix.substring(prefix.lastIndexOf('.') + 1);
            if (MAP_MEMBERS.contains(lastName)) {
                int i = 1;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(prefix + ".entry." + i + ".key", String.valueOf(e.getKey()));
                    out.put(prefix + ".entry." + i + ".value", String.valueOf(e.getValue()));
                    i++;
                }
                return;
            }
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + ".member." + (i + 1), list.get(i), out);
            }
        } else if (value != null) {
            out.put(prefix, String.valueOf(value));
        }
    }

    // A node is a String (leaf), a Struct, an indexed list or an indexed map of entries.
    private record Struct(Map<String, Object> members) {
    }

    private record Listed(TreeMap<Integer, Object> items) {
    }

    private record Entries(TreeMap<Integer, Struct> entries) {
    }

    private static Struct tree(Map<String, String> flat) {
        Struct root = new Struct(new LinkedHashMap<>());
        flat.forEach((key, value) -> insert(root, key.split("\\."), 0, value));
        return root;
    }

    private static void insert(Struct struct, String[] path, int at, String value) {
        String name = path[at];
        if (at == path.length - 1) {
            struct.members().put(name, value);
            return;
        }
        String marker = path[at + 1];
        if ((marker.equals("member") || marker.equals("entry")) && at + 2 < path.length && isIndex(path[at + 2])) {
            int index = Integer.parseInt(path[at + 2]);
            if (marker.equals("member")) {
                Listed listed = (Listed) struct.members().computeIfAbsent(name, n -> new Listed(new TreeMap<>()));
                if (at + 3 == path.length) {
                    listed.items().put(index, value);
                } else {
                    Struct item = (Struct) listed.items().computeIfAbsent(index, i -> new Struct(new LinkedHashMap<>()));
                    insert(item, path, at + 3, value);
                }
            } else {
                Entries entries = (Entries) struct.members().computeIfAbsent(name, n -> new Entries(new TreeMap<>()));
                Struct entry = entries.entries().computeIfAbsent(index, i -> new Struct(new LinkedHashMap<>()));
                insert(entry, path, at + 3, value);
            }
            return;
        }
        Object child = struct.members().computeIfAbsent(name, n -> new Struct(new LinkedHashMap<>()));
        if (child instanceof Struct s) {
            insert(s, path, at + 1, value);
        }
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static void writeNode(Struct struct, Xml xml) {
        struct.members().forEach((name, child) -> {
            if (child instanceof String leaf) {
                xml.leaf(name, leaf);
            } else if (child instanceof Struct s) {
                xml.start(name);
                writeNode(s, xml);
                xml.end();
            } else if (child instanceof Listed listed) {
                xml.start(name);
                listed.items().values().forEach(item -> {
                    if (item instanceof String leaf) {
                        xml.leaf("member", leaf);
                    } else {
                        xml.start("member");
                        writeNode((Struct) item, xml);
                        xml.end();
                    }
                });
                xml.end();
            } else if (child instanceof Entries entries) {
                xml.start(name);
                entries.entries().values().forEach(entry -> {
                    xml.start("entry");
                    writeNode(entry, xml);
                    xml.end();
                });
                xml.end();
            }
        });
    }

    private static Map<String, Object> nested(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        struct.members().forEach((name, child) -> {
            if (child instanceof String leaf) {
                out.put(name, leaf);
            } else if (child instanceof Struct s) {
                out.put(name, nested(s));
            } else if (child instanceof Listed listed) {
                List<Object> items = new ArrayList<>();
                listed.items().values().forEach(i -> items.add(i instanceof Struct s ? nested(s) : i));
                out.put(name, items);
            } else if (child instanceof Entries entries) {
                Map<String, Object> map = new LinkedHashMap<>();
                entries.entries().values().forEach(e -> map.put(
                        String.valueOf(e.members().get("key")), e.members().get("value")));
                out.put(name, map);
            }
        });
        return out;
    }
}
