package io.sluice.sim.ecs;

import io.sluice.sim.Arn;
import io.sluice.sim.AwsError;
import io.sluice.sim.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS operations over one account's state in one region at one moment; the caller holds the
 * service lock. Every cluster, service and task definition ARN a request names is checked first:
 * one of another region is refused with {@code InvalidParameterException} "Invalid Region in ARN",
 * one of another account with {@code AccessDeniedException} (ECS has no resource-based policies),
 * and a service ARN of another cluster than the request's with {@code InvalidParameterException}.
 */
final class EcsOperations {
    private final EcsRegion region;
    private final Instant now;
    private final Caller caller;
    private final String action;

    EcsOperations(EcsRegion region, Instant now, Caller caller, String operation) {
        this.region = region;
        this.now = now;
        this.caller = caller;
        this.action = "ecs:" + operation;
    }

    /** Refuses an ECS ARN of another region or account; names and other strings pass unchanged. */
    private String checked(String reference) {
        Optional<Arn> arn = Arn.parse(reference).filter(a -> a.service().equals("ecs"));
        if (arn.isPresent() && !arn.get().region().equals(region.scope.region())) {
            throw EcsInput.invalid("Invalid Region in ARN");
        }
        if (arn.isPresent() && !arn.get().account().equals(region.scope.account())) {
            throw AwsError.client(400, "AccessDeniedException", "User: " + caller.arn() + " is not authorized to "
                    + "perform: " + action + " on resource: " + reference).raise();
        }
        return reference;
    }

    private Optional<String> checkedCluster(EcsInput in) {
        Optional<String> cluster = in.string("cluster");
        cluster.ifPresent(this::checked);
        return cluster;
    }

    /** A service reference of the request's cluster: its name, or its ARN (new format naming that cluster, or old). */
    private String checkedService(String reference, String cluster) {
        checked(reference);
        Optional<String> named = EcsRegion.clusterOfService(reference);
        if (named.isPresent() && !named.get().equals(cluster)) {
            throw EcsInput.invalid("Invalid identifier: Identifier is for cluster " + named.get() + ". Your cluster is "
                    + cluster);
        }
        return EcsRegion.serviceName(reference);
    }

    Map<String, Object> describeServices(EcsInput in) {
        List<String> names = in.strings("services");
        if (names.isEmpty()) {
            throw EcsInput.invalid("Services cannot be empty.");
        }
        if (names.size() > 10) {
            throw EcsInput.invalid("services can have at most 10 items.");
        }
        Optional<String> clusterRef = checkedCluster(in);
        String cluster = EcsRegion.clusterName(clusterRef);
        List<String> serviceNames = names.stream().map(ref -> checkedService(ref, cluster)).toList();
        Map<String, ServiceState> services = region.cluster(clusterRef);
        List<Object> found = new ArrayList<>();
        List<Object> failures = new ArrayList<>();
        for (String name : serviceNames) {
            ServiceState s = services.get(name);
            if (s == null) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("arn", "arn:aws:ecs:" + region.scope.region() + ":" + region.scope.account() + ":service/"
                        + cluster + "/" + name);
                failure.put("reason", "MISSING");
                failures.add(failure);
            } else {
                s.settle(now);
                found.add(EcsJson.service(s, region.clusterArn(cluster)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("services", found);
        out.put("failures", failures);
        return out;
    }

    Map<String, Object> updateService(EcsInput in) {
        String serviceRef = in.string("service").filter(s -> !s.isEmpty())
                .orElseThrow(() -> EcsInput.invalid("Service cannot be empty."));
        String cluster = EcsRegion.clusterName(in.string("cluster"));
        in.string("taskDefinition").ifPresent(this::checked);
        ServiceState s = service(in, serviceRef);
        if (!s.status.equals("ACTIVE")) {
            throw AwsError.client(400, "ServiceNotActiveException", "Service was not ACTIVE.").raise();
        }
        Optional<Integer> desired = in.integer("desiredCount");
        if (desired.isPresent() && desired.get() < 0) {
            throw EcsInput.invalid("Invalid desiredCount " + desired.get() + ": must be greater than or equal to 0.");
        }
        Optional<EcsInput> config = in.struct("deploymentConfiguration");
        Optional<EcsInput> breaker = config.flatMap(c -> c.struct("deploymentCircuitBreaker"));
        if (breaker.isPresent() && (!breaker.get().has("enable") || !breaker.get().has("rollback"))) {
            throw EcsInput.invalid("deploymentCircuitBreaker requires both enable and rollback.");
        }
        Integer max = config.flatMap(c -> c.integer("maximumPercent")).orElse(s.maximumPercent);
        Integer min = config.flatMap(c -> c.integer("minimumHealthyPercent")).orElse(s.minimumHealthyPercent);
        if (min < 0 || min > 100) {
            throw EcsInput.invalid("minimumHealthyPercent must be between 0 and 100.");
        }
        if (max < 100 || max <= min && !(max == 100 && min == 100)) {
            throw EcsInput.invalid("maximumPercent must be at least 100 and greater than minimumHealthyPercent.");
        }
        Optional<TaskDefinition> revision = Optional.empty();
        if (in.string("taskDefinition").isPresent() && s.deploymentController.equals("CODE_DEPLOY")) {
            throw EcsInput.invalid("Unable to update task definition on services with a CODE_DEPLOY deployment controller."
                    + " Use AWS CodeDeploy to trigger a new deployment.");
        }
        if (in.string("taskDefinition").isPresent()) {
            revision = Optional.of(region.taskDefinition(in.string("taskDefinition").get())
                    .orElseThrow(() -> AwsError.client(400, "ClientException", "TaskDefinition not found.").raise()));
        }
        s.settle(now);
        s.maximumPercent = max;
        s.minimumHealthyPercent = min;
        breaker.ifPresent(b -> {
            s.circuitBreakerEnabled = b.bool("enable").orElseThrow();
            s.circuitBreakerRollback = b.bool("rollback").orElseThrow();
        });
        desired.ifPresent(d -> s.scale(d, now));
        boolean newRevision = revision.isPresent() && !revision.get().equals(s.taskDefinition);
        if (newRevision || in.bool("forceNewDeployment").orElse(false)) {
            s.deploy(revision.orElse(s.taskDefinition), now);
        }
        return Map.of("service", EcsJson.service(s, region.clusterArn(cluster)));
    }

    Map<String, Object> describeTaskDefinition(EcsInput in) {
        String ref = checked(in.string("taskDefinition").filter(t -> !t.isEmpty())
                .orElseThrow(() -> EcsInput.invalid("taskDefinition cannot be empty.")));
        TaskDefinition td = region.taskDefinition(ref)
                .orElseThrow(() -> AwsError.client(400, "ClientException", "Unable to describe task definition.").raise());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("taskDefinition", td.describe(region.scope));
        out.put("tags", List.of());
        return out;
    }

    Map<String, Object> listServiceDeployments(EcsInput in) {
        String serviceRef = in.string("service").orElseThrow(() -> EcsInput.invalid("service cannot be empty."));
        ServiceState s = service(in, serviceRef);
        int maxResults = in.integer("maxResults").orElse(20);
        if (maxResults < 1 || maxResults > 100) {
            throw EcsInput.invalid("maxResults must be between 1 and 100.");
        }
        List<String> statuses = in.strings("status");
        s.settle(now);
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = s.history.size() - 1; i >= 0; i--) {
            Deployment d = s.history.get(i);
            if (d.rollbackOf == null) {
                Map<String, Object> full = ServiceDeployments.describe(s, d, region.clusterArn(s.cluster));
                if (statuses.isEmpty() || statuses.contains((String) full.get("status"))) {
                    all.add(ServiceDeployments.brief(full));
                }
            }
        }
        int offset = in.string("nextToken").map(EcsOperations::offset).orElse(0);
        Map<String, Object> out = new LinkedHashMap<>();
        int to = Math.min(all.size(), offset + maxResults);
        out.put("serviceDeployments", offset >= all.size() ? List.of() : all.subList(offset, to));
        if (to < all.size()) {
            out.put("nextToken", String.valueOf(to));
        }
        return out;
    }

    private static int offset(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw EcsInput.invalid("The nextToken is invalid.");
        }
    }

    Map<String, Object> describeServiceDeployments(EcsInput in) {
        List<String> arns = in.strings("serviceDeploymentArns");
        if (arns.isEmpty() || arns.size() > 20) {
            throw EcsInput.invalid("serviceDeploymentArns must have between 1 and 20 items.");
        }
        arns.forEach(this::checked);
        List<Object> found = new ArrayList<>();
        List<Object> failures = new ArrayList<>();
        for (String arn : arns) {
            Optional<Map<String, Object>> d = findDeployment(arn);
            if (d.isPresent()) {
                found.add(d.get());
            } else {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("arn", arn);
                failure.put("reason", "MISSING");
                failures.add(failure);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serviceDeployments", found);
        out.put("failures", failures);
        return out;
    }

    private Optional<Map<String, Object>> findDeployment(String arn) {
        for (Map.Entry<String, Map<String, ServiceState>> cluster : region.clusters.entrySet()) {
            for (ServiceState s : cluster.getValue().values()) {
                s.settle(now);
                for (Deployment d : s.history) {
                    if (d.rollbackOf == null && s.deploymentArn(d).equals(arn)) {
                        return Optional.of(ServiceDeployments.describe(s, d, region.clusterArn(s.cluster)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private ServiceState service(EcsInput in, String serviceRef) {
        Optional<String> cluster = checkedCluster(in);
        String name = checkedService(serviceRef, EcsRegion.clusterName(cluster));
        ServiceState s = region.cluster(cluster).get(name);
        if (s == null) {
            throw AwsError.client(400, "ServiceNotFoundException", "Service not found.").raise();
        }
        return s;
    }
}
