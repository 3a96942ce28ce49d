package io.sluice.sim.ecs;

import io.sluice.sim.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One deployment of a service: the tasks of one task definition revision and their counts. */
final class Deployment {
    final String id;
    final TaskDefinition taskDefinition;
    final Instant createdAt;
    String status = "PRIMARY";
    int desiredCount;
    int runningCount;
    int failedTasks;
    String rolloutState = "IN_PROGRESS";
    String rolloutStateReason;
    Instant updatedAt;
    Instant finishedAt;
    /** The deployment this one rolls back from, when the circuit breaker created it. */
    Deployment rollbackOf;
    boolean stopped;

    Deployment(String id, TaskDefinition taskDefinition, Instant createdAt, int desiredCount) {
        this.id = id;
        this.taskDefinition = taskDefinition;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.desiredCount = desiredCount;
        this.rolloutStateReason = "ECS deployment " + id + " in progress.";
    }

    int pendingCount() {
        boolean launching = status.equals("PRIMARY") && !rolloutState.equals("FAILED") && runningCount < desiredCount;
        return launching ? 1 : 0;
    }

    Map<String, Object> describe(Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("status", status);
        out.put("taskDefinition", taskDefinition.arn(scope));
        out.put("desiredCount", desiredCount);
        out.put("pendingCount", pendingCount());
        out.put("runningCount", runningCount);
        out.put("failedTasks", failedTasks);
        out.put("createdAt", createdAt);
        out.put("updatedAt", updatedAt);
        out.put("launchType", "FARGATE");
        out.put("platformVersion", "1.4.0");
        out.put("platformFamily", "Linux");
        out.put("rolloutState", rolloutState);
        out.put("rolloutStateReason", rolloutStateReason);
        return out;
    }
}
