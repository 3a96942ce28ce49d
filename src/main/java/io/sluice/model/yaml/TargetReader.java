package io.sluice.model.yaml;

import io.sluice.model.Arns;
import io.sluice.model.Bounds;
import io.sluice.model.Durations;
import io.sluice.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code spec.target}: exactly one of alb, lambda, route53, ecs. */
final class TargetReader {
    private static final List<String> KINDS = Arrays.stream(Target.Kind.values()).map(Target.Kind::key).toList();
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}");
    private static final Pattern PUBLISHED_VERSION = Pattern.compile("[1-9][0-9]{0,9}");
    private static final Pattern TASK_DEFINITION = Pattern.compile("[a-zA-Z0-9_-]{1,255}:[1-9][0-9]*");
    private static final Pattern HOSTED_ZONE = Pattern.compile("(/hostedzone/)?Z[A-Z0-9]{1,31}");
    private static final Pattern ECS_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
    private static final List<String> RECORD_TYPES = List.of("A", "AAAA", "CNAME", "TXT", "MX", "SRV", "CAA", "NS",
            "PTR", "SPF", "NAPTR", "DS", "HTTPS", "SVCB", "TLSA", "SSHFP");

    private final NodeReader r;

    TargetReader(NodeReader reader) {
        this.r = reader;
    }

    Optional<Target> read(Node node, String field) {
        Optional<MapView> view = r.map(node, field);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        MapView m = view.get();
        List<String> present = new ArrayList<>();
        KINDS.forEach(k -> {
            if (m.has(k)) {
                present.add(k);
            }
        });
        Optional<Target> target = Optional.empty();
        if (present.isEmpty()) {
            KINDS.forEach(m::get);
            r.error(node, field, "no target: set exactly one of " + String.join(", ", KINDS));
        } else if (present.size() > 1) {
            KINDS.forEach(m::get);
            r.error(m.keyNode(present.get(1)).orElseThrow(), field, "two targets (" + String.join(" and ", present)
                    + "): a rollout shifts exactly one target; split it into one file per target");
        } else {
            Target.Kind kind = Target.Kind.ofKey(present.get(0)).orElseThrow();
            Node value = m.get(kind.key()).orElseThrow();
            String path = field + "." + kind.key();
            target = r.map(value, path).flatMap(t -> {
                Optional<? extends Target> read = switch (kind) {
                    case ALB -> alb(t, path);
                    case LAMBDA -> lambda(t, path);
                    case ROUTE53 -> route53(t, path);
                    case ECS -> ecs(t, path);
                };
                t.finish();
                return read.map(Target.class::cast);
            });
        }
        m.finish();
        return target;
    }

    private Optional<Target.Alb> alb(MapView m, String path) {
        Optional<String> listener = arn(m, "listenerArn", path, true, "elasticloadbalancing", "listener/", "a listener");
        Optional<String> rule = arn(m, "ruleArn", path, false, "elasticloadbalancing", "listener-rule/", "a listener rule");
        Optional<Target.Sides> groups = m.require("targetGroups")
                .flatMap(n -> sides(n, path + ".targetGroups", (v, vn, f) -> arnProblem(v, vn, f,
                        "elasticloadbalancing", "targetgroup/", "a target group")));
        Optional<Duration> stickiness = m.get("stickiness").flatMap(n -> r.duration(n, path + ".stickiness").filter(d -> {
            if (d.compareTo(Bounds.STICKINESS_MIN) < 0 || d.compareTo(Bounds.STICKINESS_MAX) > 0 || d.toMillis() % 1000 != 0) {
                r.error(n, path + ".stickiness", "must be whole seconds between " + Durations.format(Bounds.STICKINESS_MIN)
                        + " and " + Durations.format(Bounds.STICKINESS_MAX) + " (" + Bounds.STICKINESS_MAX.getSeconds()
                        + " seconds), got " + Durations.format(d));
                return false;
            }
            return true;
        }));
        Function<String, String> outside = v -> "must be between " + Bounds.DRAIN_SECONDS_MIN + " and "
                + Bounds.DRAIN_SECONDS_MAX + " (the deregistration delay AWS allows), got " + v;
        Optional<Integer> drain = m.get("drainSeconds").flatMap(n -> r.integer(n, path + ".drainSeconds",
                Bounds.DRAIN_SECONDS_MIN, Bounds.DRAIN_SECONDS_MAX, outside, outside));
        if (listener.isEmpty() || groups.isEmpty() || (m.has("ruleArn") && rule.isEmpty())
                || (m.has("stickiness") && stickiness.isEmpty()) || (m.has("drainSeconds") && drain.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Target.Alb(listener.get(), rule, groups.get(), stickiness, drain));
    }

    private Optional<Target.Lambda> lambda(MapView m, String path) {
        Optional<String> function = m.require("functionName").flatMap(n -> r.string(n, path + ".functionName").filter(v -> {
            boolean ok = v.startsWith("arn:")
                    ? arnProblem(v, n, path + ".functionName", "lambda", "function:", "a Lambda function")
                    : check(FUNCTION_NAME.matcher(v).matches(), n, path + ".functionName",
                    NodeReader.quote(v) + " is not a function name (1-64 letters, digits, '-' or '_') or function ARN");
            return ok;
        }));
        Optional<String> alias = m.require("alias").flatMap(n -> r.string(n, path + ".alias")
                .filter(v -> check(ALIAS.matcher(v).matches(), n, path + ".alias",
                        NodeReader.quote(v) + " is not an alias name (1-128 letters, digits, '-' or '_', not only digits)")));
        return function.isPresent() && alias.isPresent()
                ? Optional.of(new Target.Lambda(function.get(), alias.get())) : Optional.empty();
    }

    private Optional<Target.Route53> route53(MapView m, String path) {
        Optional<String> zone = m.require("hostedZoneId").flatMap(n -> r.string(n, path + ".hostedZoneId")
                .filter(v -> check(HOSTED_ZONE.matcher(v).matches(), n, path + ".hostedZoneId",
                        NodeReader.quote(v) + " is not a hosted zone id such as Z0123456789ABCDEFGHIJ")));
        Optional<String> record = m.require("recordName").flatMap(n -> r.string(n, path + ".recordName")
                .filter(v -> check(v.length() <= 1024 && v.contains("."), n, path + ".recordName",
                        NodeReader.quote(v) + " is not a fully qualified domain name")));
        Optional<String> type = m.get("recordType").map(n -> r.string(n, path + ".recordType")
                .filter(v -> check(RECORD_TYPES.contains(v), n, path + ".recordType",
                        NodeReader.quote(v) + " is not a record type; one of " + String.join(", ", RECORD_TYPES))))
                .orElse(Optional.of("A"));
        Optional<Target.Sides> ids = m.require("setIdentifiers").flatMap(n -> sides(n, path + ".setIdentifiers",
                (v, vn, f) -> check(!v.isEmpty() && v.length() <= 128 && !v.contains("/"), vn, f,
                        NodeReader.quote(v) + " is not a set identifier (1-128 characters, no '/')")));
        return zone.isPresent() && record.isPresent() && type.isPresent() && ids.isPresent()
                ? Optional.of(new Target.Route53(zone.get().replace("/hostedzone/", ""), record.get(), type.get(), ids.get()))
                : Optional.empty();
    }

    private Optional<Target.Ecs> ecs(MapView m, String path) {
        Optional<String> cluster = m.require("cluster").flatMap(n -> r.string(n, path + ".cluster")
                .filter(v -> ecsName(v, n, path + ".cluster")));
        boolean hasService = m.has("service");
        boolean hasServices = m.has("services");
        Optional<String> service = m.get("service").flatMap(n -> r.string(n, path + ".service")
                .filter(v -> ecsName(v, n, path + ".service")));
        Optional<Target.Sides> services = m.get("services").flatMap(n -> sides(n, path + ".services",
                this::ecsName));
        Optional<Target.Alb> alb = m.get("alb").flatMap(n -> r.map(n, path + ".alb").flatMap(a -> {
            Optional<Target.Alb> read = alb(a, path + ".alb");
            a.finish();
            return read;
        }));
        if (hasService == hasServices) {
            r.error(m.node(), path, hasService ? "set service (rolling update) or services (blue/green), not both"
                    : "service is required (or services: {blue, green} with alb for blue/green)");
            return Optional.empty();
        }
        if (hasServices && !m.has("alb")) {
            r.error(m.node(), path + ".alb", "is required with services: the ALB that shifts traffic between them");
            return Optional.empty();
        }
        if (hasService && m.has("alb")) {
            r.error(m.keyNode("alb").orElseThrow(), path + ".alb", "only used with services (blue/green)");
            return Optional.empty();
        }
        if (alb.isPresent() && services.isPresent()
                && !java.util.Set.of(alb.get().targetGroups().first(), alb.get().targetGroups().second())
                .equals(java.util.Set.of(services.get().first(), services.get().second()))) {
            r.error(m.get("alb").orElseThrow(), path + ".alb.targetGroups",
                    "target group names must match the service names (" + services.get().first() + ", "
                            + services.get().second() + ")");
            return Optional.empty();
        }
        if (cluster.isEmpty() || (hasService && service.isEmpty()) || (hasServices && (services.isEmpty() || alb.isEmpty()))) {
            return Optional.empty();
        }
        return Optional.of(new Target.Ecs(cluster.get(), service, services, alb));
    }

    /** Checks the desired version against the target kind. */
    boolean checkDesired(Target target, String value, Node node, String field) {
        if (target instanceof Target.Lambda) {
            return check(PUBLISHED_VERSION.matcher(value).matches(), node, field, value.equals("$LATEST")
                    ? "$LATEST cannot take weighted traffic; publish a version and name its number"
                    : NodeReader.quote(value) + " is not a published version number such as \"7\"");
        }
        if (target instanceof Target.Ecs) {
            return check(TASK_DEFINITION.matcher(value).matches(), node, field,
                    NodeReader.quote(value) + " is not a task definition family:revision such as rag-backend:42");
        }
        Target.Sides sides = target instanceof Target.Alb a ? a.targetGroups() : ((Target.Route53) target).setIdentifiers();
        return check(sides.valueOf(value).isPresent(), node, field,
                NodeReader.quote(value) + " is neither " + sides.first() + " nor " + sides.second());
    }

    interface SideCheck {
        boolean ok(String value, Node valueNode, String field);
    }

    /** A mapping of exactly two named sides, such as {@code {blue: ..., green: ...}}. */
    private Optional<Target.Sides> sides(Node node, String field, SideCheck check) {
        return r.map(node, field).flatMap(m -> {
            List<String> names = new ArrayList<>(m.keys());
            names.forEach(m::get);
            if (names.size() != 2) {
                r.error(node, field, "expected exactly two entries (e.g. blue and green), got " + names.size());
                return Optional.empty();
            }
            boolean ok = true;
            String[] values = new String[2];
            for (int i = 0; i < 2; i++) {
                String name = names.get(i);
                Node value = m.get(name).orElse(null);
                if (!Arns.isDnsLabel(name)) {
                    r.error(m.keyNode(name).orElseThrow(), field + "." + name, "side names must be DNS-1123 labels");
                    ok = false;
                }
                if (value == null) {
                    r.error(m.keyNode(name).orElseThrow(), field + "." + name, "is required");
                    ok = false;
                    continue;
                }
                Optional<String> v = r.string(value, field + "." + name);
                ok &= v.isPresent() && check.ok(v.get(), value, field + "." + name);
                values[i] = v.orElse("");
            }
            if (ok && values[0].equals(values[1])) {
                r.error(node, field, "both sides name the same resource " + values[0]);
                ok = false;
            }
            return ok ? Optional.of(new Target.Sides(names.get(0), values[0], names.get(1), values[1])) : Optional.empty();
        });
    }

    private Optional<String> arn(MapView m, String key, String path, boolean required, String service, String prefix,
                                 String what) {
        Optional<Node> node = required ? m.require(key) : m.get(key);
        return node.flatMap(n -> r.string(n, path + "." + key).filter(v -> arnProblem(v, n, path + "." + key, service,
                prefix, what)));
    }

    private boolean arnProblem(String value, Node node, String field, String service, String prefix, String what) {
        Optional<String> problem = Arns.problem(value, service, prefix, what);
        problem.ifPresent(p -> r.error(node, field, p));
        return problem.isEmpty();
    }

    private boolean ecsName(String value, Node node, String field) {
        return value.startsWith("arn:") ? arnProblem(value, node, field, "ecs", "", "an ECS")
                : check(ECS_NAME.matcher(value).matches(), node, field,
                NodeReader.quote(value) + " is not an ECS name (1-255 letters, digits, '-' or '_') or ARN");
    }

    private boolean check(boolean ok, Node node, String field, String message) {
        if (!ok) {
            r.error(node, field, message);
        }
        return ok;
    }
}
