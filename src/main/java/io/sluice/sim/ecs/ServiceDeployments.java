package io.sluice.sim.ecs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service-deployment view (ListServiceDeployments / DescribeServiceDeployments) of a service's
 * deployments. A circuit-breaker rollback is part of the service deployment it rolls back, not one
 * of its own, as ECS reports it.
 */
final class ServiceDeployments {
    private ServiceDeployments() {
    }

    static Map<String, Object> describe(ServiceState s, Deployment d, String clusterArn) {
        Deployment rollback = null;
        for (Deployment h : s.history) {
            if (h.rollbackOf == d) {
                rollback = h;
            }
        }
        String status;
        String reason;
        if (rollback != null) {
            status = rollback.rolloutState.equals("COMPLETED") ? "ROLLBACK_SUCCESSFUL"
                    : rollback.stopped || rollback.rolloutState.equals("FAILED") ? "ROLLBACK_FAILED" : "ROLLBACK_IN_PROGRESS";
            reason = d.rolloutStateReason;
        } else if (d.stopped) {
            status = "STOPPED";
            reason = "Service deployment superseded by a newer deployment.";
        } else if (d.rolloutState.equals("FAILED")) {
            status = "STOPPED";
            reason = d.rolloutStateReason;
        } else {
            status = d.rolloutState.equals("COMPLETED") ? "SUCCESSFUL" : "IN_PROGRESS";
            reason = d.rolloutStateReason;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serviceDeploymentArn", s.deploymentArn(d));
        out.put("serviceArn", s.arn());
        out.put("clusterArn", clusterArn);
        out.put("createdAt", d.createdAt);
        out.put("startedAt", d.createdAt);
        Deployment last = rollback != null ? rollback : d;
        if (last.finishedAt != null && !status.endsWith("IN_PROGRESS")) {
            out.put("finishedAt", last.finishedAt);
        }
        out.put("updatedAt", last.updatedAt);
        List<Object> sources = new ArrayList<>();
        int index = s.history.indexOf(d);
        if (index > 0) {
            Deployment previous = s.history.get(index - 1);
            sources.add(revision(s, previous));
        }
        out.put("sourceServiceRevisions", sources);
        out.put("targetServiceRevision", revision(s, d));
        out.put("status", status);
        out.put("statusReason", reason);
        if (rollback != null) {
            Map<String, Object> rb = new LinkedHashMap<>();
            rb.put("reason", "Circuit breaker triggered: tasks failed to start.");
            rb.put("startedAt", rollback.createdAt);
            rb.put("serviceRevisionArn", revisionArn(s, rollback));
            out.put("rollback", rb);
        }
        Map<String, Object> breaker = new LinkedHashMap<>();
        breaker.put("status", !s.circuitBreakerEnabled ? "DISABLED"
                : d.rolloutState.equals("FAILED") ? "TRIGGERED"
                : d.rolloutState.equals("COMPLETED") ? "MONITORING_COMPLETE" : "MONITORING");
        breaker.put("failureCount", d.failedTasks);
        breaker.put("threshold", s.failureThreshold());
        out.put("deploymentCircuitBreaker", breaker);
        return out;
    }

    static Map<String, Object> brief(Map<String, Object> full) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("serviceDeploymentArn", "serviceArn", "clusterArn", "startedAt", "createdAt",
                "finishedAt", "status", "statusReason")) {
            if (full.containsKey(key)) {
                out.put(key, full.get(key));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) full.get("targetServiceRevision");
        out.put("targetServiceRevisionArn", target.get("arn"));
        return out;
    }

    private static Map<String, Object> revision(ServiceState s, Deployment d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("arn", revisionArn(s, d));
        out.put("requestedTaskCount", d.desiredCount);
        out.put("runningTaskCount", d.runningCount);
        out.put("pendingTaskCount", d.pendingCount());
        return out;
    }

    private static String revisionArn(ServiceState s, Deployment d) {
        return "arn:aws:ecs:" + s.scope.region() + ":" + s.scope.account() + ":service-revision/" + s.cluster + "/" + s.name + "/"
                + d.id.substring(d.id.indexOf('/') + 1);
    }
}
