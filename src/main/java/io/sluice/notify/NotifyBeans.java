package io.sluice.notify;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Optional;

/** Notifications when {@code sluice.notify.webhook-url} is set; otherwise none. */
public class NotifyBeans {

    @Produces
    @Singleton
    Notifications notifications(NotifyConfig config, Instance<MeterRegistry> registry) {
        return new Notifications(config.webhookUrl().map(url -> new Notifier(url, new HashSet<>(config.events()),
                config.timeout(), registry.isResolvable() ? Optional.of(registry.get()) : Optional.empty())));
    }

    void close(@Disposes Notifications notifications) {
        notifications.notifier().ifPresent(Notifier::close);
    }

    /** The configured notifier, if any. */
    public record Notifications(Optional<Notifier> notifier) {
        public void afterPass(java.util.Map<String, io.sluice.model.status.RolloutStatus> statuses) {
            notifier.ifPresent(n -> n.afterPass(statuses));
        }

        /** What the statuses read back at start already told: only what happens after them is news. */
        public void alreadyTold(java.util.Map<String, io.sluice.model.status.RolloutStatus> recorded) {
            notifier.ifPresent(n -> n.alreadyTold(recorded));
        }
    }
}
