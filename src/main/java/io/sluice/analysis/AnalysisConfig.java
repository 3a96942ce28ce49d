package io.sluice.analysis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code sluice.analysis.*}: how checks are measured. */
@ConfigMapping(prefix = "sluice.analysis")
public interface AnalysisConfig {

    /** Batches (AWS calls, HTTP probes, Prometheus queries) running at once in a pass. */
    @WithDefault("16")
    int concurrency();

    /** Time a Prometheus instant query may take before it is a provider error. */
    @WithDefault("10s")
    Duration prometheusTimeout();

    /** Time one pass waits for all its measurements; a batch still running then is a provider error. */
    @WithDefault("20s")
    Duration passTimeout();

    /**
     * Hosts whose HTTP probes and Prometheus queries go to another address, as curl's --resolve:
     * {@code host=address[:port]}, comma-separated.
     */
    java.util.Optional<java.util.List<String>> resolve();
}
