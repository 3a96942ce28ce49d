package io.sluice.aws;

import io.sluice.aws.quota.CallPriority;
import io.sluice.model.Rollout;
import io.sluice.plan.Split;
import java.util.ArrayList;
import java.util.Collection;
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

    private final Map<String, TargetAdapter> adapters = new LinkedHashMap<>();
    private final ThreadPoolExecutor observers = new ThreadPoolExecutor(OBSERVERS, OBSERVERS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "sluice-observe");
                t.setDaemon(true);
                return t;
            });

    private record Group(String kind, Rollout.AwsScope scope) {
    }

    public DefaultTrafficTargets(AwsClients clients) {
        AlbTraffic alb = new AlbTraffic(clients);
        adapters.put("alb", alb);
        adapters.put("lambda", new LambdaTraffic(clients));
        adapters.put("route53", new Route53Traffic(clients));
        adapters.put("ecs", new EcsTraffic(clients, alb));
        observers.allowCoreThreadTimeOut(true);
    }

    @Override
    public Map<String, Observation> observe(Collection<Rollout> rollouts) {
        Map<Group, List<Rollout>> groups = new LinkedHashMap<>();
        rollouts.forEach(r -> groups.computeIfAbsent(new Group(r.target().kind(), r.aws()), k -> new ArrayList<>()).add(r));
        Map<String, Observation> seen = new ConcurrentHashMap<>();
        CallPriority.Level level = CallPriority.current();
        List<Future<?>> running = new ArrayList<>();
        groups.forEach((group, members) -> running.add(observers.submit(() -> {
            try (var priority = CallPriority.at(level)) {
                seen.putAll(observeGroup(group.kind(), members));
            }
        })));
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

    private Map<String, Observation> observeGroup(String kind, List<Rollout> group) {
        try {
            return adapter(kind).observe(group);
        } catch (RuntimeException e) {
            TargetFailure failure = e instanceof TargetFailure f ? f : new TargetFailure(
                    TargetFailure.Kind.UNAVAILABLE, "", "observing " + kind + " targets failed: " + e, e);
            Map<String, Observation> out = new LinkedHashMap<>();
            group.forEach(r -> out.put(r.name(), new Observation.Failed(failure)));
            return out;
        }
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
