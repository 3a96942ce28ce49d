package io.sluice.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analysis.AnalysisClients;
import io.sluice.traffic.TrafficTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** CDI wiring of the AWS side; the classes themselves stay plain (and final, hence singletons) for tests. */
@ApplicationScoped
public class AwsProducers {

    @Produces
    @Singleton
    AwsClients awsClients(AwsConfig config, Instance<MeterRegistry> registry) {
        AwsCallStats stats = new AwsCallStats(registry.isResolvable() ? Optional.of(registry.get()) : Optional.empty());
        return new AwsClients(config.settings(), stats);
    }

    void close(@Disposes AwsClients clients) {
        clients.close();
    }

    @Produces
    @Singleton
    TrafficTargets trafficTargets(AwsClients clients) {
        return new DefaultTrafficTargets(clients);
    }

    @Produces
    @Singleton
    AnalysisClients analysisClients(AwsClients clients) {
        return new SharedAnalysisClients(clients);
    }

    /** A public way for code outside CDI (simulate, tests) to share one set of clients with the analyzer. */
    public static AnalysisClients analysisClientsOf(AwsClients clients) {
        return new SharedAnalysisClients(clients);
    }
}
