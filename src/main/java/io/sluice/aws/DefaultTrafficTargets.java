package io.sluice.aws;

import io.sluice.aws.alb.AlbTraffic;
import io.sluice.aws.ecs.EcsTraffic;
import io.sluice.aws.lambda.LambdaTraffic;
import io.sluice.aws.route53.Route53Traffic;
import io.sluice.model.Rollout;
import io.sluice.model.Target;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.TrafficTargets;
import io.sluice.traffic.Urgency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link TrafficTargets} over the AWS SDK: rollouts grouped by target kind and AWS scope (region and
 * role), each group to its kind's adapter, which batches its reads. The groups are observed side by
 * side: their quota buckets are independent, so a pass lasts as long as its slowest bucket rather
 * than the sum of all of them. An adapter that breaks unexpectedly fails its own rollouts only.
 */
public final class DefaultTrafficTargets implements TrafficTargets {
    private static final int OBSERVERS = 8;

    private final Map<Target.Kind, TargetAdapter> adapters = new EnumMap<>(Target.Kind.class);
    private final ThreadPoolExecutor observers = new ThreadPoolExecutor(OBSERVERS, OBSERVERS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "sluice-observe");
                t.setDaemon(true);
                return t;
            });

    private record Group(Target.Kind kind, Rollout.AwsScope scope) {
    }

    public DefaultTrafficTargets(AwsClients clients) {
        AlbTraffic alb = new AlbTraffic(clients);
        for (Target.Kind kind : Target.Kind.values()) {
            adapters.put(kind, switch (kind) {
                case ALB -> alb;
                case LAMBDA -> new LambdaTraffic(clients);
                case ROUTE53 -> new Route53Traffic(clients);
                case ECS -> new EcsTraffic(clients, alb);
            });
        }
        observers.allowCoreThreadTimeOut(true);
    }

    @Override
    public Map<String, Observation> observe(Collection<Rollout> rollouts, Urgency urgency) {
        Map<Group, List<Rollout>> groups = new LinkedHashMap<>();
        rollouts.forEach(r -> groups.computeIfAbsent(new Group(r.target().kind(), r.aws()), k -> new ArrayList<>()).add(r));
        Map<String, Observation> seen = new ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        groups.forEach((group, members) -> running.add(observers.submit(
                () -> seen.putAll(observeGroup(group.kind(), members, urgency)))));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while observing targets", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("observing targets failed", e.getCause());
            }
        }
        Map<String, Observation> out = new LinkedHashMap<>();
        rollouts.forEach(r -> {
            if (seen.containsKey(r.name())) {
                out.put(r.name(), seen.get(r.name()));
            }
        });
        return out;
    }

    private Map<String, Observation> observeGroup(Target.Kind kind, List<Rollout> group, Urgency urgency) {
        try {
            return adapters.get(kind).observe(group, urgency);
        } catch (RuntimeException e) {
            TargetFailure failure = e instanceof TargetFailure f ? f : new TargetFailure(
                    TargetFailure.Kind.UNAVAILABLE, "", "observing " + kind + " targets failed: " + e, e);
            Map<String, Observation> out = new LinkedHashMap<>();
            group.forEach(r -> out.put(r.name(), new Observation.Failed(failure)));
            return out;
        }
    }

    @Override
    public void apply(Rollout rollout, Split split, Urgency urgency) {
        adapters.get(rollout.target().kind()).apply(rollout, split, urgency);
    }

    @Override
    public void deploy(Rollout rollout, String side, String revision) {
        adapters.get(rollout.target().kind()).deploy(rollout, side, revision);
    }
}
