package io.sluice.analysis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analysis.DueCheck.CheckRef;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every assessed measurement as Micrometer meters. Labels hold only rollout and check names (DNS
 * labels from the config repo) and the result (pass, fail, inconclusive, error): never values,
 * reasons or URLs, so the series count is bounded by the checks configured.
 */
final class AnalysisMetrics {
    /** Exported by the Prometheus registry as {@code sluice_check_measurements_total{rollout,check,result}}. */
    static final String MEASUREMENTS = "sluice.check.measurements";
    /** Exported as {@code sluice_check_value{rollout,check}}: the last value, NaN when it had none. */
    static final String VALUE = "sluice.check.value";

    private final MeterRegistry registry;
    // gauges only hold their state weakly: keep it here
    private final Map<CheckRef, AtomicReference<Double>> values = new ConcurrentHashMap<>();

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
        values.computeIfAbsent(ref, r -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge.builder(VALUE, holder, AtomicReference::get)
                    .description("Last measured value of a check")
                    .tag("rollout", r.rollout())
                    .tag("check", r.check())
                    .register(registry);
            return holder;
        }).set(status.value().orElse(Double.NaN));
    }
}
