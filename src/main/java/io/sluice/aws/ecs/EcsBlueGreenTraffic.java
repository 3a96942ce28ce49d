package io.sluice.aws.ecs;

import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsFailures;
import io.sluice.aws.Batches;
import io.sluice.aws.Fetched;
import io.sluice.aws.alb.AlbTraffic;
import io.sluice.model.Rollout;
import io.sluice.model.Target;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS blue/green: two services of one cluster, each behind its own target group of one ALB forward.
 * The versions are the task definitions the services run, weighted by their target groups' share of
 * the forward. The idle service (no traffic) is given the new revision with UpdateService; the
 * weights then move on the ALB exactly as for an {@code alb} target. DescribeServices is batched by
 * up to 10 services per cluster, the ALB reads as {@link AlbTraffic} batches them.
 */
final class EcsBlueGreenTraffic {
    private static final int SERVICES_PER_CALL = 10;

    private final AwsClients clients;
    private final AlbTraffic alb;
    private final TaskDefinitions taskDefinitions;
    /** The side each revision ran on when last observed, by rollout: a rollback moves traffic with no ECS read. */
    private final Map<String, Map<String, String>> lastSides = new java.util.concurrent.ConcurrentHashMap<>();

    EcsBlueGreenTraffic(AwsClients clients, AlbTraffic alb, TaskDefinitions taskDefinitions) {
        this.clients = clients;
        this.alb = alb;
        this.taskDefinitions = taskDefinitions;
    }

    private record ClusterKey(Rollout.AwsScope scope, String cluster) {
    }

    /** Both services of a rollout as ECS describes them, by side name. */
    private record Pair(Target.Sides sides, Map<String, Service> bySide) {
        String revisionOf(String side) {
            return EcsTraffic.revision(bySide.get(side).taskDefinition());
        }

        /** The side whose service runs {@code revision}, or is deploying or rolling back from it. */
        Optional<String> sideRunning(String revision) {
            for (String side : List.of(sides.first(), sides.second())) {
                if (revisionOf(side).equals(revision)) {
                    return Optional.of(side);
                }
            }
            for (String side : List.of(sides.first(), sides.second())) {
                if (bySide.get(side).deployments().stream()
                        .anyMatch(d -> EcsTraffic.revision(d.taskDefinition()).equals(revision))) {
                    return Optional.of(side);
                }
            }
            return Optional.empty();
        }
    }

    Map<String, Observation> observe(List<Rollout> rollouts, Urgency urgency) {
        Map<String, Observation> out = new LinkedHashMap<>();
        Map<Rollout, Pair> pairs = new LinkedHashMap<>();
        rollouts.stream().collect(Collectors.groupingBy(r -> new ClusterKey(r.aws(), ecs(r).cluster()), LinkedHashMap::new,
                Collectors.toList())).forEach((key, group) -> {
                    EcsClient client = clients.ecs(key.scope(), urgency);
                    Map<String, Fetched<Service>> services = Batches.fetch(group.stream()
                            .flatMap(r -> List.of(services(r).firstValue(), services(r).secondValue()).stream()).toList(),
                            SERVICES_PER_CALL, names -> EcsTraffic.describe(client, key.cluster(), names),
                            "DescribeServices " + key.cluster());
                    for (Rollout r : group) {
                        try {
                            pairs.put(r, pair(r, services));
                        } catch (TargetFailure f) {
                            out.put(r.name(), new Observation.Failed(f));
                        }
                    }
                });
        Map<String, Observation> forwards = alb.observeSides(List.copyOf(pairs.keySet()),
                r -> pairs.get(r).sideRunning(r.desiredVersion()), false, urgency);
        pairs.forEach((r, pair) -> {
            Observation forward = forwards.get(r.name());
            try {
                out.put(r.name(), forward instanceof Observation.Seen seen
                        ? new Observation.Seen(observed(r, pair, seen.observed(), urgency)) : forward);
            } catch (TargetFailure f) {
                out.put(r.name(), new Observation.Failed(f));
            }
        });
        return out;
    }

    private static Pair pair(Rollout r, Map<String, Fetched<Service>> services) {
        Target.Sides sides = services(r);
        Map<String, Service> bySide = new LinkedHashMap<>();
        bySide.put(sides.first(), services.get(sides.firstValue()).get());
        bySide.put(sides.second(), services.get(sides.secondValue()).get());
        bySide.values().forEach(s -> ownTraffic(r, s));
        return new Pair(sides, bySide);
    }

    /**
     * A service whose deployments move listener weights themselves (CodeDeploy, an external controller,
     * ECS's own BLUE_GREEN, LINEAR or CANARY) would be fought over: refused, never co-managed.
     */
    private static void ownTraffic(Rollout r, Service s) {
        String controller = s.deploymentController() == null || s.deploymentController().type() == null ? "ECS"
                : s.deploymentController().typeAsString();
        String strategy = s.deploymentConfiguration() == null || s.deploymentConfiguration().strategy() == null
                ? "ROLLING" : s.deploymentConfiguration().strategyAsString();
        if (!controller.equals("ECS") || !strategy.equals("ROLLING")) {
            throw AwsFailures.invalid(r.name() + ": service " + s.serviceName() + " deploys with "
                    + (controller.equals("ECS") ? "the ECS " + strategy + " strategy" : "the " + controller + " controller")
                    + ", which moves listener weights itself; blue/green needs two services with rolling updates and the"
                    + " ECS controller");
        }
    }

    /** {@code forward}'s weights are by side; the planner's are by the revision each side runs. */
    private Observed observed(Rollout r, Pair pair, Observed forward, Urgency urgency) {
        Target.Sides sides = pair.sides();
        Map<String, Integer> weights = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, String> trafficSides = new LinkedHashMap<>();
        for (String side : List.of(sides.first(), sides.second())) {
            String revision = pair.revisionOf(side);
            weights.merge(revision, forward.weightOf(side), Integer::sum);
            versions.merge(revision, side, (a, b) -> a + " and " + b);
            trafficSides.putIfAbsent(revision, side);
        }
        // a group that is not the rollout's but takes traffic stays visible by ARN: the planner sees the drift
        forward.weights().forEach((id, percent) -> {
            if (sides.valueOf(id).isEmpty()) {
                weights.put(id, percent);
            }
        });
        String desired = r.desiredVersion();
        Optional<String> canarySide = pair.sideRunning(desired);
        canarySide.ifPresent(side -> {
            trafficSides.put(desired, side);
            versions.putIfAbsent(desired, side);
        });
        Observed.Settlement settlement = canarySide.map(side -> settlement(pair, side)).orElse(Observed.SETTLED);
        Observed.Readiness readiness = canarySide.isPresent()
                ? readiness(pair, canarySide.get(), settlement, forward.canaryReadiness())
                : undeployed(r, pair, forward, urgency);
        Map<String, String> sideOf = new LinkedHashMap<>();
        for (String side : List.of(sides.first(), sides.second())) {
            sideOf.putIfAbsent(pair.revisionOf(side), side);
        }
        lastSides.put(r.name(), sideOf);
        return new Observed(weights, versions, settlement, readiness, trafficSides);
    }

    private static Observed.Settlement settlement(Pair pair, String side) {
        Service service = pair.bySide().get(side);
        Observed.Settlement s = EcsTraffic.settlement(service);
        if (s instanceof Observed.Failed f) {
            return new Observed.Failed(service.serviceName() + ": " + f.reason());
        }
        return s instanceof Observed.InProgress p ? new Observed.InProgress(service.serviceName() + ": " + p.what()) : s;
    }

    /** Ready once the service is steady on the revision and its target group is healthy. */
    private static Observed.Readiness readiness(Pair pair, String side, Observed.Settlement settlement,
            Observed.Readiness targetHealth) {
        if (settlement instanceof Observed.Failed f) {
            return new Observed.NotReady(f.reason());
        }
        if (settlement instanceof Observed.InProgress p) {
            return new Observed.NotReady(p.what());
        }
        return targetHealth;
    }

    /** The new revision runs nowhere: name the service that takes no traffic, if one does not. */
    private Observed.Readiness undeployed(Rollout r, Pair pair, Observed forward, Urgency urgency) {
        Target.Sides sides = pair.sides();
        int first = forward.weightOf(sides.first());
        int second = forward.weightOf(sides.second());
        if (first > 0 && second > 0) {
            return new Observed.NotReady("neither service is idle (" + sides.first() + " " + first + "%, " + sides.second()
                    + " " + second + "%): " + r.desiredVersion() + " is deployed only to a service without traffic");
        }
        Observed.Readiness exists = taskDefinitions.readiness(r.aws(), r.desiredVersion(), urgency);
        if (exists instanceof Observed.NotReady) {
            return exists;
        }
        String idle = first == 0 ? sides.first() : sides.second();
        return new Observed.NotDeployed(idle, pair.bySide().get(idle).serviceName() + " runs " + pair.revisionOf(idle)
                + " and takes no traffic");
    }

    void apply(Rollout rollout, Split split, Urgency urgency) {
        Map<String, String> seen = lastSides.get(rollout.name());
        if (split.canaryPercent() == 0 && seen != null && seen.containsKey(split.stable())) {
            // a rollback needs only the ALB it writes: all traffic to the service that ran the stable revision
            String stable = seen.get(split.stable());
            String canary = services(rollout).other(stable).orElseThrow();
            alb.apply(rollout, new Split(stable, canary, 0), urgency);
            return;
        }
        Pair pair = describe(rollout, urgency);
        Target.Sides sides = pair.sides();
        Optional<String> canary = pair.sideRunning(split.canary());
        Optional<String> stable = canary.isPresent() ? sides.other(canary.get()) : pair.sideRunning(split.stable());
        if (canary.isEmpty() && split.canaryPercent() == 0) {
            canary = stable.flatMap(sides::other); // all traffic to stable: wherever the canary went
        }
        // traffic moves to a service only if it runs the stable revision, except when all of it leaves the canary
        if (canary.isEmpty() || stable.isEmpty()
                || split.canaryPercent() > 0 && !pair.revisionOf(stable.get()).equals(split.stable())) {
            throw AwsFailures.invalid(rollout.name() + ": cannot set " + split + " (" + split.stable() + "/" + split.canary()
                    + "): " + sides.first() + " runs " + pair.revisionOf(sides.first()) + ", " + sides.second() + " runs "
                    + pair.revisionOf(sides.second()));
        }
        alb.apply(rollout, new Split(stable.get(), canary.get(), split.canaryPercent()), urgency);
    }

    void deploy(Rollout rollout, String side, String revision) {
        Target.Ecs target = ecs(rollout);
        String service = services(rollout).valueOf(side).orElseThrow(() -> AwsFailures.invalid(rollout.name() + ": '"
                + side + "' is neither " + services(rollout).first() + " nor " + services(rollout).second()));
        try {
            clients.ecs(rollout.aws(), Urgency.MOVING).updateService(u -> u.cluster(target.cluster()).service(service).taskDefinition(revision));
        } catch (SdkException e) {
            throw AwsFailures.of(e, rollout.name() + ": UpdateService " + service + " to " + revision);
        }
    }

    private Pair describe(Rollout rollout, Urgency urgency) {
        Target.Sides sides = services(rollout);
        String cluster = ecs(rollout).cluster();
        Map<String, Fetched<Service>> services = Batches.fetch(List.of(sides.firstValue(), sides.secondValue()),
                SERVICES_PER_CALL, names -> EcsTraffic.describe(clients.ecs(rollout.aws(), urgency), cluster, names),
                rollout.name() + ": DescribeServices " + cluster);
        return pair(rollout, services);
    }

    private static Target.Sides services(Rollout r) {
        return ecs(r).services().orElseThrow();
    }

    private static Target.Ecs ecs(Rollout r) {
        return (Target.Ecs) r.target();
    }
}
