package io.sluice.sim.elbv2;

import io.sluice.sim.AwsError;
import io.sluice.sim.SimResponse;
import io.sluice.sim.protocol.FormParams;
import io.sluice.sim.protocol.QueryProtocol;
import io.sluice.sim.protocol.Xml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** DescribeLoadBalancers, DescribeListeners, DescribeRules, ModifyListener, ModifyRule, DescribeTags. */
final class ListenerOperations {
    static final String XMLNS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static final int MAX_ARNS = 20;

    private ListenerOperations() {
    }

    static SimResponse describeLoadBalancers(RegionState region, FormParams params) {
        List<String> arns = params.list("LoadBalancerArns");
        List<String> names = params.list("Names");
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw ActionParser.invalid("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        List<LoadBalancer> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                found.add(Optional.ofNullable(region.loadBalancers.get(region.owned(arn, "loadbalancer"))).orElseThrow(() -> notFound(
                        "LoadBalancerNotFound", "One or more load balancers not found")));
            }
        } else if (!names.isEmpty()) {
            for (String name : names) {
                found.add(region.loadBalancerNamed(name).orElseThrow(() -> notFound(
                        "LoadBalancerNotFound", "Load balancers '[" + name + "]' not found")));
            }
        } else {
            found.addAll(region.loadBalancers.values());
        }
        Paging<LoadBalancer> page = Paging.of(found, params);
        return result("DescribeLoadBalancers", xml -> {
            xml.start("LoadBalancers");
            page.page().forEach(lb -> Elbv2Xml.loadBalancer(xml, lb));
            xml.end().leaf("NextMarker", page.nextMarker().orElse(null));
        });
    }

    static SimResponse describeListeners(RegionState region, FormParams params) {
        Optional<String> lbArn = params.get("LoadBalancerArn").filter(s -> !s.isEmpty());
        List<String> arns = params.list("ListenerArns");
        if (lbArn.isPresent() && !arns.isEmpty()) {
            throw ActionParser.invalid("Listener ARNs and a load balancer ARN cannot be specified at the same time");
        }
        if (lbArn.isEmpty() && arns.isEmpty()) {
            throw ActionParser.invalid("You must specify either listener ARNs or a load balancer ARN");
        }
        tooMany(arns, "listenerArns");
        List<Listener> found = new ArrayList<>();
        if (lbArn.isPresent()) {
            if (!region.loadBalancers.containsKey(region.owned(lbArn.get(), "loadbalancer"))) {
                throw notFound("LoadBalancerNotFound", "One or more load balancers not found");
            }
            found.addAll(region.listenersByLoadBalancer.getOrDefault(lbArn.get(), List.of()));
        } else {
            for (String arn : arns) {
                found.add(listener(region, arn));
            }
        }
        Paging<Listener> page = Paging.of(found, params);
        return result("DescribeListeners", xml -> {
            xml.start("Listeners");
            page.page().forEach(l -> Elbv2Xml.listener(xml, l));
            xml.end().leaf("NextMarker", page.nextMarker().orElse(null));
        });
    }

    static SimResponse describeRules(RegionState region, FormParams params) {
        Optional<String> listenerArn = params.get("ListenerArn").filter(s -> !s.isEmpty());
        List<String> arns = params.list("RuleArns");
        if (listenerArn.isPresent() && !arns.isEmpty()) {
            throw ActionParser.invalid("Listener rule ARNs and a listener ARN cannot be specified at the same time");
        }
        if (listenerArn.isEmpty() && arns.isEmpty()) {
            throw ActionParser.invalid("You must specify either listener rule ARNs or a listener ARN");
        }
        List<ListenerRule> found = new ArrayList<>();
        if (listenerArn.isPresent()) {
            found.addAll(listener(region, listenerArn.get()).rulesInOrder());
        } else {
            for (String arn : arns) {
                found.add(rule(region, arn));
            }
        }
        Paging<ListenerRule> page = Paging.of(found, params);
        return result("DescribeRules", xml -> {
            xml.start("Rules");
            page.page().forEach(r -> Elbv2Xml.rule(xml, r));
            xml.end().leaf("NextMarker", page.nextMarker().orElse(null));
        });
    }

    static SimResponse modifyListener(RegionState region, FormParams params, Instant now) {
        Listener listener = listener(region, required(params, "ListenerArn", "listenerArn"));
        Optional<Integer> port = params.get("Port").map(p -> ActionParser.integer(p, "port"));
        port.ifPresent(p -> ActionParser.range(p, 1, 65535, "port"));
        Optional<String> protocol = params.get("Protocol");
        if (protocol.isPresent() && !protocol.get().equals("HTTP") && !protocol.get().equals("HTTPS")) {
            throw AwsError.client(400, "UnsupportedProtocol", "Protocol '" + protocol.get()
                    + "' is not supported for load balancers of type 'application'").raise();
        }
        if (port.isPresent() && port.get() != listener.port) {
            for (Listener other : region.listenersByLoadBalancer.get(listener.loadBalancerArn)) {
                if (other != listener && other.port == port.get()) {
                    throw notFound("DuplicateListener", "A listener already exists on this port for this load balancer");
                }
            }
        }
        Optional<List<RuleAction>> actions = actionsIfGiven(region, params, "DefaultActions", "defaultActions");
        // Validate everything before changing anything: a refused call leaves the listener as it was.
        port.ifPresent(p -> listener.port = p);
        protocol.ifPresent(p -> listener.protocol = p);
        params.get("SslPolicy").ifPresent(p -> listener.sslPolicy = Optional.of(p));
        params.get("Certificates.member.1.CertificateArn").ifPresent(c -> listener.certificateArn = Optional.of(c));
        if (actions.isPresent()) {
            listener.defaultRule.actions = actions.get();
            region.recomputeUsage(now);
        }
        return result("ModifyListener", xml -> {
            xml.start("Listeners");
            Elbv2Xml.listener(xml, listener);
            xml.end();
        });
    }

    static SimResponse modifyRule(RegionState region, FormParams params, Instant now) {
        ListenerRule rule = rule(region, required(params, "RuleArn", "ruleArn"));
        if (rule.isDefault) {
            throw AwsError.client(400, "OperationNotPermitted", "Default rule '" + rule.arn + "' cannot be modified")
                    .raise();
        }
        boolean reset = params.get("ResetTransforms").map(v -> v.equals("true")).orElse(false);
        Map<String, String> transforms = members(params, "Transforms");
        if (reset && !transforms.isEmpty()) {
            throw ActionParser.invalid("You cannot specify both Transforms and ResetTransforms");
        }
        Optional<List<RuleAction>> actions = actionsIfGiven(region, params, "Actions", "actions");
        Map<String, String> conditions = members(params, "Conditions");
        if (params.get("Conditions").isPresent() && conditions.isEmpty()) {
            throw ActionParser.invalid("A rule that is not the default rule must have at least one condition");
        }
        actions.ifPresent(a -> rule.actions = a);
        if (!conditions.isEmpty()) {
            rule.conditions = conditions;
        }
        if (reset) {
            rule.transforms = Map.of();
        } else if (!transforms.isEmpty()) {
            rule.transforms = transforms;
        }
        if (actions.isPresent()) {
            region.recomputeUsage(now);
        }
        return result("ModifyRule", xml -> {
            xml.start("Rules");
            Elbv2Xml.rule(xml, rule);
            xml.end();
        });
    }

    static SimResponse describeTags(RegionState region, FormParams params) {
        List<String> arns = params.list("ResourceArns");
        if (arns.isEmpty()) {
            throw ActionParser.invalid("1 validation error detected: Value null at 'resourceArns' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        tooMany(arns, "resourceArns");
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        for (String arn : arns) {
            if (!Arns.kind(arn).isEmpty() && !region.names(arn, Arns.kind(arn))) {
                throw ActionParser.invalid("'" + arn + "' must be in ARN format");
            }
            tags.put(arn, switch (Arns.kind(arn)) {
                case "loadbalancer" -> Optional.ofNullable(region.loadBalancers.get(arn)).orElseThrow(() -> notFound(
                        "LoadBalancerNotFound", "Load balancer '" + arn + "' not found")).tags();
                case "listener" -> listener(region, arn).tags;
                case "listener-rule" -> rule(region, arn).tags;
                case "targetgroup" -> TargetGroupOperations.group(region, arn).tags;
                default -> throw ActionParser.invalid("'" + arn + "' is not a valid load balancer, listener, rule or "
                        + "target group ARN");
            });
        }
        return result("DescribeTags", xml -> {
            xml.start("TagDescriptions");
            tags.forEach((arn, t) -> Elbv2Xml.tags(xml, arn, t));
            xml.end();
        });
    }

    private static Optional<List<RuleAction>> actionsIfGiven(RegionState region, FormParams params, String member,
            String wireName) {
        boolean given = params.all().keySet().stream().anyMatch(k -> k.equals(member) || k.startsWith(member + "."));
        if (!given) {
            return Optional.empty();
        }
        return Optional.of(ActionParser.parse(params, member, wireName, region::hasTargetGroup));
    }

    /** The flattened members of a list, keys keeping the list's name ({@code Conditions.member.1...}). */
    private static Map<String, String> members(FormParams params, String list) {
        Map<String, String> out = new LinkedHashMap<>();
        params.all().forEach((k, v) -> {
            if (k.startsWith(list + ".")) {
                out.put(k, v);
            }
        });
        return out;
    }

    static Listener listener(RegionState region, String arn) {
        Listener listener = region.listeners.get(region.owned(arn, "listener"));
        if (listener == null) {
            throw notFound("ListenerNotFound", "One or more listeners not found");
        }
        return listener;
    }

    static ListenerRule rule(RegionState region, String arn) {
        ListenerRule rule = region.rules.get(region.owned(arn, "listener-rule"));
        if (rule == null) {
            throw notFound("RuleNotFound", "One or more rules not found");
        }
        return rule;
    }

    static String required(FormParams params, String name, String wireName) {
        return params.get(name).filter(s -> !s.isEmpty()).orElseThrow(() -> ActionParser.invalid(
                "1 validation error detected: Value null at '" + wireName + "' failed to satisfy constraint: "
                        + "Member must not be null"));
    }

    private static void tooMany(List<String> arns, String wireName) {
        if (arns.size() > MAX_ARNS) {
            throw ActionParser.invalid("1 validation error detected: Value at '" + wireName + "' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_ARNS);
        }
    }

    static AwsError.Raised notFound(String code, String message) {
        return AwsError.client(400, code, message).raise();
    }

    static SimResponse result(String action, Consumer<Xml> body) {
        return QueryProtocol.result(action, XMLNS, body);
    }
}
