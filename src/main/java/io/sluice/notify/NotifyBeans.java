package io.sluice.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.sluice.model.status.RolloutStatus;
import io.sluice.reconcile.PassListener;
import io.sluice.reconcile.PassReport;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/** Notifications when {@code sluice.notify.webhook-url} is set; otherwise none. */
public class NotifyBeans {

    @Produces
    @Singleton
    @Unremovable
    Notifications notifications(NotifyConfig config, Instance<MeterRegistry> registry) {
        return new Notifications(config.webhookUrl().map(url -> new Notifier(url, new HashSet<>(config.events()),
                config.timeout(), registry.isResolvable() ? Optional.of(registry.get()) : Optional.empty())));
    }

    void close(@Disposes Notifications notifications) {
        notifications.notifier().ifPresent(Notifier::close);
    }

    /** The configured notifier, if any, fed by the reconcile loop after each pass. */
    public record Notifications(Optional<Notifier> notifier) implements PassListener {
        @Override
        public void passed(PassReport report) {
            notifier.ifPresent(n -> n.afterPass(report.statuses()));
        }

        /** What the statuses read back at start already told: only what happens after them is news. */
        @Override
        public void started(Map<String, RolloutStatus> recorded) {
            notifier.ifPresent(n -> n.alreadyTold(recorded));
        }
    }
}
