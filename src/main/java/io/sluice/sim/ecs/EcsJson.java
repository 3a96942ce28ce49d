package io.sluice.sim.ecs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The DescribeServices / UpdateService shape of a service. */
final class EcsJson {
    private EcsJson() {
    }

    static Map<String, Object> service(ServiceState s, String clusterArn) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serviceArn", s.arn());
        out.put("serviceName", s.name);
        out.put("clusterArn", clusterArn);
        out.put("loadBalancers", List.of());
        out.put("serviceRegistries", List.of());
        out.put("status", s.status);
        out.put("desiredCount", s.desiredCount);
        out.put("runningCount", s.runningCount());
        out.put("pendingCount", s.pendingCount());
        out.put("launchType", "FARGATE");
        out.put("platformVersion", "LATEST");
        out.put("platformFamily", "Linux");
        out.put("taskDefinition", s.taskDefinition.arn(s.scope));
        Map<String, Object> breaker = new LinkedHashMap<>();
        breaker.put("enable", s.circuitBreakerEnabled);
        breaker.put("rollback", s.circuitBreakerRollback);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("deploymentCircuitBreaker", breaker);
        config.put("maximumPercent", s.maximumPercent);
        config.put("minimumHealthyPercent", s.minimumHealthyPercent);
        config.put("strategy", s.deploymentStrategy);
        out.put("deploymentConfiguration", config);
        out.put("deployments", s.deployments.stream().map(d -> d.describe(s.scope)).toList());
        out.put("events", List.copyOf(s.events));
        out.put("createdAt", s.createdAt);
        out.put("currentServiceDeployment", s.deploymentArn(serviceDeploymentOf(s)));
        out.put("placementConstraints", List.of());
        out.put("placementStrategy", List.of());
        out.put("schedulingStrategy", "REPLICA");
        out.put("deploymentController", Map.of("type", s.deploymentController));
        out.put("createdBy", "arn:aws:iam::" + s.scope.account() + ":role/deployer");
        out.put("enableECSManagedTags", Boolean.FALSE);
        out.put("propagateTags", "NONE");
        out.put("enableExecuteCommand", Boolean.FALSE);
        return out;
    }

    /** A rollback belongs to the service deployment it rolls back. */
    static Deployment serviceDeploymentOf(ServiceState s) {
        Deployment primary = s.primary();
        return primary.rollbackOf != null ? primary.rollbackOf : primary;
    }
}
