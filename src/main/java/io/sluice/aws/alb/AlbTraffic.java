package io.sluice.aws.alb;

import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsFailures;
import io.sluice.aws.Batches;
import io.sluice.aws.Fetched;
import io.sluice.aws.Percentages;
import io.sluice.aws.TargetAdapter;
import io.sluice.model.Rollout;
import io.sluice.model.Target;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * ALB: a weighted forward between a rollout's two target groups on a listener's default action
 * (ModifyListener) or one rule (ModifyRule). Reads are batched per region: listeners, rules and tags
 * by up to 20 ARNs a call, target health once per group.
 *
 * <p>The forward each rollout was last seen with (or last given) is kept, and a shift or rollback
 * writes its weights into it instead of reading it again: a rollback needs no Describe call at all,
 * whoever else drains the account's Describe bucket, even on a pass whose own read was throttled.
 * Each group's deregistration delay is read at most once per group per pass.
 */
public final class AlbTraffic implements TargetAdapter {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AlbTraffic.class);
    /** The largest weight an ALB forward takes. */
    public static final int MAX_WEIGHT = AlbForward.MAX_WEIGHT;
    static final String DRAIN_ATTRIBUTE = "deregistration_delay.timeout_seconds";
    private static final int ARNS_PER_CALL = 20;

    private final AwsClients clients;
    /** By listener or rule ARN: the forward as last read or written. */
    private final Map<String, SeenForward> seenForwards = new ConcurrentHashMap<>();
    /** By target group ARN: its deregistration delay as read or written since its rollout was last observed. */
    private final Map<String, String> drainDelays = new ConcurrentHashMap<>();

    private record SeenForward(Optional<Rule> rule, List<Action> actions) {
    }

    public AlbTraffic(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Map<String, Observation> observe(List<Rollout> rollouts, Urgency urgency) {
        return observeSides(rollouts, r -> Optional.of(r.desiredVersion()), true, urgency);
    }

    /**
     * The forwards of these rollouts with weights by side name (and by ARN for a group that is not the
     * rollout's), the health of {@code canarySide} while it takes no traffic (none read when it is
     * empty), and the groups' {@code version} tags when {@code versionTags}.
     */
    public Map<String, Observation> observeSides(List<Rollout> rollouts, Function<Rollout, Optional<String>> canarySide,
            boolean versionTags, Urgency urgency) {
        Map<String, Observation> out = new LinkedHashMap<>();
        rollouts.stream().collect(Collectors.groupingBy(Rollout::aws, LinkedHashMap::new, Collectors.toList()))
                .forEach((scope, group) -> out.putAll(observeScope(clients.elb(scope, urgency), group, canarySide, versionTags)));
        return out;
    }

    private Map<String, Observation> observeScope(ElasticLoadBalancingV2Client elb, List<Rollout> rollouts,
            Function<Rollout, Optional<String>> canarySide, boolean readTags) {
        // a delay is read again every pass: someone may have changed it
        for (Rollout r : rollouts) {
            Target.Alb alb = alb(r);
            drainDelays.remove(alb.targetGroups().firstValue());
            drainDelays.remove(alb.targetGroups().secondValue());
        }
        Map<String, Fetched<List<Action>>> listeners = Batches.fetch(rollouts.stream().map(AlbTraffic::alb)
                .filter(a -> a.ruleArn().isEmpty()).map(Target.Alb::listenerArn).toList(), ARNS_PER_CALL,
                arns -> describeListeners(elb, arns), "DescribeListeners");
        Map<String, Fetched<Rule>> rules = Batches.fetch(rollouts.stream().map(AlbTraffic::alb)
                .flatMap(a -> a.ruleArn().stream()).toList(), ARNS_PER_CALL,
                arns -> describeRules(elb, arns), "DescribeRules");
        Map<String, Observation> out = new LinkedHashMap<>();
        Map<Rollout, AlbForward> forwards = new LinkedHashMap<>();
        Map<Rollout, Optional<String>> canaryGroups = new LinkedHashMap<>();
        for (Rollout r : rollouts) {
            try {
                Target.Alb alb = alb(r);
                Optional<Rule> rule = alb.ruleArn().map(arn -> rules.get(arn).get());
                List<Action> actions = rule.isPresent() ? rule.get().actions() : listeners.get(alb.listenerArn()).get();
                Optional<String> side = canarySide.apply(r);
                canaryGroups.put(r, side.map(c -> alb.targetGroups().valueOf(c).orElseThrow(() -> notASide(r, c))));
                forwards.put(r, forwardOf(alb, actions));
                seenForwards.put(alb.ruleArn().orElse(alb.listenerArn()), new SeenForward(rule, actions));
            } catch (TargetFailure f) {
                out.put(r.name(), new Observation.Failed(f));
            }
        }
        List<String> groups = new ArrayList<>();
        forwards.keySet().forEach(r -> {
            groups.add(alb(r).targetGroups().firstValue());
            groups.add(alb(r).targetGroups().secondValue());
        });
        Map<String, Fetched<String>> versions = readTags
                ? Batches.fetch(groups, ARNS_PER_CALL, arns -> versionTags(elb, arns), "DescribeTags") : Map.of();
        // readiness gates a start only: a desired side that already takes traffic needs no health read, which
        // keeps a pass to the listener, rule and tag reads shared by many rollouts, moving or at rest
        Map<String, Fetched<List<TargetHealthDescription>>> health = Batches.fetch(
                forwards.entrySet().stream().flatMap(e -> canaryGroups.get(e.getKey()).stream()
                        .filter(arn -> e.getValue().percents().getOrDefault(arn, 0) == 0)).toList(), 1,
                arns -> Map.of(arns.get(0), elb.describeTargetHealth(q -> q.targetGroupArn(arns.get(0)))
                        .targetHealthDescriptions()), "DescribeTargetHealth");
        forwards.forEach((r, forward) -> {
            try {
                out.put(r.name(), new Observation.Seen(observed(r, forward, canarySide.apply(r), versions,
                        canaryGroups.get(r).map(health::get))));
            } catch (TargetFailure f) {
                out.put(r.name(), new Observation.Failed(f));
            }
        });
        return out;
    }

    private static Observed observed(Rollout r, AlbForward forward, Optional<String> canarySide,
            Map<String, Fetched<String>> versionTags, Optional<Fetched<List<TargetHealthDescription>>> canaryHealth) {
        Target.Sides sides = alb(r).targetGroups();
        Map<String, Integer> percents = forward.percents();
        Map<String, Integer> weights = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        for (String side : List.of(sides.first(), sides.second())) {
            String arn = sides.valueOf(side).orElseThrow();
            weights.put(side, percents.getOrDefault(arn, 0));
            String tag = versionTags.containsKey(arn) ? versionTags.get(arn).get() : "";
            versions.put(side, tag.isEmpty() ? side : tag);
        }
        // a group that is not the rollout's but takes traffic is shown, so the planner sees the drift
        percents.forEach((arn, p) -> {
            if (p > 0 && !arn.equals(sides.firstValue()) && !arn.equals(sides.secondValue())) {
                weights.put(arn, p);
            }
        });
        Observed.Readiness readiness = canaryHealth.isEmpty() ? Observed.READY
                : TargetHealthSummary.readiness(canarySide.orElseThrow(), canaryHealth.get().get());
        return new Observed(weights, versions, Observed.SETTLED, readiness);
    }

    @Override
    public void apply(Rollout rollout, Split split, Urgency urgency) {
        Target.Alb alb = alb(rollout);
        Target.Sides sides = alb.targetGroups();
        String stableArn = sides.valueOf(split.stable()).orElseThrow(() -> notASide(rollout, split.stable()));
        String canaryArn = sides.valueOf(split.canary()).orElseThrow(() -> notASide(rollout, split.canary()));
        if (stableArn.equals(canaryArn)) {
            throw AwsFailures.invalid(rollout.name() + ": stable and canary are both " + split.stable());
        }
        ElasticLoadBalancingV2Client elb = clients.elb(rollout.aws(), urgency);
        // the forward as last read or written; ModifyListener replaces the actions whole either way
        String forwardArn = alb.ruleArn().orElse(alb.listenerArn());
        SeenForward seen = seenForwards.get(forwardArn);
        if (seen == null) {
            seen = readForward(elb, rollout, alb);
        }
        Optional<Rule> rule = seen.rule();
        List<Action> actions = seen.actions();
        AlbForward forward = forwardOf(alb, actions);
        int canaryWeight = Percentages.toWeight(split.canaryPercent(), AlbForward.MAX_WEIGHT);
        Map<String, Integer> awsWeights = new LinkedHashMap<>();
        awsWeights.put(sides.firstValue(), sides.firstValue().equals(canaryArn) ? canaryWeight
                : AlbForward.MAX_WEIGHT - canaryWeight);
        awsWeights.put(sides.secondValue(), sides.secondValue().equals(canaryArn) ? canaryWeight
                : AlbForward.MAX_WEIGHT - canaryWeight);
        Optional<TargetGroupStickinessConfig> stickiness = alb.stickiness().map(d -> TargetGroupStickinessConfig
                .builder().enabled(true).durationSeconds((int) d.getSeconds()).build());
        List<Action> desired = forward.withWeights(awsWeights, stickiness);
        if (desired.equals(actions)) {
            return;
        }
        Map<String, Integer> current = forward.percents();
        try {
            // the default rule cannot be changed with ModifyRule (OperationNotPermitted): its actions are the listener's
            if (rule.isPresent() && !Boolean.TRUE.equals(rule.get().isDefault())) {
                elb.modifyRule(m -> m.ruleArn(alb.ruleArn().get()).actions(desired));
            } else {
                elb.modifyListener(m -> m.listenerArn(alb.listenerArn()).defaultActions(desired));
            }
        } catch (SdkException e) {
            throw AwsFailures.of(e, rollout.name() + ": setting " + split + " on " + (rule.isPresent()
                    ? alb.ruleArn().get() : alb.listenerArn()));
        }
        seenForwards.put(forwardArn, new SeenForward(rule, desired));
        // after the weights, not before: the delay matters only once targets are deregistered, and a
        // rollback must not wait for a Describe call first
        String retiring = split.canaryPercent() == 0 ? canaryArn : split.canaryPercent() == 100 ? stableArn : null;
        if (retiring != null && alb.drainSeconds().isPresent() && current.getOrDefault(retiring, 0) > 0) {
            try {
                setDrain(elb, rollout, retiring, alb.drainSeconds().get());
            } catch (TargetFailure f) {
                // the weights are written: the split took effect, only the drain delay stays as it was
                LOG.warnf("rollout=%s the weights are set, but the drain delay was not: %s", rollout.name(), f.getMessage());
            }
        }
    }

    private static SeenForward readForward(ElasticLoadBalancingV2Client elb, Rollout rollout, Target.Alb alb) {
        try {
            if (alb.ruleArn().isPresent()) {
                Rule rule = describeRules(elb, List.of(alb.ruleArn().get())).values().stream().findFirst()
                        .orElseThrow(() -> AwsFailures.notFound("rule " + alb.ruleArn().get() + " not found"));
                return new SeenForward(Optional.of(rule), rule.actions());
            }
            return new SeenForward(Optional.empty(), describeListeners(elb, List.of(alb.listenerArn())).values().stream()
                    .findFirst().orElseThrow(() -> AwsFailures.notFound("listener " + alb.listenerArn() + " not found")));
        } catch (SdkException e) {
            throw AwsFailures.of(e, rollout.name() + ": reading the forward");
        }
    }

    private void setDrain(ElasticLoadBalancingV2Client elb, Rollout rollout, String group, int seconds) {
        String wanted = Integer.toString(seconds);
        try {
            String now = drainDelays.get(group);
            if (now == null) {
                now = elb.describeTargetGroupAttributes(q -> q.targetGroupArn(group)).attributes().stream()
                        .filter(a -> DRAIN_ATTRIBUTE.equals(a.key())).map(TargetGroupAttribute::value).findFirst()
                        .orElse("");
                drainDelays.put(group, now);
            }
            if (!now.equals(wanted)) {
                elb.modifyTargetGroupAttributes(m -> m.targetGroupArn(group).attributes(TargetGroupAttribute.builder()
                        .key(DRAIN_ATTRIBUTE).value(wanted).build()));
                drainDelays.put(group, wanted);
            }
        } catch (SdkException e) {
            throw AwsFailures.of(e, rollout.name() + ": setting " + DRAIN_ATTRIBUTE + " of " + group);
        }
    }

    private static AlbForward forwardOf(Target.Alb alb, List<Action> actions) {
        String where = alb.ruleArn().map(r -> "rule " + r).orElse("listener " + alb.listenerArn() + " default action");
        return AlbForward.of(actions).orElseThrow(() -> AwsFailures.invalid(where + " has no forward action to weight: "
                + AlbForward.describe(actions)));
    }

    private static Map<String, List<Action>> describeListeners(ElasticLoadBalancingV2Client elb, List<String> arns) {
        Map<String, List<Action>> out = new LinkedHashMap<>();
        elb.describeListeners(q -> q.listenerArns(arns)).listeners()
                .forEach(l -> out.put(l.listenerArn(), l.defaultActions()));
        return out;
    }

    private static Map<String, Rule> describeRules(ElasticLoadBalancingV2Client elb, List<String> arns) {
        Map<String, Rule> out = new LinkedHashMap<>();
        elb.describeRules(q -> q.ruleArns(arns)).rules().forEach(r -> out.put(r.ruleArn(), r));
        return out;
    }

    /** The {@code version} tag of each group, "" when it has none. */
    private static Map<String, String> versionTags(ElasticLoadBalancingV2Client elb, List<String> arns) {
        Map<String, String> out = new LinkedHashMap<>();
        elb.describeTags(q -> q.resourceArns(arns)).tagDescriptions().forEach(d -> out.put(d.resourceArn(),
                d.tags().stream().filter(t -> "version".equals(t.key())).map(Tag::value).findFirst().orElse("")));
        return out;
    }

    private static TargetFailure notASide(Rollout r, String side) {
        Target.Sides s = alb(r).targetGroups();
        return AwsFailures.invalid(r.name() + ": '" + side + "' is neither " + s.first() + " nor " + s.second());
    }

    static Target.Alb alb(Rollout r) {
        if (r.target() instanceof Target.Alb a) {
            return a;
        }
        if (r.target() instanceof Target.Ecs e && e.alb().isPresent()) {
            return e.alb().get();
        }
        throw new IllegalArgumentException(r.name() + " has no ALB target");
    }
}
