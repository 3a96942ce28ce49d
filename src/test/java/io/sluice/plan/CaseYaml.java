package io.sluice.plan;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The small YAML files of a golden planner case that have no format in sluice itself: every
 * value is read as text (no YAML type guessing), a mapping as an ordered map, and a key that is
 * unknown, repeated or missing is refused with the file and line.
 */
final class CaseYaml {
    private final String file;

    private CaseYaml(String file) {
        this.file = file;
    }

    /** A mapping read from {@code file}: values are String, List or Map, keys in file order. */
    record Mapping(CaseYaml in, Node at, Map<String, Node> nodes) {
        Mapping only(Set<String> keys) {
            for (Map.Entry<String, Node> e : nodes.entrySet()) {
                if (!keys.contains(e.getKey())) {
                    throw in.fail(e.getValue(), "unknown field '" + e.getKey() + "', expected one of " + keys);
                }
            }
            return this;
        }

        boolean has(String key) {
            return nodes.containsKey(key);
        }

        Optional<String> text(String key) {
            Node n = nodes.get(key);
            if (n == null) {
                return Optional.empty();
            }
            if (!(n instanceof ScalarNode s)) {
                throw in.fail(n, key + ": expected a value");
            }
            return Optional.of(s.getValue());
        }

        String required(String key) {
            return text(key).orElseThrow(() -> in.fail(at, key + " is required"));
        }

        Optional<Mapping> mapping(String key) {
            return Optional.ofNullable(nodes.get(key)).map(n -> in.mapping(n, key));
        }

        Node node(String key) {
            return nodes.get(key);
        }

        int integer(String key) {
            String v = required(key);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw in.fail(nodes.get(key), key + ": expected a whole number, got '" + v + "'");
            }
        }

        boolean bool(String key, boolean absent) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                return absent;
            }
            if (!v.get().equals("true") && !v.get().equals("false")) {
                throw in.fail(nodes.get(key), key + ": expected true or false, got '" + v.get() + "'");
            }
            return Boolean.parseBoolean(v.get());
        }

        /** Every entry of this mapping as text. */
        Map<String, String> texts() {
            Map<String, String> out = new LinkedHashMap<>();
            nodes.keySet().forEach(k -> out.put(k, text(k).orElseThrow()));
            return out;
        }

        IllegalArgumentException fail(String key, String message) {
            return in.fail(nodes.getOrDefault(key, at), key + ": " + message);
        }
    }

    static Mapping read(String text, String file) {
        CaseYaml in = new CaseYaml(file);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new IllegalArgumentException(file + ": empty");
        }
        return in.mapping(root, "the file");
    }

    Mapping mapping(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw fail(node, what + ": expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw fail(t.getKeyNode(), "expected a plain key");
            }
            if (out.put(k.getValue(), t.getValueNode()) != null) {
                throw fail(k, "'" + k.getValue() + "' appears twice");
            }
        }
        return new Mapping(this, node, out);
    }

    List<Node> list(Node node, String what) {
        if (!(node instanceof SequenceNode s)) {
            throw fail(node, what + ": expected a list");
        }
        return new ArrayList<>(s.getValue());
    }

    IllegalArgumentException fail(Node at, String message) {
        int line = at == null ? 1 : at.getStartMark().getLine() + 1;
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }
}
