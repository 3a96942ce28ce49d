package io.sluice.sim.elbv2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ELBv2 ARNs in AWS's layout, with ids derived from names so that a scenario, a test and the CLI
 * check can all compute the same ARN.
 */
final class Arns {
    static final String ACCOUNT = "123456789012";

    private Arns() {
    }

    static String loadBalancer(String region, String name) {
        return prefix(region) + "loadbalancer/app/" + name + "/" + id("lb", region, name);
    }

    static String listener(String loadBalancerArn, int port) {
        return loadBalancerArn.replace(":loadbalancer/", ":listener/") + "/" + id("listener", loadBalancerArn, port);
    }

    static String rule(String listenerArn, String priority) {
        return listenerArn.replace(":listener/", ":listener-rule/") + "/" + id("rule", listenerArn, priority);
    }

    static String targetGroup(String region, String name) {
        return prefix(region) + "targetgroup/" + name + "/" + id("tg", region, name);
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

    private static String prefix(String region) {
        return "arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":";
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
