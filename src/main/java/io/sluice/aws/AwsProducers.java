package io.sluice.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analysis.AnalysisClients;
import io.sluice.traffic.TrafficTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** CDI wiring of the AWS side; the classes themselves stay plain (and final, hence singletons) for tests. */
@ApplicationScoped
public class AwsProducers {
    private static final Logger LOG = Logger.getLogger(AwsProducers.class);

    @Produces
    @Singleton
    AwsClients awsClients(AwsConfig config, Instance<MeterRegistry> registry,
                          @ConfigProperty(name = "sluice.lease.backend", defaultValue = "none") String leases,
                          @ConfigProperty(name = "sluice.lease.duration", defaultValue = "15s") Duration lease) {
        AwsCallStats stats = new AwsCallStats(registry.isResolvable() ? Optional.of(registry.get()) : Optional.empty());
        AwsSettings settings = config.settings();
        if (leases.equals("dynamodb")) {
            // a holder stops writing half a lease after its last renewal and nobody takes over before a
            // whole lease: a call cut off after half a lease lands before any takeover
            AwsSettings capped = settings.withCallTimeoutAtMost(lease.dividedBy(2));
            if (!capped.callTimeout().equals(settings.callTimeout())) {
                LOG.infof("sluice.aws.call-timeout %s is cut to %s, half of sluice.lease.duration, so that no AWS write"
                        + " can land after another instance takes a lease over", settings.callTimeout(), capped.callTimeout());
            }
            settings = capped;
        }
        return new AwsClients(settings, stats);
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
