package io.sluice.aws.ecs;

import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsFailures;
import io.sluice.aws.Batches;
import io.sluice.aws.Fetched;
import io.sluice.aws.Percentages;
import io.sluice.aws.TargetAdapter;
import io.sluice.aws.alb.AlbTraffic;
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
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS rolling update: the service's deployments are the versions (task definition
 * {@code family:revision}), weighted by running tasks. A shift is an UpdateService to the canary's
 * (at 100) or the stable's (at 0) revision; nothing in between exists for a rolling update.
 * DescribeServices is batched by up to 10 services per cluster. Blue/green (two services behind an
 * ALB) goes to {@link EcsBlueGreenTraffic}.
 */
public final class EcsTraffic implements TargetAdapter {
    private static final int SERVICES_PER_CALL = 10;

    private final AwsClients clients;
    private final EcsBlueGreenTraffic blueGreen;
    private final TaskDefinitions taskDefinitions;

    public EcsTraffic(AwsClients clients, AlbTraffic alb) {
        this.clients = clients;
        this.taskDefinitions = new TaskDefinitions(clients);
        this.blueGreen = new EcsBlueGreenTraffic(clients, alb, taskDefinitions);
    }

    private record ClusterKey(Rollout.AwsScope scope, String cluster) {
    }

    @Override
    public Map<String, Observation> observe(List<Rollout> rollouts, Urgency urgency) {
        Map<String, Observation> out = new LinkedHashMap<>();
        List<Rollout> rolling = new ArrayList<>();
        List<Rollout> blueGreens = new ArrayList<>();
        rollouts.forEach(r -> (ecs(r).blueGreen() ? blueGreens : rolling).add(r));
        if (!blueGreens.isEmpty()) {
            out.putAll(blueGreen.observe(blueGreens, urgency));
        }
        rolling.stream().collect(Collectors.groupingBy(r -> new ClusterKey(r.aws(), ecs(r).cluster()), LinkedHashMap::new,
                Collectors.toList())).forEach((key, group) -> {
                    EcsClient client = clients.ecs(key.scope(), urgency);
                    Map<String, Fetched<Service>> services = Batches.fetch(
                            group.stream().map(r -> ecs(r).service().orElseThrow()).toList(), SERVICES_PER_CALL,
                            names -> describe(client, key.cluster(), names), "DescribeServices " + key.cluster());
                    for (Rollout r : group) {
                        try {
                            Service s = services.get(ecs(r).service().orElseThrow()).get();
                            out.put(r.name(), new Observation.Seen(observed(r, s, urgency)));
                        } catch (TargetFailure f) {
                            out.put(r.name(), new Observation.Failed(f));
                        }
                    }
                });
        return out;
    }

    static Map<String, Service> describe(EcsClient ecs, String cluster, List<String> names) {
        DescribeServicesResponse response = ecs.describeServices(q -> q.cluster(cluster).services(names));
        Map<String, Service> out = new LinkedHashMap<>();
        // a rollout may name its service by name or by ARN: both find it
        response.services().forEach(s -> {
            out.put(s.serviceName(), s);
            if (s.serviceArn() != null) {
                out.put(s.serviceArn(), s);
            }
        });
        return out;
    }

    private Observed observed(Rollout r, Service service, Urgency urgency) {
        List<Deployment> deployments = service.deployments();
        Optional<Deployment> primary = primary(service);
        Map<String, Long> running = new LinkedHashMap<>();
        primary.ifPresent(p -> running.put(revision(p.taskDefinition()), (long) p.runningCount()));
        deployments.stream().filter(d -> "ACTIVE".equals(d.status()))
                .forEach(d -> running.merge(revision(d.taskDefinition()), (long) d.runningCount(), Long::sum));
        Map<String, Integer> weights = running.values().stream().allMatch(n -> n == 0) && primary.isPresent()
                // nothing runs yet: the service points at its primary revision
                ? Map.of(revision(primary.get().taskDefinition()), 100)
                : Percentages.byRatio(running);
        Map<String, String> versions = new LinkedHashMap<>();
        running.keySet().forEach(v -> versions.put(v, v));
        Observed.Readiness readiness = running.containsKey(r.desiredVersion()) ? Observed.READY
                : taskDefinitions.readiness(r.aws(), r.desiredVersion(), urgency);
        return new Observed(weights, versions, settlement(service), readiness);
    }

    private static Optional<Deployment> primary(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    /** Whether the service's deployment has taken effect: COMPLETED with running = desired, or FAILED. */
    static Observed.Settlement settlement(Service service) {
        List<Deployment> deployments = service.deployments();
        Optional<Deployment> primary = primary(service);
        for (Deployment d : deployments) {
            if ("FAILED".equals(d.rolloutStateAsString())) {
                return new Observed.Failed("deployment of " + revision(d.taskDefinition()) + " FAILED: "
                        + d.rolloutStateReason());
            }
        }
        if (primary.isEmpty()) {
            return new Observed.InProgress("service " + service.serviceName() + " has no PRIMARY deployment");
        }
        Deployment p = primary.get();
        String reason = p.rolloutStateReason() == null ? "" : p.rolloutStateReason();
        if (reason.contains("circuit breaker") && reason.contains("rolling back")) {
            return new Observed.Failed(reason);
        }
        boolean inProgress = "IN_PROGRESS".equals(p.rolloutStateAsString());
        if (inProgress || deployments.size() > 1 || p.runningCount() < p.desiredCount()) {
            return new Observed.InProgress("deployment " + p.rolloutStateAsString() + ", " + p.runningCount() + " of "
                    + p.desiredCount() + " tasks running");
        }
        return Observed.SETTLED;
    }

    @Override
    public void apply(Rollout rollout, Split split, Urgency urgency) {
        Target.Ecs target = ecs(rollout);
        if (target.blueGreen()) {
            blueGreen.apply(rollout, split, urgency);
            return;
        }
        if (split.canaryPercent() != 0 && split.canaryPercent() != 100) {
            throw AwsFailures.invalid(rollout.name() + ": an ECS rolling update moves all tasks at once; "
                    + split + " cannot be set (use setWeight: 100)");
        }
        String revision = split.canaryPercent() == 100 ? split.canary() : split.stable();
        EcsClient ecs = clients.ecs(rollout.aws(), urgency);
        try {
            // ECS starts no deployment when the service already runs this revision, so this is idempotent
            ecs.updateService(u -> u.cluster(target.cluster()).service(target.service().orElseThrow())
                    .taskDefinition(revision));
        } catch (SdkException e) {
            throw AwsFailures.of(e, rollout.name() + ": UpdateService " + target.service().orElseThrow() + " to "
                    + revision);
        }
    }

    @Override
    public void deploy(Rollout rollout, String side, String revision) {
        if (!ecs(rollout).blueGreen()) {
            throw AwsFailures.invalid(rollout.name() + ": a rolling update deploys by its weight step, not to a side");
        }
        blueGreen.deploy(rollout, side, revision);
    }

    /** {@code family:revision} of a task definition ARN. */
    static String revision(String taskDefinitionArn) {
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    private static Target.Ecs ecs(Rollout r) {
        return (Target.Ecs) r.target();
    }
}
