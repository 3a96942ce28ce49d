package io.sluice.analysis;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** CDI wiring of the {@link Analyzer}: the application's {@link AnalysisClients} if it has any, and its meter registry. */
public class AnalyzerProducer {

    @Produces
    @Singleton
    Analyzer analyzer(AnalysisConfig config, Instance<AnalysisClients> clients, Instance<MeterRegistry> registry) {
        AnalysisClients aws = clients.isResolvable() ? clients.get() : new SdkAnalysisClients();
        return new DefaultAnalyzer(aws, new DefaultAnalyzer.Settings(config.concurrency(), config.prometheusTimeout(),
                config.passTimeout(), AddressOverrides.parse(config.resolve().orElse(java.util.List.of()))), registry.isResolvable() ? Optional.of(registry.get()) : Optional.empty());
    }

    void close(@Disposes Analyzer analyzer) {
        if (analyzer instanceof DefaultAnalyzer d) {
            d.close();
        }
    }
}
