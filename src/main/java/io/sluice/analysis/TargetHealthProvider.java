package io.sluice.analysis;

import io.sluice.analysis.DueCheck.CheckRef;
import io.sluice.model.Rollout;
import io.sluice.model.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Health of the new side. ALB (and ECS blue/green behind an ALB): DescribeTargetHealth of the canary
 * side's target group, measured as the percent of its targets that are healthy (draining targets are
 * on their way out and not counted; no targets at all is no data). ECS rolling: DescribeServices,
 * batched up to {@value #MAX_SERVICES_PER_CALL} services of one cluster per call, measured as 100 when
 * the PRIMARY deployment is COMPLETED with running = desired, else running / desired * 100; a FAILED
 * deployment fails by itself.
 */
final class TargetHealthProvider implements CheckProvider {
    static final int MAX_SERVICES_PER_CALL = 10;

    private final AnalysisClients clients;

    TargetHealthProvider(AnalysisClients clients) {
        this.clients = clients;
    }

    private record ServiceKey(Rollout.AwsScope scope, String cluster) {
    }

    @Override
    public List<Batch> batches(List<DueCheck> due, Instant now) {
        List<Batch> batches = new ArrayList<>();
        Map<ServiceKey, List<DueCheck>> services = new LinkedHashMap<>();
        for (DueCheck d : due) {
            Target target = d.rollout().target();
            Optional<Target.Sides> groups = Placeholders.targetGroups(target);
            if (groups.isPresent()) {
                String side = d.request().sideOf(d.request().canaryId());
                Optional<String> arn = groups.get().valueOf(side);
                batches.add(arn.isEmpty()
                        ? Batch.known(d, new Measurement.ProviderError("'" + side
                                + "' is not one of the target group sides " + groups.get().first() + ", " + groups.get().second()))
                        : new Batch(List.of(d), () -> Map.of(d.ref(), targetGroup(d, arn.get()))));
            } else if (target instanceof Target.Ecs ecs && ecs.service().isPresent()) {
                services.computeIfAbsent(new ServiceKey(d.scope(), ecs.cluster()), k -> new ArrayList<>()).add(d);
            } else {
                batches.add(Batch.known(d, new Measurement.ProviderError("targetHealth measures ALB target groups and ECS"
                        + " services; a " + target.kind() + " target has neither")));
            }
        }
        services.forEach((key, checks) -> {
            for (int i = 0; i < checks.size(); i += MAX_SERVICES_PER_CALL) {
                List<DueCheck> call = checks.subList(i, Math.min(checks.size(), i + MAX_SERVICES_PER_CALL));
                batches.add(new Batch(call, () -> services(key, call)));
            }
        });
        return batches;
    }

    private Measurement targetGroup(DueCheck d, String arn) {
        DescribeTargetHealthResponse response;
        try {
            response = clients.elasticLoadBalancing(d.scope()).describeTargetHealth(r -> r.targetGroupArn(arn));
        } catch (SdkException e) {
            return new Measurement.ProviderError("ELBv2 DescribeTargetHealth: " + describe(e));
        }
        List<TargetHealthDescription> counted = response.targetHealthDescriptions().stream()
                .filter(t -> t.targetHealth() == null || t.targetHealth().state() != TargetHealthStateEnum.DRAINING)
                .toList();
        if (counted.isEmpty()) {
            return new Measurement.NoData("target group " + Placeholders.targetGroupSuffix(arn) + " has no registered targets");
        }
        long healthy = counted.stream().filter(t -> t.targetHealth() != null
                && t.targetHealth().state() == TargetHealthStateEnum.HEALTHY).count();
        return Measurement.Value.of(100.0 * healthy / counted.size());
    }

    private Map<CheckRef, Measurement> services(ServiceKey key, List<DueCheck> checks) {
        Map<CheckRef, Measurement> out = new HashMap<>();
        List<String> names = checks.stream().map(d -> ((Target.Ecs) d.rollout().target()).service().orElseThrow()).distinct().toList();
        DescribeServicesResponse response;
        try {
            response = clients.ecs(key.scope()).describeServices(r -> r.cluster(key.cluster()).services(names));
        } catch (SdkException e) {
            checks.forEach(d -> out.put(d.ref(), new Measurement.ProviderError("ECS DescribeServices: " + describe(e))));
            return out;
        }
        for (DueCheck d : checks) {
            String name = ((Target.Ecs) d.rollout().target()).service().orElseThrow();
            Optional<Service> service = response.services().stream()
                    .filter(s -> name.equals(s.serviceName()) || name.equals(s.serviceArn())).findFirst();
            if (service.isPresent()) {
                out.put(d.ref(), steadiness(service.get()));
                continue;
            }
            String reason = response.failures().stream().filter(f -> f.arn() != null && (f.arn().equals(name)
                    || f.arn().endsWith("/" + name))).map(Failure::reason).findFirst().orElse("not returned");
            out.put(d.ref(), new Measurement.ProviderError("ECS service " + name + " in cluster " + key.cluster() + ": " + reason));
        }
        return out;
    }

    static Measurement steadiness(Service s) {
        Optional<Deployment> primary = s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
        int desired = primary.map(Deployment::desiredCount).orElse(s.desiredCount());
        int running = primary.map(Deployment::runningCount).orElse(s.runningCount());
        double percent = desired == 0 ? 0 : 100.0 * running / desired;
        if (primary.isPresent() && primary.get().rolloutState() == DeploymentRolloutState.FAILED) {
            return new Measurement.Failing(Optional.of(percent), "ECS deployment of " + primary.get().taskDefinition()
                    + " FAILED" + Optional.ofNullable(primary.get().rolloutStateReason()).map(r -> ": " + r).orElse(""));
        }
        if (desired == 0) {
            return new Measurement.NoData("service " + s.serviceName() + " has a desired count of 0");
        }
        // COMPLETED with running = desired is 100 by this same ratio; while a deployment is still
        // IN_PROGRESS the ratio of its own tasks says how far it got
        return Measurement.Value.of(Math.min(100, percent));
    }

    private static String describe(SdkException e) {
        return ProviderErrors.describe("", e).substring(2);
    }
}
