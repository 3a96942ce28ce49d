package io.sluice.lease;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code sluice.lease.*}: whether and how instances share the work (README, Running more than one instance). */
@ConfigMapping(prefix = "sluice.lease")
public interface LeaseConfig {

    /** {@code none}: one instance, which writes for everything (the default); {@code dynamodb}: leases in a table. */
    @WithDefault("none")
    String backend();

    /** The DynamoDB table of the leases (partition key {@code shard}, a string). */
    @WithDefault("sluice-leases")
    String table();

    /** The table's region; {@code sluice.aws.region} when unset. */
    Optional<String> region();

    /** How long a lease lasts without a heartbeat another instance sees change. */
    @WithDefault("15s")
    Duration duration();

    /** How often the holder renews; at most half of the duration. */
    @WithDefault("5s")
    Duration renewEvery();

    /**
     * With backend {@code none}: how often this instance moves its heartbeat ref in the config
     * repository and looks for other instances' ({@code 0s}: never). Another instance is reported
     * within about three of these.
     */
    @WithDefault("20s")
    Duration beaconEvery();

    /** This instance's name in the table and in its heartbeat ref; the host name, process id and a random suffix when unset. */
    Optional<String> instance();
}
