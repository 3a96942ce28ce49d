package io.sluice.plan;

import static io.sluice.plan.Planner.VERIFY_INTERVAL;
import static io.sluice.plan.Planner.WAIT_INTERVAL;

import io.sluice.model.Durations;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.Side;
import io.sluice.model.status.RolloutStatus;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/** One planning call; holds the draft status and the ids of both sides. */
final class Planning {
    private final PlanInput in;
    private final Rollout rollout;
    private final Observed observed;
    private final Instant now;
    private final StatusDraft draft;
    private final String canary;
    private final Phase before;

    Planning(PlanInput in) {
        this.in = in;
        this.rollout = in.rollout();
        this.observed = in.observed();
        this.now = in.now();
        this.draft = new StatusDraft(rollout.name(), in.last(), now);
        this.canary = rollout.desiredVersion();
        this.before = in.last().map(RolloutStatus::phase).orElse(Phase.Healthy);
        CheckVerdicts.merge(this);
    }

    Decision decide() {
        if (rollout.suspend()) {
            draft.phase = Phase.Suspended;
            draft.reason = Reason.Suspended;
            draft.message = "suspended by spec.suspend in " + rollout.source()
                    + ": observing only; set it to false to resume";
            return new Decision.NoChange(draft.build(), Optional.of(now.plus(WAIT_INTERVAL)));
        }
        boolean inFlight = before == Phase.Progressing || before == Phase.Paused || before == Phase.Degraded;
        Optional<String> lastCanary = draft.canary.map(Side::name);
        Optional<String> lastStable = draft.stable.map(Side::name);
        if (inFlight && lastCanary.isPresent() && !lastCanary.get().equals(canary) && tookNoTraffic(lastCanary.get())) {
            // a correction, not a rollback: the version it replaces never took traffic, so nothing is undone
            draft.record("corrected", Optional.of(describe(lastCanary.get())), Optional.of(describe(canary)),
                    Optional.of("desired version changed before " + describe(lastCanary.get()) + " took traffic"));
            draft.canary = Optional.empty();
            draft.step = Optional.empty();
            return startOrStayHealthy();
        }
        if (inFlight && lastCanary.isPresent() && !lastCanary.get().equals(canary)) {
            String stable = lastStable.orElseGet(() -> otherThan(lastCanary.get()));
            String reason = canary.equals(stable)
                    ? "desired version reverted to the stable " + describe(stable) + " in Git"
                    : "desired version changed from " + describe(lastCanary.get()) + " to " + describe(canary)
                    + " during the rollout";
            return rollBack(new Split(stable, lastCanary.get(), 0), reason, Reason.VersionChanged);
        }
        if (before == Phase.RolledBack && lastCanary.equals(Optional.of(canary))
                && (draft.retry == rollout.retry() || rollout.abort())) {
            // rolled back already: the write is made once, then AWS is waited for, never written again
            return stayRolledBack();
        }
        if (rollout.abort()) {
            return abort(inFlight);
        }
        boolean continuing = inFlight && lastCanary.equals(Optional.of(canary));
        if (!continuing) {
            return startOrStayHealthy();
        }
        return progress();
    }

    /** Neither recorded nor live traffic on {@code id}: it never got any in this attempt. */
    private boolean tookNoTraffic(String id) {
        return takesNoTraffic(id) && draft.history.stream().takeWhile(h -> !h.event().equals("start"))
                .noneMatch(h -> h.event().equals("setWeight"));
    }

    /** Neither AWS nor the last status gives {@code id} any traffic now. */
    private boolean takesNoTraffic(String id) {
        return observed.weightOf(id) == 0 && draft.canary.map(c -> c.weight() == 0).orElse(true);
    }

    private Decision startOrStayHealthy() {
        draft.observedCommit = Optional.of(in.commit());
        draft.retry = rollout.retry();
        if (observed.soleOwner().equals(Optional.of(canary)) && observed.settlement() instanceof Observed.Settled) {
            return Drift.clearedIfWasHeld(this, healthy());
        }
        if (draft.stable.map(Side::name).equals(Optional.of(canary)) && draft.canary.isEmpty()) {
            return Drift.onHealthy(this);
        }
        Optional<String> stable = stableId();
        if (stable.isEmpty()) {
            draft.phase = Phase.Degraded;
            draft.reason = Reason.NoStableVersion;
            draft.message = "nothing takes traffic and no stable version is known: set the weights once by hand";
            return hold(WAIT_INTERVAL);
        }
        if (!in.desiredIsCurrent()) {
            draft.reason = Reason.InvalidFile;
            draft.message = "rollout file is broken (" + in.desiredProblem().get() + "): nothing new starts";
            return new Decision.NoChange(draft.build(), Optional.of(now.plus(WAIT_INTERVAL)));
        }
        int count = rollout.strategy().steps().size();
        draft.phase = Phase.Progressing;
        draft.stable = Optional.of(side(stable.get()));
        draft.canary = Optional.of(side(canary));
        draft.checks = new ArrayList<>();
        Optional<Decision> notReady = beforeFirstStep(count);
        if (notReady.isPresent()) {
            return notReady.get();
        }
        Optional<Decision> alarmed = StartGate.holds(this, count);
        if (alarmed.isPresent()) {
            return alarmed.get();
        }
        draft.record("start", Optional.of(describe(stable.get())), Optional.of(describe(canary)), Optional.empty());
        draft.startStep(1, count);
        return Steps.run(this, 1);
    }

    private Decision progress() {
        draft.phase = Phase.Progressing;
        // a retry bumped while this attempt runs is answered by this attempt: it never starts a second one
        draft.retry = rollout.retry();
        int index = draft.step.map(RolloutStatus.StepProgress::index).orElse(1);
        // before step 1 only the start gate's alarms are read: they hold the start, they never roll back
        Optional<Decision> failed = index == 0 ? Optional.empty() : CheckVerdicts.failed(this);
        if (failed.isPresent()) {
            return failed.get();
        }
        if (observed.settlement() instanceof Observed.Failed f) {
            return rollBack(new Split(stableOrOther(), canary, 0), "deployment of " + describe(canary)
                    + " failed: " + f.reason(), Reason.DeploymentFailed);
        }
        Optional<Decision> errors = CheckVerdicts.providerErrors(this);
        if (errors.isPresent()) {
            return errors.get();
        }
        if (index == 0) {
            // still before step 1: the new version must be ready now, not only when the rollout was first seen
            Optional<Decision> notReady = beforeFirstStep(rollout.strategy().steps().size());
            if (notReady.isPresent()) {
                return notReady.get();
            }
            Optional<Decision> alarmed = StartGate.holds(this, rollout.strategy().steps().size());
            if (alarmed.isPresent()) {
                return alarmed.get();
            }
            draft.checks = new ArrayList<>(); // the attempt's checks count from its start
            draft.record("start", Optional.of(describe(stableOrOther())), Optional.of(describe(canary)), Optional.empty());
            draft.startStep(1, rollout.strategy().steps().size());
            index = 1;
        }
        return Drift.clearedIfWasHeld(this, Steps.run(this, index));
    }

    /** A hold (or, ECS blue/green, a deploy to the idle service) while the new version cannot take traffic. */
    private Optional<Decision> beforeFirstStep(int count) {
        String where = "waiting before step 1/" + count + ": ";
        if (observed.canaryReadiness() instanceof Observed.NotDeployed idle) {
            draft.step = Optional.of(new RolloutStatus.StepProgress(0, count));
            if (!in.desiredIsCurrent()) {
                draft.reason = Reason.InvalidFile;
                draft.message = where + rollout.source() + " is broken (" + in.desiredProblem().get()
                        + "); nothing is deployed until it is fixed";
                return Optional.of(hold(WAIT_INTERVAL));
            }
            String deployed = canary + " (" + idle.idleSide() + ")";
            if (deployedInThisAttempt(deployed)) {
                // a circuit-breaker rollback that completed between two passes leaves no trace on the
                // service; deploying again would repeat the same failure on every pass
                return Optional.of(rolledBackWithoutWrite(new Split(stableOrOther(), canary, 0), "deployment of "
                        + deployed + " was undone before it"
                        + " took traffic: " + idle.reason() + " (an ECS circuit-breaker rollback, or a change by hand)",
                        Reason.DeploymentFailed));
            }
            draft.reason = Reason.DeploymentInProgress;
            draft.message = where + "deploying " + canary + " to the idle service " + idle.idleSide() + " ("
                    + idle.reason() + ")";
            draft.record("deploy", Optional.empty(), Optional.of(deployed), Optional.empty());
            return Optional.of(new Decision.DeployRevision(idle.idleSide(), canary, draft.build(),
                    Optional.of(now.plus(VERIFY_INTERVAL))));
        }
        if (observed.canaryReadiness() instanceof Observed.NotReady notReady) {
            draft.step = Optional.of(new RolloutStatus.StepProgress(0, count));
            if (draft.stepStartedAt.isEmpty()) {
                draft.stepStartedAt = Optional.of(now); // the progress deadline counts from the first wait
            } else if (Steps.pastDeadline(this)) {
                return Optional.of(deadlineExceeded(where + describe(canary) + " was not ready within "
                        + Durations.format(rollout.progressDeadline()) + ": " + notReady.reason()));
            }
            draft.reason = Reason.NotReady;
            draft.message = where + describe(canary) + " is not ready: " + notReady.reason();
            return Optional.of(hold(WAIT_INTERVAL));
        }
        return Optional.empty();
    }

    /**
     * Whether this rollout already deployed {@code deployed} (revision and side) since it last started,
     * completed or rolled back: the history is newest first, and those events end an attempt.
     */
    private boolean deployedInThisAttempt(String deployed) {
        for (RolloutStatus.HistoryEntry h : draft.history) {
            switch (h.event()) {
                case "deploy" -> {
                    if (h.to().equals(Optional.of(deployed))) {
                        return true;
                    }
                }
                case "start", "completed", "rollback" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /**
     * After a restart (or a write that failed on the way back), all traffic is on the stable side
     * while the last status had the canary taking some: the rollback sluice would make, and a person
     * in an emergency makes. Recorded as a rollback, with no AWS action: the release stays off.
     */
    Decision rolledBackUnrecorded(String stable) {
        return rolledBackWithoutWrite(new Split(stable, canary, 0), "all traffic was found on " + describe(stable)
                + " while the last recorded status had " + describe(canary) + " taking "
                + draft.canary.map(c -> (int) Math.round(c.weight())).orElse(0)
                + "% (a rollback whose status commit was lost, or a change by hand)", Reason.RollbackFound);
    }

    /**
     * A step AWS did not settle in time: rolled back (with no AWS action while the new version took no
     * traffic), or held with the reason when automatic rollback is off.
     */
    Decision deadlineExceeded(String what) {
        if (!rollout.rollback().automatic()) {
            draft.phase = Phase.Degraded;
            draft.reason = Reason.ProgressDeadlineExceeded;
            draft.message = "holding: " + what + "; automatic rollback is off: set spec.abort: true in " + rollout.source()
                    + " to roll back";
            return hold(WAIT_INTERVAL);
        }
        Split back = new Split(stableOrOther(), canary, 0);
        return takesNoTraffic(canary) ? rolledBackWithoutWrite(back, what, Reason.ProgressDeadlineExceeded)
                : rollBack(back, what, Reason.ProgressDeadlineExceeded);
    }

    /** Recorded as rolled back with no AWS action: the traffic {@code back} sets is already what AWS serves. */
    private Decision rolledBackWithoutWrite(Split back, String reason, Reason cause) {
        // made before this pass (a lost write, AWS's own rollback): from the weight that was set
        markRolledBack(back, reason, cause, draft.canary.map(c -> (int) Math.round(c.weight())).orElse(0));
        return new Decision.Hold(draft.build(), Optional.of(now.plus(WAIT_INTERVAL)));
    }

    Decision healthy() {
        boolean completed = before != Phase.Healthy || draft.stable.map(s -> !s.name().equals(canary)).orElse(true);
        if (completed && draft.canary.map(Side::name).equals(Optional.of(canary))) {
            draft.record("completed", Optional.empty(), Optional.of(describe(canary)), Optional.empty());
        }
        draft.phase = Phase.Healthy;
        draft.stable = Optional.of(new Side(canary, version(canary), 100));
        draft.canary = Optional.empty();
        draft.clearProgress();
        draft.reason = Reason.Completed;
        draft.message = "all traffic on " + describe(canary);
        return new Decision.NoChange(draft.build(), Optional.empty());
    }

    private Decision stayRolledBack() {
        int live = observed.weightOf(canary);
        draft.reason = lastRollbackCause().orElse(Reason.Aborted);
        draft.message = live > 0 && draft.canary.map(s -> s.weight() == 0).orElse(false)
                ? "rolled back; waiting for AWS to report 0% on " + describe(canary)
                : "rolled back" + lastRollbackReason().map(r -> " (" + r + ")").orElse("") + ": " + describe(canary)
                + " stays off until the desired state changes: push a new version, or bump spec.retry in "
                + rollout.source() + " to run it again";
        return new Decision.NoChange(draft.build(), live > 0 ? Optional.of(now.plus(VERIFY_INTERVAL)) : Optional.empty());
    }

    private Decision abort(boolean inFlight) {
        if (inFlight || observed.weightOf(canary) > 0 && observed.soleOwner().map(o -> !o.equals(canary)).orElse(true)) {
            return rollBack(new Split(stableOrOther(), canary, 0), "aborted by spec.abort in " + rollout.source(), Reason.Aborted);
        }
        draft.reason = Reason.Aborted;
        draft.message = "spec.abort is set in " + rollout.source() + ": nothing starts until it is removed";
        return new Decision.NoChange(draft.build(), Optional.empty());
    }

    private Optional<Reason> lastRollbackCause() {
        return draft.history.stream().filter(h -> h.event().equals("rollback")).findFirst()
                .flatMap(RolloutStatus.HistoryEntry::cause);
    }

    private Optional<String> lastRollbackReason() {
        return draft.history.stream().filter(h -> h.event().equals("rollback")).findFirst()
                .flatMap(RolloutStatus.HistoryEntry::reason);
    }

    Decision rollBack(Split split, String reason, Reason cause) {
        // from what AWS serves now: an ECS revision that never ran took no traffic, whatever was set
        markRolledBack(split, reason, cause, observed.weightOf(split.canary()));
        return new Decision.RollBack(split, reason, draft.build(), Optional.of(now.plus(VERIFY_INTERVAL)));
    }

    /** @param fromCanary the canary's percent the rollback takes traffic from */
    private void markRolledBack(Split split, String reason, Reason cause, int fromCanary) {
        // no from when nothing moved (a rollback before any traffic): "100/0 to 100/0" says nothing
        Optional<String> from = Optional.of(new Split(split.stable(), split.canary(), fromCanary).toString())
                .filter(f -> !f.equals(split.toString()));
        draft.phase = Phase.RolledBack;
        draft.stable = Optional.of(new Side(split.stable(), version(split.stable()), 100));
        draft.canary = Optional.of(new Side(split.canary(), version(split.canary()), 0));
        draft.clearProgress();
        draft.reason = cause;
        draft.message = "rolled back: " + reason + "; all traffic on " + describe(split.stable());
        draft.record("rollback", from, Optional.of(split.toString()), Optional.of(reason), Optional.of(cause));
    }

    Decision hold(Duration recheck) {
        return new Decision.Hold(draft.build(), Optional.of(now.plus(recheck)));
    }

    Optional<String> stableId() {
        Optional<String> fromStatus = draft.stable.map(Side::name).filter(s -> !s.equals(canary));
        if (fromStatus.isPresent()) {
            return fromStatus;
        }
        Optional<String> live = observed.heaviestOtherThan(canary);
        return live.isPresent() ? live : sidesOther(canary);
    }

    String stableOrOther() {
        return stableId().orElseGet(() -> otherThan(canary));
    }

    private String otherThan(String id) {
        return observed.heaviestOtherThan(id).or(() -> sidesOther(id)).orElse(id);
    }

    private Optional<String> sidesOther(String id) {
        return rollout.target().namedSides().flatMap(s -> s.other(id));
    }

    Side side(String id) {
        return new Side(id, version(id), observed.weightOf(id));
    }

    String version(String id) {
        return observed.versions().getOrDefault(id, id);
    }

    String describe(String id) {
        String v = version(id);
        return v.equals(id) ? id : id + " (" + v + ")";
    }

    PlanInput in() {
        return in;
    }

    /** The phase of the last status, before this call. */
    Phase before() {
        return before;
    }

    Rollout rollout() {
        return rollout;
    }

    StatusDraft draft() {
        return draft;
    }

    String canary() {
        return canary;
    }

    Instant now() {
        return now;
    }
}
