package io.sluice.sim.protocol;

import io.sluice.sim.SimRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of an awsQuery request ({@code application/x-www-form-urlencoded} body or
 * query string), with helpers for the protocol's flattened list and map encodings
 * ({@code Names.member.1}, {@code Attributes.member.1.Key}).
 */
public final class FormParams {
    private final Map<String, String> values;

    private FormParams(Map<String, String> values) {
        this.values = values;
    }

    /** The parameters of an awsQuery request: its query string and, for a POST, its form body. */
    public static FormParams of(SimRequest request) {
        String body = request.method().equals("POST") ? request.bodyText() : "";
        String query = request.rawQuery();
        return parse(query.isEmpty() ? body : body.isEmpty() ? query : query + "&" + body);
    }

    public static FormParams parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.put(key, value);
            }
        }
        return new FormParams(values);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String action() {
        return values.getOrDefault("Action", "");
    }

    public Map<String, String> all() {
        return values;
    }

    /** Values of a flattened list {@code prefix.member.N} (or {@code prefix.N}), in index order. */
    public List<String> list(String prefix) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        collect(prefix + ".member.", byIndex);
        if (byIndex.isEmpty()) {
            collect(prefix + ".", byIndex);
        }
        return new ArrayList<>(byIndex.values());
    }

    private void collect(String head, TreeMap<Integer, String> byIndex) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(head)) {
                String rest = key.substring(head.length());
                if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit)) {
                    byIndex.put(Integer.parseInt(rest), e.getValue());
                }
            }
        }
    }

    /**
     * The structures of a flattened list of structures: {@code prefix.member.N.Field...}, each
     * returned as a FormParams whose keys are relative to the member ({@code Field...}).
     */
    public List<FormParams> structs(String prefix) {
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        String head = prefix + ".member.";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(head)) {
                continue;
            }
            String rest = key.substring(head.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || !rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
                continue;
            }
            byIndex.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> new LinkedHashMap<>())
                    .put(rest.substring(dot + 1), e.getValue());
        }
        List<FormParams> out = new ArrayList<>();
        byIndex.values().forEach(m -> out.add(new FormParams(m)));
        return out;
    }

    /** The structure under {@code prefix.} (keys relative to it); empty params when absent. */
    public FormParams struct(String prefix) {
        Map<String, String> sub = new LinkedHashMap<>();
        String head = prefix + ".";
        values.forEach((k, v) -> {
            if (k.startsWith(head)) {
                sub.put(k.substring(head.length()), v);
            }
        });
        return new FormParams(sub);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
