package io.sluice.model;

import java.time.Duration;
import java.util.Optional;

/**
 * One rollout as its file in Git describes it: where traffic is shifted ({@link Target}), what should
 * take it all when done ({@link #desiredVersion}), in which steps, under which checks.
 *
 * @param name DNS-1123 label; also names the status file
 * @param source the file (relative to the config repo) this was read from
 * @param desiredVersion ALB/Route 53: the side that should be active ({@code green});
 *     Lambda: the published version; ECS: the task definition {@code family:revision}
 * @param abort an emergency abort committed to Git: roll back at once, start nothing
 * @param retry bumped to run a rolled-back version again
 * @param approvedStep the 1-based step number of an approval pause that a person approved
 * @param progressDeadline how long one step may take to make progress
 */
public record Rollout(
        String name,
        String source,
        AwsScope aws,
        Target target,
        String desiredVersion,
        Strategy strategy,
        Optional<Analysis> analysis,
        RollbackPolicy rollback,
        boolean suspend,
        boolean abort,
        int retry,
        int approvedStep,
        DriftPolicy driftPolicy,
        Duration progressDeadline) {

    /** A rollout with the default progress deadline. */
    public Rollout(String name, String source, AwsScope aws, Target target, String desiredVersion, Strategy strategy,
                   Optional<Analysis> analysis, RollbackPolicy rollback, boolean suspend, boolean abort, int retry,
                   int approvedStep, DriftPolicy driftPolicy) {
        this(name, source, aws, target, desiredVersion, strategy, analysis, rollback, suspend, abort, retry, approvedStep,
                driftPolicy, Bounds.PROGRESS_DEADLINE_DEFAULT);
    }

    public enum DriftPolicy {
        /** A person changed the weights: hold the rollout and report, never fight them. */
        HOLD,
        /** Re-apply the weights sluice last set. */
        HEAL
    }

    /** Region and role to use for this rollout's AWS calls; empty means the daemon's default. */
    public record AwsScope(Optional<String> region, Optional<String> roleArn) {
        public static AwsScope defaults() {
            return new AwsScope(Optional.empty(), Optional.empty());
        }
    }

    /** What to do when a check fails. */
    public record RollbackPolicy(boolean automatic) {
    }
}
