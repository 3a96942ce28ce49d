package io.sluice.sim.elbv2;

import io.sluice.sim.AwsError;
import io.sluice.sim.SimResponse;
import io.sluice.sim.protocol.FormParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DescribeTargetGroups, DescribeTargetHealth, RegisterTargets, DeregisterTargets,
 * DescribeTargetGroupAttributes, ModifyTargetGroupAttributes.
 */
final class TargetGroupOperations {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private TargetGroupOperations() {
    }

    static SimResponse describeTargetGroups(RegionState region, FormParams params) {
        Optional<String> lbArn = params.get("LoadBalancerArn").filter(s -> !s.isEmpty());
        List<String> arns = params.list("TargetGroupArns");
        List<String> names = params.list("Names");
        int filters = (lbArn.isPresent() ? 1 : 0) + (arns.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1);
        if (filters > 1) {
            throw ActionParser.invalid("Only one of load balancer ARN, target group ARNs or target group names "
                    + "can be specified");
        }
        List<TargetGroup> found = new ArrayList<>();
        if (lbArn.isPresent()) {
            if (!region.loadBalancers.containsKey(region.owned(lbArn.get(), "loadbalancer"))) {
                throw ListenerOperations.notFound("LoadBalancerNotFound", "One or more load balancers not found");
            }
            region.targetGroups.values().stream().filter(g -> g.loadBalancerArns.contains(lbArn.get()))
                    .forEach(found::add);
        } else if (!arns.isEmpty()) {
            arns.forEach(arn -> found.add(group(region, arn)));
        } else if (!names.isEmpty()) {
            for (String name : names) {
                TargetGroup g = region.targetGroupsByName.get(name);
                if (g == null) {
                    throw ListenerOperations.notFound("TargetGroupNotFound", "Target groups '[" + name + "]' not found");
                }
                found.add(g);
            }
        } else {
            found.addAll(region.targetGroups.values());
        }
        Paging<TargetGroup> page = Paging.of(found, params);
        return ListenerOperations.result("DescribeTargetGroups", xml -> {
            xml.start("TargetGroups");
            page.page().forEach(g -> Elbv2Xml.targetGroup(xml, g));
            xml.end().leaf("NextMarker", page.nextMarker().orElse(null));
        });
    }

    static SimResponse describeTargetHealth(RegionState region, FormParams params, Instant now, Duration delay) {
        TargetGroup group = group(region, ListenerOperations.required(params, "TargetGroupArn", "targetGroupArn"));
        group.forgetDrained(now);
        List<FormParams> asked = params.structs("Targets");
        return ListenerOperations.result("DescribeTargetHealth", xml -> {
            xml.start("TargetHealthDescriptions");
            if (asked.isEmpty()) {
                group.targets.values().forEach(t -> Elbv2Xml.targetHealth(xml, t.id, t.port,
                        t.availabilityZone.orElse(null), group.healthOf(t, now, delay)));
            } else {
                for (FormParams a : asked) {
                    String id = ListenerOperations.required(a, "Id", "targets.member.id");
                    Optional<Integer> port = a.get("Port").map(p -> ActionParser.integer(p, "targets.member.port"));
                    Optional<RegisteredTarget> t = group.targets.values().stream()
                            .filter(r -> r.id.equals(id) && (port.isEmpty() || r.port == port.get())).findFirst();
                    if (t.isPresent()) {
                        Elbv2Xml.targetHealth(xml, id, t.get().port, t.get().availabilityZone.orElse(null),
                                group.healthOf(t.get(), now, delay));
                    } else {
                        Elbv2Xml.targetHealth(xml, id, port.orElse(group.port), null, TargetHealth.of("unused",
                                "Target.NotRegistered", "Target is not registered to the target group"));
                    }
                }
            }
            xml.end();
        });
    }

    static SimResponse registerTargets(RegionState region, FormParams params, Instant now) {
        TargetGroup group = group(region, ListenerOperations.required(params, "TargetGroupArn", "targetGroupArn"));
        List<RegisteredTarget> incoming = new ArrayList<>();
        for (FormParams t : targets(params)) {
            String id = ListenerOperations.required(t, "Id", "targets.member.id");
            checkTargetId(group, id);
            int port = t.get("Port").map(p -> ActionParser.integer(p, "targets.member.port")).orElse(group.port);
            ActionParser.range(port, 1, 65535, "targets.member.port");
            incoming.add(new RegisteredTarget(id, port, t.get("AvailabilityZone"), now, group.registeredTargetHealth,
                    List.of()));
        }
        for (RegisteredTarget t : incoming) {
            RegisteredTarget existing = group.targets.get(RegisteredTarget.key(t.id, t.port));
            if (existing == null || existing.drainingUntil.isPresent()) {
                group.targets.put(RegisteredTarget.key(t.id, t.port), t);
            }
        }
        return ListenerOperations.result("RegisterTargets", xml -> { });
    }

    static SimResponse deregisterTargets(RegionState region, FormParams params, Instant now) {
        TargetGroup group = group(region, ListenerOperations.required(params, "TargetGroupArn", "targetGroupArn"));
        group.forgetDrained(now);
        List<RegisteredTarget> leaving = new ArrayList<>();
        for (FormParams t : targets(params)) {
            String id = ListenerOperations.required(t, "Id", "targets.member.id");
            int port = t.get("Port").map(p -> ActionParser.integer(p, "targets.member.port")).orElse(group.port);
            RegisteredTarget existing = group.targets.get(RegisteredTarget.key(id, port));
            if (existing == null) {
                throw AwsError.client(400, "InvalidTarget", "The target '" + id + ":" + port
                        + "' is not registered with the target group").raise();
            }
            leaving.add(existing);
        }
        Duration delay = Duration.ofSeconds(group.deregistrationDelaySeconds());
        for (RegisteredTarget t : leaving) {
            if (t.drainingUntil.isEmpty()) {
                t.drainingUntil = Optional.of(now.plus(delay));
            }
        }
        group.forgetDrained(now);
        return ListenerOperations.result("DeregisterTargets", xml -> { });
    }

    static SimResponse describeTargetGroupAttributes(RegionState region, FormParams params) {
        TargetGroup group = group(region, ListenerOperations.required(params, "TargetGroupArn", "targetGroupArn"));
        return ListenerOperations.result("DescribeTargetGroupAttributes",
                xml -> Elbv2Xml.attributes(xml, group.attributes));
    }

    static SimResponse modifyTargetGroupAttributes(RegionState region, FormParams params) {
        TargetGroup group = group(region, ListenerOperations.required(params, "TargetGroupArn", "targetGroupArn"));
        List<FormParams> given = params.structs("Attributes");
        if (given.isEmpty()) {
            throw ActionParser.invalid("1 validation error detected: Value null at 'attributes' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        Map<String, String> next = new LinkedHashMap<>(group.attributes);
        for (FormParams a : given) {
            String key = ListenerOperations.required(a, "Key", "attributes.member.key");
            String value = a.get("Value").orElse("");
            TargetGroupAttributes.check(key, value);
            next.put(key, value);
        }
        TargetGroupAttributes.checkTogether(next);
        group.attributes.putAll(next);
        return ListenerOperations.result("ModifyTargetGroupAttributes",
                xml -> Elbv2Xml.attributes(xml, group.attributes));
    }

    static TargetGroup group(RegionState region, String arn) {
        TargetGroup group = region.targetGroups.get(region.owned(arn, "targetgroup"));
        if (group == null) {
            throw ListenerOperations.notFound("TargetGroupNotFound", "One or more target groups not found");
        }
        return group;
    }

    private static List<FormParams> targets(FormParams params) {
        List<FormParams> targets = params.structs("Targets");
        if (targets.isEmpty()) {
            throw ActionParser.invalid("1 validation error detected: Value null at 'targets' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        return targets;
    }

    private static void checkTargetId(TargetGroup group, String id) {
        boolean valid = switch (group.targetType) {
            case "instance" -> INSTANCE_ID.matcher(id).matches();
            case "ip" -> IPV4.matcher(id).matches() || id.contains(":");
            default -> true;
        };
        if (!valid) {
            throw AwsError.client(400, "InvalidTarget", "The target '" + id + "' is not a valid "
                    + (group.targetType.equals("ip") ? "IP address" : "instance ID") + " for target group '"
                    + group.name + "'").raise();
        }
    }
}
