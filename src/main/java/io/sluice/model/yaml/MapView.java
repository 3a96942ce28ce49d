package io.sluice.model.yaml;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping being read field by field. Every key asked for is remembered, so that
 * {@link #finish()} can report the keys nobody asked for as unknown fields, with the closest known
 * name as a hint.
 */
public final class MapView {
    private final NodeReader reader;
    private final MappingNode node;
    private final String field;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    /** Where a missing key is reported: the key that holds this mapping (e.g. {@code spec:}), else its first entry. */
    private org.yaml.snakeyaml.nodes.Node missingAt;

    MapView(NodeReader reader, MappingNode node, String field) {
        this.reader = reader;
        this.node = node;
        this.field = field;
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                if (entries.containsKey(k.getValue())) {
                    reader.error(k, path(k.getValue()), "duplicate key");
                } else {
                    entries.put(k.getValue(), t);
                }
            } else {
                reader.error(t.getKeyNode(), field, "keys must be plain names");
            }
        }
    }

    public MappingNode node() {
        return node;
    }

    public String field() {
        return field;
    }

    public String path(String key) {
        return field.isEmpty() ? key : field + "." + key;
    }

    public Optional<Node> get(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        return t == null || NodeReader.isNull(t.getValueNode()) ? Optional.empty() : Optional.of(t.getValueNode());
    }

    public boolean has(String key) {
        NodeTuple t = entries.get(key);
        return t != null && !NodeReader.isNull(t.getValueNode());
    }

    /** The value of a required key; reports "is required" at the mapping when it is absent. */
    public Optional<Node> require(String key) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            reader.error(missingAt != null ? missingAt : node, path(key), "is required");
        }
        return value;
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    /** The key node of an entry, for errors that concern the key rather than its value. */
    /** Reports missing keys at {@code key}, the key this mapping is the value of. */
    public MapView reportMissingAt(Optional<Node> key) {
        key.ifPresent(k -> missingAt = k);
        return this;
    }

    public Optional<Node> keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? Optional.empty() : Optional.of(t.getKeyNode());
    }

    /** Reports every key that was never asked for. */
    public void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                String hint = NodeReader.hint(e.getKey(), known);
                reader.error(e.getValue().getKeyNode(), path(e.getKey()),
                        "unknown field" + hint + "; known fields: " + String.join(", ", known));
            }
        }
    }
}
