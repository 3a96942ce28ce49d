package io.sluice.reconcile;

import io.sluice.model.status.Condition;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One INFO line per decision a person would want to follow (a start, a step, a pause, an approval
 * wait, a rollback, drift, completion) and per condition that starts or clears (cannot observe, a
 * file problem, a provider error), with the rollout, event and reason as MDC fields for JSON logs.
 */
final class DecisionLog {
    private static final Logger LOG = Logger.getLogger("io.sluice.rollout");

    private DecisionLog() {
    }

    static void changed(RolloutStatus before, RolloutStatus after) {
        try {
            MDC.put("rollout", after.rollout());
            for (HistoryEntry h : fresh(before, after)) {
                MDC.put("event", h.event());
                h.cause().ifPresentOrElse(c -> MDC.put("reason", c.name()), () -> MDC.remove("reason"));
                LOG.infof("rollout=%s event=%s%s%s%s%s", after.rollout(), h.event(),
                        h.cause().map(c -> " reason=" + c).orElse(""), h.from().map(f -> " from=" + f).orElse(""),
                        h.to().map(t -> " to=" + t).orElse(""), h.reason().map(r -> ": " + r).orElse(""));
            }
            MDC.remove("event");
            Optional<Condition> was = before == null ? Optional.empty() : before.condition(Condition.Type.Degraded);
            Optional<Condition> now = after.condition(Condition.Type.Degraded);
            if (now.isPresent() && !now.get().sameAs(was.orElse(null)) && (now.get().status()
                    || was.map(Condition::status).orElse(false))) {
                Condition c = now.get();
                MDC.put("reason", c.status() ? c.reason().name() : was.get().reason().name());
                if (c.status()) {
                    LOG.infof("rollout=%s phase=%s reason=%s: %s", after.rollout(), after.phase(), c.reason(), c.message());
                } else {
                    LOG.infof("rollout=%s phase=%s reason=%s cleared: %s", after.rollout(), after.phase(),
                            was.get().reason(), after.message());
                }
            }
        } finally {
            MDC.remove("rollout");
            MDC.remove("reason");
            MDC.remove("event");
        }
    }

    /** The entries {@code after} added, oldest first. */
    private static List<HistoryEntry> fresh(RolloutStatus before, RolloutStatus after) {
        java.util.Set<HistoryEntry> seen = before == null ? java.util.Set.of() : new java.util.HashSet<>(before.history());
        List<HistoryEntry> out = new java.util.ArrayList<>(after.history().stream().filter(h -> !seen.contains(h)).toList());
        java.util.Collections.reverse(out);
        return out;
    }
}
