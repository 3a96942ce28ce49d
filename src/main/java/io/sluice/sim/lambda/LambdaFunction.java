package io.sluice.sim.lambda;

import io.sluice.sim.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A function of one account in one region: its versions ($LATEST first, then published in order) and its aliases. */
final class LambdaFunction {
    private final String name;
    private final Scope scope;
    private final Map<String, FunctionVersion> versions = new LinkedHashMap<>();
    private final Map<String, FunctionAlias> aliases = new TreeMap<>();

    LambdaFunction(String name, Scope scope) {
        this.name = name;
        this.scope = scope;
    }

    String name() {
        return name;
    }

    Scope scope() {
        return scope;
    }

    String arn() {
        return arn(scope, name);
    }

    static String arn(Scope scope, String name) {
        return "arn:aws:lambda:" + scope.region() + ":" + scope.account() + ":function:" + name;
    }

    String arn(String qualifier) {
        return arn() + ":" + qualifier;
    }

    void putVersion(FunctionVersion version) {
        versions.put(version.version(), version);
    }

    Optional<FunctionVersion> version(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** $LATEST first, then published versions by number, as ListVersionsByFunction returns them. */
    List<FunctionVersion> versions() {
        List<FunctionVersion> all = new ArrayList<>(versions.values());
        all.sort(Comparator.comparing((FunctionVersion v) -> v.isPublished())
                .thenComparing(v -> v.isPublished() ? Long.parseLong(v.version()) : 0L));
        return all;
    }

    Optional<FunctionAlias> alias(String alias) {
        return Optional.ofNullable(aliases.get(alias));
    }

    void putAlias(FunctionAlias alias) {
        aliases.put(alias.name(), alias);
    }

    List<FunctionAlias> aliases() {
        return List.copyOf(aliases.values());
    }
}
