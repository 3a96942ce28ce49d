package io.sluice.sim.lambda;

import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
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
    static Map<Scope, Map<String, LambdaFunction>> read(ScenarioFields section, Instant now) {
        ScenarioFields lambda = section.withoutKnownFieldList().only("functions");
        Map<Scope, Map<String, LambdaFunction>> byRegion = new LinkedHashMap<>();
        for (ScenarioFields f : lambda.mappings("functions")) {
            LambdaFunction function = function(f, now);
            Map<String, LambdaFunction> inRegion = byRegion.computeIfAbsent(function.scope(), r -> new LinkedHashMap<>());
            if (inRegion.put(function.name(), function) != null) {
                throw f.problem("name", "duplicate function " + function.name());
            }
        }
        return byRegion;
    }

    private static LambdaFunction function(ScenarioFields f, Instant now) {
        f.only("name", "region", "account", "description", "runtime", "handler", "role", "deadLetterTargetArn",
                "memorySize", "timeout", "versions", "aliases");
        String name = f.string("name");
        if (!name.matches("[a-zA-Z0-9-_]{1,64}")) {
            throw f.problem("name", "not a Lambda function name: " + name);
        }
        Scope scope = Scope.named(f.string("account", Caller.DEFAULT_ACCOUNT), f.string("region", Scope.DEFAULT_REGION),
                f.path());
        LambdaFunction function = new LambdaFunction(name, scope);
        FunctionVersion latest = new FunctionVersion(FunctionVersion.LATEST, f.string("description", ""),
                f.string("runtime", "python3.12"), f.string("handler", "index.handler"),
                f.string("role", "arn:aws:iam::" + scope.account() + ":role/" + name),
                f.optionalString("deadLetterTargetArn"), f.integer("memorySize", 128), f.integer("timeout", 3),
                sha(name + "$LATEST"), 1024, now, UUID.randomUUID().toString());
        function.putVersion(latest);
        for (ScenarioFields v : versions(f)) {
            v.only("version", "description", "runtime", "handler", "role", "deadLetterTargetArn", "memorySize",
                    "timeout");
            String version = v.string("version");
            if (!version.matches("[0-9]+") || Long.parseLong(version) < 1) {
                throw v.problem("version", "a published version is a number from 1: " + version);
            }
            function.putVersion(new FunctionVersion(version, v.string("description", ""),
                    v.string("runtime", latest.runtime()), v.string("handler", latest.handler()),
                    v.string("role", latest.role()),
                    v.has("deadLetterTargetArn") ? v.optionalString("deadLetterTargetArn") : latest.deadLetterTargetArn(),
                    v.integer("memorySize", latest.memorySize()), v.integer("timeout", latest.timeout()),
                    sha(name + ":" + version), 1024, now, UUID.randomUUID().toString()));
        }
        for (ScenarioFields a : f.mappings("aliases")) {
            function.putAlias(alias(function, a));
        }
        return function;
    }

    private static FunctionAlias alias(LambdaFunction function, ScenarioFields a) {
        a.only("name", "functionVersion", "description", "weights", "revisionId");
        String name = a.string("name");
        if (!name.matches("(?!^[0-9]+$)([a-zA-Z0-9-_]+)") || name.length() > 128) {
            throw a.problem("name", "not a Lambda alias name: " + name);
        }
        String version = a.string("functionVersion");
        if (function.version(version).isEmpty()) {
            throw a.problem("functionVersion", "no version " + version + " of " + function.name());
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        ScenarioFields given = a.mapping("weights");
        for (Object key : given.keys()) {
            // YAML reads an unquoted version key as a number.
            if (!(given.asMap().get(key) instanceof Number n)) {
                throw given.problem(String.valueOf(key), "a weight is a number 0.0..1.0");
            }
            weights.put(String.valueOf(key), n.doubleValue());
        }
        String revision = a.string("revisionId", UUID.randomUUID().toString());
        FunctionAlias base = new FunctionAlias(name, version, a.string("description", ""), Map.of(), revision);
        AliasUpdate seed = new AliasUpdate(Optional.empty(), Optional.empty(), Optional.of(weights), Optional.empty());
        try {
            seed.checkConstraints();
            return seed.applyTo(function, base, revision);
        } catch (AwsError.Raised e) {
            throw a.problem("weights", e.error().message());
        }
    }

    /** {@code versions}: a count (1..n), or a list of version numbers and mappings. */
    private static List<ScenarioFields> versions(ScenarioFields f) {
        List<ScenarioFields> out = new ArrayList<>();
        if (f.raw("versions") instanceof Number n) {
            for (int v = 1; v <= n.intValue(); v++) {
                out.add(f.at(f.path("versions") + "[" + (v - 1) + "]", Map.of("version", String.valueOf(v))));
            }
            return out;
        }
        List<Object> items = f.list("versions");
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String at = f.path("versions") + "[" + i + "]";
            if (item instanceof Number || item instanceof String) {
                out.add(f.at(at, Map.of("version", String.valueOf(item))));
            } else if (item instanceof Map<?, ?>) {
                out.add(f.at(at, item));
            } else {
                throw new IllegalArgumentException(at + ": a version is a number or a mapping, got "
                        + ScenarioFields.describe(item));
            }
        }
        return out;
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
}
