package io.sluice.sim.lambda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A function in one region: its versions ($LATEST first, then published in order) and its aliases. */
final class LambdaFunction {
    static final String ACCOUNT = "123456789012";

    private final String name;
    private final String region;
    private final Map<String, FunctionVersion> versions = new LinkedHashMap<>();
    private final Map<String, FunctionAlias> aliases = new TreeMap<>();

    LambdaFunction(String name, String region) {
        this.name = name;
        this.region = region;
    }

    String name() {
        return name;
    }

    String region() {
        return region;
    }

    String arn() {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + name;
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
