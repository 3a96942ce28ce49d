package io.sluice.bench;

import io.sluice.sim.SimServer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator itself holds for a {@link MixedFleet} rollout, read from its services' state
 * rather than through the API: a watcher must not draw on the account's quota buckets that sluice
 * is measured against.
 */
final class SimReadback {
    private SimReadback() {
    }

    /**
     * The rollouts among {@code names} whose traffic is all on the stable side again: ALB green weight
     * 0, Lambda alias on version 1 with no routing, Route 53 green weight 0, ECS service on app:1.
     */
    static Set<String> onStable(SimServer server, Collection<String> names) {
        Set<String> out = new HashSet<>();
        if (names.stream().anyMatch(n -> n.startsWith("r"))) {
            alb(server, names, out);
        }
        if (names.stream().anyMatch(n -> n.startsWith("l"))) {
            lambda(server, names, out);
        }
        if (names.stream().anyMatch(n -> n.startsWith("d"))) {
            route53(server, names, out);
        }
        if (names.stream().anyMatch(n -> n.startsWith("e"))) {
            ecs(server, names, out);
        }
        return out;
    }

    private static void alb(SimServer server, Collection<String> names, Set<String> out) {
        for (Object region : map(map(server.services().get("elasticloadbalancing").snapshot()).get("regions")).values()) {
            for (Object lb : list(map(region).get("loadBalancers"))) {
                for (Object l : list(map(lb).get("listeners"))) {
                    for (Object rule : list(map(l).get("rules"))) {
                        for (Object action : list(map(rule).get("actions"))) {
                            Object forward = map(action).get("ForwardConfig");
                            if (forward == null) {
                                continue;
                            }
                            for (Object g : list(map(forward).get("TargetGroups"))) {
                                String arn = (String) map(g).get("TargetGroupArn");
                                String group = arn.substring(arn.indexOf("targetgroup/") + 12, arn.lastIndexOf('/'));
                                String rollout = group.substring(0, group.length() - "-green".length());
                                if (group.endsWith("-green") && names.contains(rollout)
                                        && ((Number) map(g).get("Weight")).intValue() == 0) {
                                    out.add(rollout);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void lambda(SimServer server, Collection<String> names, Set<String> out) {
        for (Object region : map(map(server.services().get("lambda").snapshot()).get("functions")).values()) {
            map(region).forEach((function, f) -> {
                String rollout = "l" + function.substring(2);
                if (!names.contains(rollout)) {
                    return;
                }
                for (Object a : list(map(f).get("aliases"))) {
                    if ("1".equals(String.valueOf(map(a).get("functionVersion"))) && map(map(a).get("weights")).isEmpty()) {
                        out.add(rollout);
                    }
                }
            });
        }
    }

    private static void route53(SimServer server, Collection<String> names, Set<String> out) {
        for (Object zone : map(map(server.services().get("route53").snapshot()).get("hostedZones")).values()) {
            for (Object r : list(map(zone).get("records"))) {
                Map<String, Object> record = map(r);
                String name = (String) record.get("name");
                String rollout = name.substring(0, name.indexOf('.'));
                if ("green".equals(record.get("setIdentifier")) && names.contains(rollout)
                        && ((Number) record.get("weight")).intValue() == 0) {
                    out.add(rollout);
                }
            }
        }
    }

    private static void ecs(SimServer server, Collection<String> names, Set<String> out) {
        for (Object region : map(server.services().get("ecs").snapshot()).values()) {
            for (Object cluster : map(map(region).get("clusters")).values()) {
                map(cluster).forEach((service, s) -> {
                    if (names.contains(service) && String.valueOf(map(s).get("taskDefinition")).endsWith("/app:1")) {
                        out.add(service);
                    }
                });
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }
}
