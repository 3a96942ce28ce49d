package io.sluice.analysis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analysis.DueCheck.CheckRef;
import io.sluice.model.status.RolloutStatus.CheckStatus;

/**
 * Every assessed measurement as Micrometer meters. Labels hold only rollout and check names (DNS
 * labels from the config repo) and the result (pass, fail, inconclusive, error): never values,
 * reasons or URLs, so the series count is bounded by the checks configured.
 */
final class AnalysisMetrics {
    /** Exported by the Prometheus registry as {@code sluice_check_measurements_total{rollout,check,result}}. */
    static final String MEASUREMENTS = "sluice.check.measurements";
    private final MeterRegistry registry;

    AnalysisMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(CheckRef ref, CheckStatus status) {
        Counter.builder(MEASUREMENTS)
                .description("Check measurements by result")
                .tag("rollout", ref.rollout())
                .tag("check", ref.check())
                .tag("result", status.result().name())
                .register(registry)
                .increment();
        // the last value itself is the sluice_check_value gauge, fed from the board
    }
}
