package io.sluice.model.yaml;

import io.sluice.model.Analysis;
import io.sluice.model.Arns;
import io.sluice.model.Bounds;
import io.sluice.model.Rollout;
import io.sluice.model.Strategy;
import io.sluice.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns one composed rollout document into a {@link Rollout}, reporting every problem it finds on
 * the way. Returns a rollout only when the file had no problem at all.
 */
public final class RolloutReader {
    public static final String API_VERSION = "sluice.io/v1alpha1";
    public static final String KIND = "Rollout";

    private final NodeReader r;
    private final TargetReader targets;

    public RolloutReader(NodeReader reader) {
        this.r = reader;
        this.targets = new TargetReader(reader);
    }

    public Optional<Rollout> read(Node document, String source) {
        r.refuseTypeTags(document, "");
        Optional<MapView> top = r.map(document, "");
        if (top.isEmpty()) {
            return Optional.empty();
        }
        MapView root = top.get();
        Optional<String> kind = root.require("kind").flatMap(n -> r.string(n, "kind"));
        if (kind.isPresent() && !kind.get().equals(KIND)) {
            r.error(root.get("kind").orElseThrow(), "kind",
                    "expected " + KIND + ", got " + NodeReader.quote(kind.get()) + ": this file is not a rollout");
            return Optional.empty();
        }
        root.require("apiVersion").ifPresent(n -> r.string(n, "apiVersion").ifPresent(v -> {
            if (!v.equals(API_VERSION)) {
                r.error(n, "apiVersion", "expected " + API_VERSION + ", got " + NodeReader.quote(v));
            }
        }));
        Optional<String> name = root.require("metadata").flatMap(n -> r.map(n, "metadata")).flatMap(meta -> {
            Optional<String> value = meta.require("name").flatMap(n -> r.string(n, "metadata.name").filter(v -> {
                if (!Arns.isDnsLabel(v)) {
                    r.error(n, "metadata.name", NodeReader.quote(v) + " is not a DNS-1123 label (lower-case letters, digits and"
                            + " '-', at most 63, starting and ending with a letter or digit)");
                    return false;
                }
                return true;
            }));
            meta.get("labels").ifPresent(n -> r.map(n, "metadata.labels"));
            meta.finish();
            return value;
        });
        Optional<Rollout> rollout = root.require("spec").flatMap(n -> r.map(n, "spec"))
                .map(spec -> spec.reportMissingAt(root.keyNode("spec")))
                .flatMap(spec -> readSpec(spec, name, source));
        root.finish();
        return r.problems().isEmpty() ? rollout : Optional.empty();
    }

    private Optional<Rollout> readSpec(MapView spec, Optional<String> name, String source) {
        Optional<Target> target = spec.require("target").flatMap(n -> targets.read(n, "spec.target"));
        Optional<String> desired = target.flatMap(t -> desiredVersion(spec, t));
        if (target.isEmpty()) {
            // the target is broken: its desired-version field cannot be checked, but it is not unknown
            List.of("active", "version", "taskDefinition").forEach(spec::get);
        }
        StrategyReader steps = new StrategyReader(r);
        Optional<Strategy> strategy = spec.require("strategy").flatMap(n -> r.map(n, "spec.strategy"))
                .flatMap(s -> steps.read(s, target));
        Optional<Analysis> analysis = spec.get("analysis").flatMap(n -> new AnalysisReader(r).read(n, strategy));
        boolean analysisOk = spec.get("analysis").isEmpty() || analysis.isPresent();
        strategy.ifPresent(s -> steps.checkAnalysisStepReferences(s, spec.has("analysis"), analysis));
        Rollout.RollbackPolicy rollback = new Rollout.RollbackPolicy(spec.get("rollback")
                .flatMap(n -> r.map(n, "spec.rollback")).map(m -> {
                    boolean automatic = m.get("automatic").flatMap(n -> r.bool(n, "spec.rollback.automatic")).orElse(true);
                    m.finish();
                    return automatic;
                }).orElse(true));
        boolean suspend = spec.get("suspend").flatMap(n -> r.bool(n, "spec.suspend")).orElse(false);
        boolean abort = spec.get("abort").flatMap(n -> r.bool(n, "spec.abort")).orElse(false);
        int retry = spec.get("retry").flatMap(n -> count(n, "spec.retry", Bounds.RETRY_MIN, Bounds.RETRY_MAX)).orElse(0);
        int approved = spec.get("approvedStep").flatMap(n -> count(n, "spec.approvedStep", Bounds.APPROVED_STEP_MIN,
                Bounds.APPROVED_STEP_MAX)).orElse(0);
        Optional<Duration> deadline = spec.get("progressDeadline").flatMap(n -> r.duration(n, "spec.progressDeadline",
                Bounds.PROGRESS_DEADLINE_MIN, Bounds.PROGRESS_DEADLINE_MAX));
        boolean deadlineOk = spec.get("progressDeadline").isEmpty() || deadline.isPresent();
        Rollout.DriftPolicy drift = spec.get("driftPolicy").flatMap(n -> r.string(n, "spec.driftPolicy").flatMap(v -> {
            try {
                return Optional.of(Rollout.DriftPolicy.valueOf(v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                r.error(n, "spec.driftPolicy", "expected hold or heal, got " + NodeReader.quote(v));
                return Optional.empty();
            }
        })).orElse(Rollout.DriftPolicy.HOLD);
        Rollout.AwsScope aws = spec.get("aws").flatMap(n -> r.map(n, "spec.aws")).map(this::awsScope)
                .orElse(Rollout.AwsScope.defaults());
        if (target.isPresent()) {
            aws = regionOfArns(spec, target.get(), aws);
        }
        spec.finish();
        if (name.isEmpty() || target.isEmpty() || desired.isEmpty() || strategy.isEmpty() || !analysisOk || !deadlineOk) {
            return Optional.empty();
        }
        return Optional.of(new Rollout(name.get(), source, aws, target.get(), desired.get(), strategy.get(), analysis,
                rollback, suspend, abort, retry, approved, drift, deadline.orElse(Bounds.PROGRESS_DEADLINE_DEFAULT)));
    }

    /**
     * Calls about a resource go to the region its ARN names: the target's ARNs must agree on one region,
     * and {@code spec.aws.region}, when given, must be that region; without it, the ARNs' region is the
     * rollout's (so its checks are measured there too).
     */
    private Rollout.AwsScope regionOfArns(MapView spec, Target target, Rollout.AwsScope aws) {
        java.util.Map<String, String> regionByArn = new java.util.LinkedHashMap<>();
        for (String arn : target.arns()) {
            String[] parts = arn.split(":", 6);
            if (parts.length >= 5 && !parts[3].isEmpty()) {
                regionByArn.put(arn, parts[3]);
            }
        }
        java.util.Set<String> regions = new java.util.LinkedHashSet<>(regionByArn.values());
        if (regions.size() > 1) {
            r.error(spec.get("target").orElseThrow(), "spec.target", "the target's ARNs are in " + regions.size()
                    + " regions (" + String.join(", ", regions) + "); one rollout's resources are in one region");
            return aws;
        }
        if (regions.isEmpty()) {
            return aws;
        }
        String region = regions.iterator().next();
        Optional<String> roleAccount = aws.roleArn().map(a -> a.split(":", 6)).filter(p -> p.length >= 5).map(p -> p[4]);
        java.util.Set<String> accounts = new java.util.LinkedHashSet<>();
        regionByArn.keySet().forEach(arn -> accounts.add(arn.split(":", 6)[4]));
        if (roleAccount.isPresent() && !accounts.isEmpty() && !accounts.equals(java.util.Set.of(roleAccount.get()))) {
            r.error(spec.get("aws").orElseThrow(), "spec.aws.roleArn", "the role is in account " + roleAccount.get()
                    + " but the target's ARNs are in " + String.join(", ", accounts)
                    + "; assume a role of the account that owns them");
            return aws;
        }
        if (aws.region().isPresent() && !aws.region().get().equals(region)) {
            // a region was read, so spec.aws is a mapping holding it: report at its value
            Node regionNode = spec.get("aws").flatMap(n -> r.map(n, "spec.aws")).flatMap(m -> m.get("region")).orElseThrow();
            r.error(regionNode, "spec.aws.region", NodeReader.quote(aws.region().get())
                    + " contradicts the target's ARNs, which are in " + region + "; remove spec.aws.region or make it "
                    + region);
            return aws;
        }
        return new Rollout.AwsScope(Optional.of(region), aws.roleArn());
    }

    private Rollout.AwsScope awsScope(MapView m) {
        Optional<String> region = m.get("region").flatMap(n -> r.string(n, "spec.aws.region").filter(v -> {
            if (!Arns.isRegion(v)) {
                r.error(n, "spec.aws.region", NodeReader.quote(v) + " is not a region such as us-east-1");
                return false;
            }
            return true;
        }));
        Optional<String> role = m.get("roleArn").flatMap(n -> r.string(n, "spec.aws.roleArn").filter(v -> {
            Optional<String> problem = Arns.problem(v.replaceFirst("^(arn:[^:]+:iam:):", "$1us-east-1:"), "iam",
                    "role/", "an IAM role");
            problem.ifPresent(p -> r.error(n, "spec.aws.roleArn", p));
            return problem.isEmpty();
        }));
        m.finish();
        return new Rollout.AwsScope(region, role);
    }

    /** The field that names the desired version depends on the target kind. */
    private Optional<String> desiredVersion(MapView spec, Target target) {
        String field = switch (target.kind()) {
            case LAMBDA -> "version";
            case ECS -> "taskDefinition";
            case ALB, ROUTE53 -> "active";
        };
        for (String other : List.of("active", "version", "taskDefinition")) {
            if (!other.equals(field) && spec.has(other)) {
                spec.get(other);
                r.error(spec.keyNode(other).orElseThrow(), "spec." + other,
                        "not used by a " + target.kind() + " target; set spec." + field + " instead");
            }
        }
        Optional<Node> node = spec.require(field);
        return node.flatMap(n -> r.string(n, "spec." + field)).filter(v -> targets.checkDesired(target, v,
                node.get(), "spec." + field));
    }

    private Optional<Integer> count(Node n, String field, int min, int max) {
        return r.integer(n, field, min, max, v -> "must be " + min + " or more, got " + v,
                v -> "must be at most " + max + ", got " + v);
    }
}
