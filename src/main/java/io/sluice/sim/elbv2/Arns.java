package io.sluice.sim.elbv2;

import io.sluice.sim.Caller;
import io.sluice.sim.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ELBv2 ARNs in AWS's layout, with ids derived from names so that a scenario, a test and the CLI
 * check can all compute the same ARN.
 */
final class Arns {
    private Arns() {
    }

    static String loadBalancer(Scope scope, String name) {
        return prefix(scope) + "loadbalancer/app/" + name + "/" + id(seed("lb", scope), scope.region(), name);
    }

    static String listener(String loadBalancerArn, int port) {
        return loadBalancerArn.replace(":loadbalancer/", ":listener/") + "/" + id("listener", loadBalancerArn, port);
    }

    static String rule(String listenerArn, String priority) {
        return listenerArn.replace(":listener/", ":listener-rule/") + "/" + id("rule", listenerArn, priority);
    }

    static String targetGroup(Scope scope, String name) {
        return prefix(scope) + "targetgroup/" + name + "/" + id(seed("tg", scope), scope.region(), name);
    }

    /** The resource kind of an ELBv2 ARN ("loadbalancer", "listener", "listener-rule", "targetgroup"), or "". */
    static String kind(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("elasticloadbalancing")) {
            return "";
        }
        int slash = parts[5].indexOf('/');
        return slash < 0 ? "" : parts[5].substring(0, slash);
    }

    private static String prefix(Scope scope) {
        return "arn:aws:elasticloadbalancing:" + scope.region() + ":" + scope.account() + ":";
    }

    /** The id seed: the default account's ids stay what they always were, other accounts' differ. */
    private static String seed(String kind, Scope scope) {
        return scope.account().equals(Caller.DEFAULT_ACCOUNT) ? kind : kind + "@" + scope.account();
    }

    private static String id(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object p : parts) {
                sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '/');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
