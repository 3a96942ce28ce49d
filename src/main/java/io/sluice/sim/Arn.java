package io.sluice.sim;

import java.util.Optional;

/**
 * An ARN split into its six parts: {@code arn:partition:service:region:account:resource}. The
 * resource keeps its own separators ({@code listener/app/shop/...}, {@code function:orchestrator}).
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    /** The parts of {@code text}, or empty when it is not an ARN at all. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /** The resource type: the resource up to its first '/' or ':' ({@code listener-rule}, {@code function}). */
    public String resourceType() {
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            if (c == '/' || c == ':') {
                return resource.substring(0, i);
            }
        }
        return resource;
    }

    /** True when the ARN names a resource of this region and account. */
    public boolean in(Scope scope) {
        return region.equals(scope.region()) && account.equals(scope.account());
    }
}
