package io.sluice.plan;

import static io.sluice.plan.Planner.WAIT_INTERVAL;

import io.sluice.model.Check;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.traffic.Split;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the checks of a rollout decide: the latest measurements kept, a rollback, or a hold. */
final class CheckVerdicts {
    private CheckVerdicts() {
    }

    static Optional<Decision> failed(Planning p) {
        for (Check check : p.rollout().analysis().map(a -> a.checks()).orElse(List.of())) {
            if (check.dryRun()) {
                continue; // measured and reported, never acted on
            }
            Optional<CheckStatus> status = p.draft().checks.stream().filter(c -> c.name().equals(check.name())).findFirst();
            if (status.isPresent() && AbortVerdict.abortsRollout(check, status.get())) {
                String reason = AbortVerdict.describeFailure(check, status.get());
                if (p.rollout().rollback().automatic()) {
                    return Optional.of(p.rollBack(new Split(p.stableOrOther(), p.canary(), 0), reason, Reason.CheckFailed));
                }
                p.draft().phase = Phase.Degraded;
                p.draft().reason = Reason.CheckFailed;
                p.draft().message = "check failed: " + reason + "; automatic rollback is off: set spec.abort: true in "
                        + p.rollout().source() + " to roll back";
                return Optional.of(p.hold(WAIT_INTERVAL));
            }
        }
        return Optional.empty();
    }

    static Optional<Decision> providerErrors(Planning p) {
        int budget = p.rollout().analysis().map(a -> a.maxConsecutiveErrors()).orElse(Integer.MAX_VALUE);
        for (CheckStatus c : p.draft().checks) {
            if (c.consecutiveErrors() >= budget && !dryRun(p, c)) {
                p.draft().phase = Phase.Degraded;
                p.draft().reason = Reason.ProviderError;
                p.draft().message = "holding: check " + c.name() + " could not be measured " + c.consecutiveErrors()
                        + " times in a row" + c.detail().map(d -> " (last: " + d + ")").orElse("")
                        + "; provider errors are never counted as failures";
                return Optional.of(p.hold(WAIT_INTERVAL));
            }
        }
        return Optional.empty();
    }

    /** A dry-run check, by the rollout file (or, for a check no longer in it, by its last status). */
    static boolean dryRun(Planning p, CheckStatus c) {
        return p.rollout().analysis().flatMap(a -> a.checks().stream().filter(x -> x.name().equals(c.name())).findFirst())
                .map(Check::dryRun).orElse(c.dryRun());
    }

    static void merge(Planning p) {
        for (CheckStatus m : p.in().measured()) {
            p.draft().checks.removeIf(c -> c.name().equals(m.name()));
            p.draft().checks.add(m);
        }
        List<String> order = p.rollout().analysis().map(a -> a.checks().stream().map(Check::name).toList()).orElse(List.of());
        p.draft().checks.removeIf(c -> !order.contains(c.name()));
        p.draft().checks.sort(Comparator.comparingInt(c -> order.indexOf(c.name())));
    }
}
