package io.sluice.health;

import io.sluice.aws.AwsClients;
import io.sluice.git.GitConfig;
import io.sluice.lease.Leases;
import io.sluice.model.Rollout;
import io.sluice.reconcile.ReconcileConfig;
import io.sluice.reconcile.ReconcileLoop;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The daemon's health checks: each one's data says why it is down. */
public class HealthBeans {

    /** Live while passes keep coming: at most three intervals (and one Git timeout) apart. */
    @Produces
    @Singleton
    @Liveness
    HealthCheck reconcileLoopAlive(ReconcileLoop loop, ReconcileConfig config, GitConfig git, Clock clock) {
        return new PassLiveness(loop::lastPassAt, config.interval().multipliedBy(3).plus(git.timeout()), clock);
    }

    /** Ready when Git was read recently. */
    @Produces
    @Singleton
    @Readiness
    HealthCheck gitSynced(ReconcileLoop loop, GitConfig git, Clock clock) {
        return () -> {
            Duration stale = git.pollInterval().multipliedBy(3).plus(git.timeout());
            var builder = HealthCheckResponse.named("sluice-git");
            var last = loop.lastGitSyncAt();
            builder.withData("lastSync", last.map(Instant::toString).orElse("never"));
            loop.gitTrouble().ifPresent(t -> builder.withData("trouble", t));
            boolean up = last.isPresent() && last.get().plus(stale).isAfter(clock.instant());
            builder.withData("reason", up ? "synced within " + stale.toSeconds() + "s"
                    : last.isEmpty() ? "the config repository has not been read yet" : "no successful sync for over "
                    + stale.toSeconds() + "s");
            return builder.status(up).build();
        };
    }

    /** Ready when AWS credentials were verified with STS GetCallerIdentity (checked once, re-checked while failing). */
    @Produces
    @Singleton
    @Readiness
    HealthCheck awsCredentials(AwsClients clients) {
        AtomicReference<String> verified = new AtomicReference<>();
        return () -> {
            var builder = HealthCheckResponse.named("sluice-aws-credentials");
            if (verified.get() == null) {
                try {
                    verified.set(clients.sts(Rollout.AwsScope.defaults()).getCallerIdentity().arn());
                } catch (RuntimeException e) {
                    return builder.down().withData("reason", "STS GetCallerIdentity failed: " + e.getMessage()).build();
                }
            }
            return builder.up().withData("identity", verified.get()).build();
        };
    }

    /**
     * Always up: a standby is ready to serve the API, dashboard and metrics read-only; its data says
     * the role (owner, standby or partial) and the shards held with their epochs; with backend
     * {@code none}, {@code otherInstances} names any other instance found running on the repository.
     */
    @Produces
    @Singleton
    @Readiness
    HealthCheck leaseRole(Leases leases) {
        return () -> {
            var builder = HealthCheckResponse.named("sluice-lease").up().withData("role", leases.role())
                    .withData("backend", leases.enabled() ? "dynamodb" : "none");
            leases.held().forEach((shard, epoch) -> builder.withData(shard, "epoch " + epoch));
            Set<String> others = leases.otherInstances();
            if (!others.isEmpty()) {
                builder.withData("otherInstances", String.join(",", others)).withData("warning", "other sluice instances run"
                        + " on this repository without leases: they fight over traffic; stop them or set"
                        + " sluice.lease.backend=dynamodb on all");
            }
            return builder.build();
        };
    }

    /** Always up; its data shows per quota bucket what AWS throttled and what sluice held back. */
    @Produces
    @Singleton
    @Readiness
    HealthCheck awsQuotas(AwsClients clients) {
        return new QuotaHealth(clients.limiter());
    }
}
