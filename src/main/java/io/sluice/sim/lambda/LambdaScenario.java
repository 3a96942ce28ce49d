package io.sluice.sim.lambda;

import io.sluice.sim.Caller;
import io.sluice.sim.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the {@code lambda:} section of a scenario (format in {@code sim/SCENARIO.md}): functions with
 * their published versions and aliases, keyed by account and region. Invalid data names the offending field.
 */
final class LambdaScenario {
    private LambdaScenario() {
    }

    /** Scope (account and region) -> function name -> function. */
    static Map<Scope, Map<String, LambdaFunction>> read(Map<String, Object> section, Instant now) {
        knownFields(section, "lambda", "functions");
        Map<Scope, Map<String, LambdaFunction>> byRegion = new LinkedHashMap<>();
        List<Map<String, Object>> functions = maps(section.get("functions"), "lambda.functions");
        for (int i = 0; i < functions.size(); i++) {
            String at = "lambda.functions[" + i + "]";
            Map<String, Object> f = functions.get(i);
            LambdaFunction function = function(f, at, now);
            Map<String, LambdaFunction> inRegion = byRegion.computeIfAbsent(function.scope(), r -> new LinkedHashMap<>());
            if (inRegion.put(function.name(), function) != null) {
                throw new IllegalArgumentException(at + ".name: duplicate function " + function.name());
            }
        }
        return byRegion;
    }

    private static LambdaFunction function(Map<String, Object> f, String at, Instant now) {
        knownFields(f, at, "name", "region", "account", "description", "runtime", "handler", "role", "deadLetterTargetArn",
                "memorySize", "timeout", "versions", "aliases");
        String name = text(f, "name", at).orElseThrow(() -> new IllegalArgumentException(at + ".name is required"));
        if (!name.matches("[a-zA-Z0-9-_]{1,64}")) {
            throw new IllegalArgumentException(at + ".name: not a Lambda function name: " + name);
        }
        Scope scope = Scope.named(text(f, "account", at).orElse(Caller.DEFAULT_ACCOUNT),
                text(f, "region", at).orElse(Scope.DEFAULT_REGION), at);
        LambdaFunction function = new LambdaFunction(name, scope);
        FunctionVersion latest = new FunctionVersion(FunctionVersion.LATEST, text(f, "description", at).orElse(""),
                text(f, "runtime", at).orElse("python3.12"), text(f, "handler", at).orElse("index.handler"),
                text(f, "role", at).orElse("arn:aws:iam::" + scope.account() + ":role/" + name),
                text(f, "deadLetterTargetArn", at), number(f, "memorySize", at, 128), number(f, "timeout", at, 3),
                sha(name + "$LATEST"), 1024, now, UUID.randomUUID().toString());
        function.putVersion(latest);
        for (Map<String, Object> v : versions(f.get("versions"), at + ".versions")) {
            String vat = at + ".versions[" + v.get("version") + "]";
            knownFields(v, vat, "version", "description", "runtime", "handler", "role", "deadLetterTargetArn",
                    "memorySize", "timeout");
            String version = text(v, "version", vat).orElseThrow(() -> new IllegalArgumentException(vat + ".version is required"));
            if (!version.matches("[0-9]+") || Long.parseLong(version) < 1) {
                throw new IllegalArgumentException(vat + ".version: a published version is a number from 1: " + version);
            }
            function.putVersion(new FunctionVersion(version, text(v, "description", vat).orElse(""),
                    text(v, "runtime", vat).orElse(latest.runtime()), text(v, "handler", vat).orElse(latest.handler()),
                    text(v, "role", vat).orElse(latest.role()),
                    v.containsKey("deadLetterTargetArn") ? text(v, "deadLetterTargetArn", vat) : latest.deadLetterTargetArn(),
                    number(v, "memorySize", vat, latest.memorySize()), number(v, "timeout", vat, latest.timeout()),
                    sha(name + ":" + version), 1024, now, UUID.randomUUID().toString()));
        }
        List<Map<String, Object>> aliases = maps(f.get("aliases"), at + ".aliases");
        for (int i = 0; i < aliases.size(); i++) {
            function.putAlias(alias(function, aliases.get(i), at + ".aliases[" + i + "]"));
        }
        return function;
    }

    private static FunctionAlias alias(LambdaFunction function, Map<String, Object> a, String at) {
        knownFields(a, at, "name", "functionVersion", "description", "weights", "revisionId");
        String name = text(a, "name", at).orElseThrow(() -> new IllegalArgumentException(at + ".name is required"));
        if (!name.matches("(?!^[0-9]+$)([a-zA-Z0-9-_]+)") || name.length() > 128) {
            throw new IllegalArgumentException(at + ".name: not a Lambda alias name: " + name);
        }
        String version = text(a, "functionVersion", at)
                .orElseThrow(() -> new IllegalArgumentException(at + ".functionVersion is required"));
        if (function.version(version).isEmpty()) {
            throw new IllegalArgumentException(at + ".functionVersion: no version " + version + " of " + function.name());
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        Object w = a.get("weights");
        if (w instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException(at + ".weights." + k + ": a weight is a number 0.0..1.0");
                }
                weights.put(String.valueOf(k), n.doubleValue());
            });
        } else if (w != null) {
            throw new IllegalArgumentException(at + ".weights: a map of version to weight");
        }
        String revision = text(a, "revisionId", at).orElse(UUID.randomUUID().toString());
        FunctionAlias base = new FunctionAlias(name, version, text(a, "description", at).orElse(""), Map.of(), revision);
        AliasUpdate seed = new AliasUpdate(Optional.empty(), Optional.empty(), Optional.of(weights), Optional.empty());
        try {
            seed.checkConstraints();
            return seed.applyTo(function, base, revision);
        } catch (io.sluice.sim.AwsError.Raised e) {
            throw new IllegalArgumentException(at + ".weights: " + e.error().message());
        }
    }

    private static List<Map<String, Object>> versions(Object value, String at) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Number n) {
            for (int v = 1; v <= n.intValue(); v++) {
                out.add(Map.of("version", String.valueOf(v)));
            }
            return out;
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(at + ": a count or a list of versions");
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?>) {
                out.add(map(item, at));
            } else if (item instanceof Number || item instanceof String) {
                out.add(Map.of("version", String.valueOf(item)));
            } else {
                throw new IllegalArgumentException(at + ": a version is a number or a map");
            }
        }
        return out;
    }

    private static List<Map<String, Object>> maps(Object value, String at) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(at + ": a list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(item -> out.add(map(item, at)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object item, String at) {
        if (!(item instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(at + ": each entry is a map");
        }
        return (Map<String, Object>) item;
    }

    private static Optional<String> text(Map<String, Object> m, String key, String at) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String || v instanceof Number) {
            return Optional.of(String.valueOf(v));
        }
        throw new IllegalArgumentException(at + "." + key + ": a text value");
    }

    private static int number(Map<String, Object> m, String key, String at, int fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException(at + "." + key + ": a whole number");
    }

    private static String sha(String seed) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void knownFields(Map<?, ?> m, String at, String... known) {
        java.util.Set<String> allowed = java.util.Set.of(known);
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(at + "." + key + ": unknown field");
            }
        }
    }
}
