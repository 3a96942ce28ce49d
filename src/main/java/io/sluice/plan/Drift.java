package io.sluice.plan;

import static io.sluice.plan.Planner.VERIFY_INTERVAL;
import static io.sluice.plan.Planner.WAIT_INTERVAL;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.Side;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import java.util.Optional;

/**
 * Live weights that differ from what sluice set were changed by someone else, most likely a person
 * in an emergency. By default sluice holds and reports; it re-applies only with driftPolicy: heal.
 */
final class Drift {
    private Drift() {
    }

    static Decision inProgress(Planning p, Split expected) {
        int live = p.in().observed().weightOf(p.canary());
        Split seen = new Split(expected.stable(), expected.canary(), live);
        return react(p, expected, seen, Phase.Progressing);
    }

    /** The rollout completed earlier, and now the desired version no longer takes all traffic. */
    static Decision onHealthy(Planning p) {
        String canary = p.canary();
        int live = p.in().observed().weightOf(canary);
        String other = p.in().observed().heaviestOtherThan(canary).orElse("another version");
        Split expected = new Split(other, canary, 100);
        Split seen = new Split(other, canary, live);
        if (!(p.in().observed().settlement() instanceof Observed.Settled)) {
            p.draft().reason = Reason.DeploymentInProgress;
            p.draft().message = "all traffic should be on " + p.describe(canary) + "; AWS reports a change in progress";
            return p.hold(VERIFY_INTERVAL);
        }
        return react(p, expected, seen, Phase.Healthy);
    }

    /** Whether the last status was already this drift hold: its newest history entry is the drift. */
    static boolean holding(Planning p) {
        return p.before() == Phase.Degraded && p.in().last().map(s -> !s.history().isEmpty()
                && s.history().get(0).event().equals("drift")).orElse(false);
    }

    /** Closes a drift episode when the weights are back where sluice set them: one entry for its end. */
    static Decision clearedIfWasHeld(Planning p, Decision next) {
        StatusDraft d = p.draft();
        if (!holding(p) || next.status().phase() == Phase.Degraded) {
            return next;
        }
        var drift = p.in().last().get().history().get(0);
        d.record("driftCleared", drift.to(), drift.from(), Optional.of("live weights match what sluice set again"));
        return next.withStatus(d.build());
    }

    private static Decision react(Planning p, Split expected, Split seen, Phase resumePhase) {
        StatusDraft d = p.draft();
        String when = d.stepStartedAt.map(t -> " at " + t).orElse("");
        if (p.rollout().driftPolicy() == Rollout.DriftPolicy.HEAL) {
            d.record("heal", Optional.of(seen.toString()), Optional.of(expected.toString()),
                    Optional.of("live weights changed outside sluice"));
            d.phase = resumePhase;
            d.reason = Reason.StepInProgress;
            d.message = "live weights " + seen + " differed from " + expected + " that sluice set" + when
                    + "; re-applied (driftPolicy: heal)";
            d.canary = d.canary.map(c -> new Side(c.name(), c.version(), expected.canaryPercent()));
            return new Decision.ShiftWeights(expected, d.build(), Optional.of(p.now().plus(VERIFY_INTERVAL)));
        }
        if (!holding(p)) {
            // one entry (one commit, one notification) when the drift starts; the message stays current after
            d.record("drift", Optional.of(expected.toString()), Optional.of(seen.toString()),
                    Optional.of("live weights changed outside sluice"));
        }
        d.phase = Phase.Degraded;
        d.reason = Reason.Drift;
        d.message = "holding: live weights " + seen + " differ from " + expected + " that sluice set" + when
                + " (changed outside sluice). Restore " + expected + " to resume, set spec.driftPolicy: heal in "
                + p.rollout().source() + " to re-apply it, or spec.abort: true to roll back";
        return p.hold(WAIT_INTERVAL);
    }
}
