package io.sluice.aws.lambda;

import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsFailures;
import io.sluice.aws.Percentages;
import io.sluice.aws.TargetAdapter;
import io.sluice.model.Rollout;
import io.sluice.model.Target;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.Urgency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda: an alias's primary {@code FunctionVersion} plus at most one additional version at a
 * fraction. Every write is an UpdateAlias fenced by the RevisionId of the GetAlias just before it,
 * with {@code RoutingConfig} always sent (empty to clear); a 412 means someone else changed the alias
 * and comes back as CONFLICT for the loop to re-observe, never as a blind retry.
 */
public final class LambdaTraffic implements TargetAdapter {
    private final AwsClients clients;

    public LambdaTraffic(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Map<String, Observation> observe(List<Rollout> rollouts, Urgency urgency) {
        return TargetAdapter.eachAlone(rollouts, r -> observe(r, urgency));
    }

    private Observed observe(Rollout r, Urgency urgency) {
        Target.Lambda target = (Target.Lambda) r.target();
        LambdaClient lambda = clients.lambda(r.aws(), urgency);
        GetAliasResponse alias = getAlias(lambda, r, target);
        Map<String, Integer> weights = weights(alias);
        Map<String, String> versions = new LinkedHashMap<>();
        weights.keySet().forEach(v -> versions.put(v, v));
        // a version the alias already routes to is published; only ask about one it does not
        Observed.Readiness readiness = weights.containsKey(r.desiredVersion()) ? Observed.READY
                : published(lambda, target, r.desiredVersion());
        return new Observed(weights, versions, Observed.SETTLED, readiness);
    }

    /** Percent per version: the additional version's fraction, the primary the rest. */
    static Map<String, Integer> weights(GetAliasResponse alias) {
        Map<String, Long> shares = new LinkedHashMap<>();
        Map<String, Double> additional = alias.routingConfig() == null || !alias.routingConfig().hasAdditionalVersionWeights()
                ? Map.of() : alias.routingConfig().additionalVersionWeights();
        double others = additional.values().stream().mapToDouble(Double::doubleValue).sum();
        // thousandths of a percent keep 0.1 = 10% exact through the largest-remainder rounding
        shares.put(alias.functionVersion(), Math.round((1.0 - others) * 100_000));
        additional.forEach((v, w) -> shares.merge(v, Math.round(w * 100_000), Long::sum));
        return Percentages.byRatio(shares);
    }

    private Observed.Readiness published(LambdaClient lambda, Target.Lambda target, String version) {
        try {
            lambda.getFunctionConfiguration(q -> q.functionName(target.functionName()).qualifier(version));
            return Observed.READY;
        } catch (ResourceNotFoundException e) {
            return new Observed.NotReady("version " + version + " is not published");
        } catch (SdkException e) {
            throw AwsFailures.of(e, "GetFunctionConfiguration " + target.functionName() + ":" + version);
        }
    }

    @Override
    public void apply(Rollout rollout, Split split, Urgency urgency) {
        Target.Lambda target = (Target.Lambda) rollout.target();
        if (split.stable().equals(split.canary())) {
            throw AwsFailures.invalid(rollout.name() + ": stable and canary are both version " + split.stable());
        }
        LambdaClient lambda = clients.lambda(rollout.aws(), urgency);
        String primary = split.canaryPercent() == 100 ? split.canary() : split.stable();
        Map<String, Double> additional = split.canaryPercent() == 0 || split.canaryPercent() == 100 ? Map.of()
                : Map.of(split.canary(), split.canaryPercent() / 100.0);
        if (split.canaryPercent() == 0) {
            // a rollback writes the whole alias and needs no read: all on the stable version is right
            // whatever the alias holds now, so it is not fenced by a RevisionId that may have moved
            try {
                lambda.updateAlias(u -> u.functionName(target.functionName()).name(target.alias())
                        .functionVersion(primary)
                        .routingConfig(AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of()).build()));
            } catch (SdkException e) {
                throw AwsFailures.of(e, rollout.name() + ": UpdateAlias " + target.functionName() + ":" + target.alias()
                        + " to " + split);
            }
            return;
        }
        GetAliasResponse alias = getAlias(lambda, rollout, target);
        Map<String, Double> now = alias.routingConfig() == null ? Map.of() : alias.routingConfig().additionalVersionWeights();
        if (primary.equals(alias.functionVersion()) && additional.equals(now)) {
            return;
        }
        try {
            lambda.updateAlias(u -> u.functionName(target.functionName()).name(target.alias())
                    .functionVersion(primary)
                    .routingConfig(AliasRoutingConfiguration.builder().additionalVersionWeights(additional).build())
                    .revisionId(alias.revisionId()));
        } catch (SdkException e) {
            throw AwsFailures.of(e, rollout.name() + ": UpdateAlias " + target.functionName() + ":" + target.alias()
                    + " to " + split + " (revision " + alias.revisionId() + ")");
        }
    }

    private static GetAliasResponse getAlias(LambdaClient lambda, Rollout r, Target.Lambda target) {
        try {
            return lambda.getAlias(q -> q.functionName(target.functionName()).name(target.alias()));
        } catch (SdkException e) {
            throw AwsFailures.of(e, r.name() + ": GetAlias " + target.functionName() + ":" + target.alias());
        }
    }
}
