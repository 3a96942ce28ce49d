package io.sluice.sim.ecs;

import io.sluice.sim.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ECS service and its rolling deployments. Progress is computed lazily: {@link #settle} replays
 * the task starts (one task per {@code taskStartTime}) between the last settled moment and now. A
 * new revision's task replaces an old one as it starts; a bad revision's tasks fail instead, and the
 * circuit breaker (failure threshold 0.5 x desired, at least 3, at most 200) fails the deployment and,
 * with rollback, starts a deployment of the last completed revision.
 */
final class ServiceState {
    final String cluster;
    final String name;
    final Scope scope;
    final Instant createdAt;
    final Duration taskStartTime;
    String status;
    int desiredCount;
    TaskDefinition taskDefinition;
    Integer maximumPercent = 200;
    Integer minimumHealthyPercent = 100;
    boolean circuitBreakerEnabled;
    boolean circuitBreakerRollback;
    /** ECS (default), CODE_DEPLOY or EXTERNAL. */
    String deploymentController = "ECS";
    /** ROLLING (default), BLUE_GREEN, LINEAR or CANARY: with the last three ECS moves the listener weights itself. */
    String deploymentStrategy = "ROLLING";
    final List<Deployment> deployments = new ArrayList<>();
    final List<Deployment> history = new ArrayList<>();
    final List<Map<String, Object>> events = new ArrayList<>();
    private Instant settledAt;
    private long nextId;

    ServiceState(String cluster, String name, Scope scope, TaskDefinition taskDefinition, int desiredCount,
            Duration taskStartTime, String status, Instant createdAt, long idSeed) {
        this.cluster = cluster;
        this.name = name;
        this.scope = scope;
        this.taskDefinition = taskDefinition;
        this.desiredCount = desiredCount;
        this.taskStartTime = taskStartTime;
        this.status = status;
        this.createdAt = createdAt;
        this.settledAt = createdAt;
        this.nextId = idSeed;
        Deployment steady = new Deployment(nextDeploymentId(), taskDefinition, createdAt, desiredCount);
        steady.runningCount = taskDefinition.bad() ? 0 : desiredCount;
        steady.rolloutState = "COMPLETED";
        steady.rolloutStateReason = "ECS deployment " + steady.id + " completed.";
        deployments.add(steady);
        history.add(steady);
    }

    String arn() {
        return "arn:aws:ecs:" + scope.region() + ":" + scope.account() + ":service/" + cluster + "/" + name;
    }

    String deploymentArn(Deployment d) {
        return "arn:aws:ecs:" + scope.region() + ":" + scope.account() + ":service-deployment/" + cluster + "/" + name + "/"
                + d.id.substring(d.id.indexOf('/') + 1);
    }

    private String nextDeploymentId() {
        return "ecs-svc/" + (nextId++);
    }

    Deployment primary() {
        return deployments.get(0);
    }

    int failureThreshold() {
        return Math.max(3, Math.min(200, (int) Math.ceil(0.5 * desiredCount)));
    }

    /** Starts a new PRIMARY deployment of {@code revision} at {@code now}; older ones start draining. */
    void deploy(TaskDefinition revision, Instant now) {
        settle(now);
        for (Deployment d : deployments) {
            d.status = "ACTIVE";
            d.updatedAt = now;
            if (d.rolloutState.equals("IN_PROGRESS")) {
                d.stopped = true;
            }
        }
        Deployment next = new Deployment(nextDeploymentId(), revision, now, desiredCount);
        deployments.add(0, next);
        history.add(next);
        taskDefinition = revision;
        settledAt = now;
        event(now, "(service " + name + ") has started 1 tasks: (deployment " + next.id + ").");
    }

    /** Changes the desired count; surplus tasks stop at once, missing ones start at the service's pace. */
    void scale(int desired, Instant now) {
        settle(now);
        desiredCount = desired;
        Deployment primary = primary();
        primary.desiredCount = desired;
        primary.updatedAt = now;
        primary.runningCount = Math.min(primary.runningCount, desired);
        settledAt = now;
    }

    /** Replays task starts and failures up to {@code now}. */
    void settle(Instant now) {
        while (true) {
            Deployment primary = primary();
            if (primary.taskDefinition.bad() && !circuitBreakerEnabled && primary.rolloutState.equals("IN_PROGRESS")) {
                // nothing stops a failing deployment without the circuit breaker: only the count grows
                long attempts = Duration.between(primary.createdAt, now).dividedBy(taskStartTime);
                primary.failedTasks = (int) Math.min(Integer.MAX_VALUE, attempts);
                settledAt = now;
                return;
            }
            Instant next = settledAt.plus(taskStartTime);
            if (next.isAfter(now)) {
                // the next slot is not due yet: it stays counted from the last one, however often the service is read
                return;
            }
            if (!step(next)) {
                settledAt = now.isAfter(settledAt) ? now : settledAt;
                return;
            }
            settledAt = next;
        }
    }

    /** One task-start slot at {@code t}; false when the service is steady (nothing left to do). */
    private boolean step(Instant t) {
        Deployment primary = primary();
        if (primary.rolloutState.equals("FAILED")) {
            return false;
        }
        if (primary.taskDefinition.bad()) {
            primary.failedTasks++;
            primary.updatedAt = t;
            event(t, "(service " + name + ") deployment " + primary.id + " task failed to start: essential container exited.");
            if (primary.failedTasks >= failureThreshold()) {
                primary.rolloutState = "FAILED";
                primary.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
                primary.finishedAt = t;
                if (circuitBreakerRollback) {
                    rollBack(primary, t);
                    return true;
                }
                return false;
            }
            return true;
        }
        if (primary.runningCount < primary.desiredCount) {
            primary.runningCount++;
            primary.updatedAt = t;
            for (int i = deployments.size() - 1; i >= 1; i--) {
                Deployment old = deployments.get(i);
                if (old.runningCount > 0) {
                    old.runningCount--;
                    old.updatedAt = t;
                    break;
                }
            }
            return true;
        }
        boolean draining = false;
        for (int i = 1; i < deployments.size(); i++) {
            if (deployments.get(i).runningCount > 0) {
                deployments.get(i).runningCount = 0;
                deployments.get(i).updatedAt = t;
                draining = true;
            }
        }
        if (draining) {
            return true;
        }
        if (primary.rolloutState.equals("IN_PROGRESS")) {
            primary.rolloutState = "COMPLETED";
            primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
            primary.updatedAt = t;
            primary.finishedAt = t;
            for (Iterator<Deployment> it = deployments.listIterator(1); it.hasNext(); ) {
                Deployment old = it.next();
                old.status = "INACTIVE";
                if (old.finishedAt == null) {
                    old.finishedAt = t;
                }
                it.remove();
            }
            event(t, "(service " + name + ") has reached a steady state.");
        }
        return false;
    }

    private void rollBack(Deployment failed, Instant t) {
        TaskDefinition previous = null;
        for (int i = history.size() - 1; i >= 0; i--) {
            Deployment d = history.get(i);
            if (d != failed && d.rolloutState.equals("COMPLETED") && !d.taskDefinition.bad()) {
                previous = d.taskDefinition;
                break;
            }
        }
        if (previous == null) {
            return;
        }
        failed.status = "ACTIVE";
        for (Deployment d : deployments) {
            d.status = "ACTIVE";
        }
        Deployment rollback = new Deployment(nextDeploymentId(), previous, t, desiredCount);
        rollback.rollbackOf = failed;
        rollback.rolloutStateReason = "ECS deployment circuit breaker: rolling back to deploymentId " + rollback.id + ".";
        deployments.add(0, rollback);
        history.add(rollback);
        taskDefinition = previous;
        event(t, "(service " + name + ") deployment " + failed.id + " deployment failed: tasks failed to start.");
        event(t, "(service " + name + ") rolling back to deployment " + rollback.id + ".");
    }

    private void event(Instant t, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", java.util.UUID.nameUUIDFromBytes((arn() + t + message).getBytes()).toString());
        e.put("createdAt", t);
        e.put("message", message);
        events.add(0, e);
        if (events.size() > 100) {
            events.remove(events.size() - 1);
        }
    }

    int runningCount() {
        return deployments.stream().mapToInt(d -> d.runningCount).sum();
    }

    int pendingCount() {
        return deployments.stream().mapToInt(Deployment::pendingCount).sum();
    }
}
