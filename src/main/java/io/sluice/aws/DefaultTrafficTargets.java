package io.sluice.aws;

import io.sluice.model.Rollout;
import io.sluice.plan.Split;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TrafficTargets} over the AWS SDK: rollouts grouped by target kind (and by region inside each
 * adapter, so that reads batch), each kind to its adapter. An adapter that breaks unexpectedly fails
 * its own rollouts only.
 */
public final class DefaultTrafficTargets implements TrafficTargets {
    private final Map<String, TargetAdapter> adapters = new LinkedHashMap<>();

    public DefaultTrafficTargets(AwsClients clients) {
        AlbTraffic alb = new AlbTraffic(clients);
        adapters.put("alb", alb);
        adapters.put("lambda", new LambdaTraffic(clients));
        adapters.put("route53", new Route53Traffic(clients));
        adapters.put("ecs", new EcsTraffic(clients, alb));
    }

    @Override
    public Map<String, Observation> observe(Collection<Rollout> rollouts) {
        Map<String, List<Rollout>> byKind = new LinkedHashMap<>();
        rollouts.forEach(r -> byKind.computeIfAbsent(r.target().kind(), k -> new ArrayList<>()).add(r));
        Map<String, Observation> out = new LinkedHashMap<>();
        byKind.forEach((kind, group) -> {
            try {
                out.putAll(adapter(kind).observe(group));
            } catch (RuntimeException e) {
                TargetFailure failure = e instanceof TargetFailure f ? f : new TargetFailure(
                        TargetFailure.Kind.UNAVAILABLE, "", "observing " + kind + " targets failed: " + e, e);
                group.forEach(r -> out.put(r.name(), new Observation.Failed(failure)));
            }
        });
        return out;
    }

    @Override
    public void apply(Rollout rollout, Split split) {
        adapter(rollout.target().kind()).apply(rollout, split);
    }

    @Override
    public void deploy(Rollout rollout, String side, String revision) {
        adapter(rollout.target().kind()).deploy(rollout, side, revision);
    }

    private TargetAdapter adapter(String kind) {
        TargetAdapter adapter = adapters.get(kind);
        if (adapter == null) {
            throw new IllegalArgumentException("no traffic adapter for target kind " + kind);
        }
        return adapter;
    }
}
