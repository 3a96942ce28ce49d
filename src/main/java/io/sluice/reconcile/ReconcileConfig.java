package io.sluice.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The {@code sluice.reconcile.*} keys. */
@ConfigMapping(prefix = "sluice.reconcile")
public interface ReconcileConfig {

    /** Time between two reconcile passes (a webhook or a decision due sooner starts one earlier). */
    @WithDefault("10s")
    Duration interval();

    /** AWS actions of one pass run at most this many at a time; rollbacks never wait in this queue. */
    @WithDefault("8")
    int concurrency();

    /**
     * A rollout at rest (Healthy, RolledBack, Suspended) whose file did not change is observed at most
     * this often, to spare the account's API quota; a Git change to it is looked at in the next pass.
     */
    @WithDefault("5m")
    Duration idleInterval();
}
