package io.sluice.sim.elbv2;

import io.sluice.sim.AwsError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of an ALB target group with instance or ip targets: AWS's defaults, and the
 * checks ModifyTargetGroupAttributes applies to a key and its value.
 */
final class TargetGroupAttributes {
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

    private TargetGroupAttributes() {
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("stickiness.enabled", "false");
        d.put(DEREGISTRATION_DELAY, "300");
        d.put("stickiness.type", "lb_cookie");
        d.put("stickiness.lb_cookie.duration_seconds", "86400");
        d.put("stickiness.app_cookie.cookie_name", "");
        d.put("stickiness.app_cookie.duration_seconds", "86400");
        d.put("slow_start.duration_seconds", "0");
        d.put("load_balancing.algorithm.type", "round_robin");
        d.put("load_balancing.algorithm.anomaly_mitigation", "off");
        d.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
        d.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
        d.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
        d.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");
        d.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off");
        return d;
    }

    /** Throws the AWS error for an unknown key or a value outside the key's domain. */
    static void check(String key, String value) {
        if (!defaults().containsKey(key)) {
            throw ActionParser.invalid("Target group attribute key '" + key + "' is not recognized");
        }
        switch (key) {
            case DEREGISTRATION_DELAY -> intIn(key, value, 0, 3600);
            case "stickiness.lb_cookie.duration_seconds", "stickiness.app_cookie.duration_seconds" ->
                    intIn(key, value, 1, ActionParser.MAX_STICKINESS_SECONDS);
            case "stickiness.enabled" -> oneOf(key, value, List.of("true", "false"));
            case "stickiness.type" -> oneOf(key, value, List.of("lb_cookie", "app_cookie"));
            case "stickiness.app_cookie.cookie_name" -> {
                if (value.startsWith("AWSALB")) {
                    throw ActionParser.invalid("Cookie name '" + value + "' is reserved for use by the load balancer");
                }
            }
            case "slow_start.duration_seconds" -> {
                int seconds = intIn(key, value, 0, 900);
                if (seconds != 0 && seconds < 30) {
                    throw ActionParser.invalid("Slow start duration must be 0 (off) or between 30 and 900 seconds");
                }
            }
            case "load_balancing.algorithm.type" ->
                    oneOf(key, value, List.of("round_robin", "least_outstanding_requests", "weighted_random"));
            case "load_balancing.algorithm.anomaly_mitigation" -> oneOf(key, value, List.of("on", "off"));
            case "load_balancing.cross_zone.enabled" ->
                    oneOf(key, value, List.of("true", "false", "use_load_balancer_configuration"));
            default -> {
                if (!value.equals("off")) {
                    intIn(key, value, 1, Integer.MAX_VALUE);
                }
            }
        }
    }

    /** Cross-attribute rules that only hold for the resulting set. */
    static void checkTogether(Map<String, String> attributes) {
        if (attributes.get("load_balancing.algorithm.anomaly_mitigation").equals("on")
                && !attributes.get("load_balancing.algorithm.type").equals("weighted_random")) {
            throw AwsError.client(400, "InvalidConfigurationRequest",
                    "Anomaly mitigation is only available with the weighted_random load balancing algorithm").raise();
        }
    }

    private static int intIn(String key, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ActionParser.invalid("The value of attribute '" + key + "' must be an integer, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw ActionParser.invalid("The value of attribute '" + key + "' must be between " + min + " and " + max
                    + ", got '" + value + "'");
        }
        return n;
    }

    private static void oneOf(String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw ActionParser.invalid("The value of attribute '" + key + "' must be one of " + allowed
                    + ", got '" + value + "'");
        }
    }
}
