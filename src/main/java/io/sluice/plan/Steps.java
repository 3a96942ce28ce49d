package io.sluice.plan;

import static io.sluice.plan.Planner.VERIFY_INTERVAL;
import static io.sluice.plan.Planner.WAIT_INTERVAL;

import io.sluice.model.Durations;
import io.sluice.model.Step;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.model.status.RolloutStatus.Side;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Walks the strategy from the current step: a step whose condition already holds is done at once
 * and the next one is looked at in the same pass, so a restart never waits a pass per step.
 */
final class Steps {
    /** A weight sluice set that AWS still does not report after this long was changed by someone else. */
    static final Duration DRIFT_GRACE = Duration.ofMinutes(2);

    private Steps() {
    }

    static Decision run(Planning p, int startIndex) {
        StatusDraft d = p.draft();
        Observed o = p.in().observed();
        List<Step> steps = p.rollout().strategy().steps();
        int count = steps.size();
        String canary = p.canary();
        String stable = p.stableOrOther();
        Instant now = p.now();
        int live = o.weightOf(canary);
        boolean settled = o.settlement() instanceof Observed.Settled;
        int index = startIndex;
        while (true) {
            if (index > count) {
                if (live == 100 && settled) {
                    return p.healthy();
                }
                d.reason = Reason.StepInProgress;
                d.message = "all steps done; waiting for AWS to report all traffic on " + p.describe(canary);
                return p.hold(VERIFY_INTERVAL);
            }
            Step step = steps.get(index - 1);
            int set = d.canary.map(s -> (int) Math.round(s.weight())).orElse(live);
            String where = "step " + index + "/" + count;
            boolean currentWeight = step instanceof Step.SetWeight w && w.percent() == live;
            if (live != set && !currentWeight && p.in().lastWriteUnconfirmed()) {
                int written = laterSetWeight(p, steps, index, live);
                if (written > 0) {
                    // a later weight sluice wrote before its status commits were lost: carry on from there
                    adopt(p, live);
                    d.startStep(written, count);
                    index = written;
                    continue;
                }
            }
            if (step instanceof Step.SetWeight w) {
                int target = w.percent();
                if (live == target && settled) {
                    observedWeights(p, live);
                    d.record("setWeight", Optional.of(lastVerified(d, stable, canary)),
                            Optional.of(new Split(stable, canary, live).toString()), Optional.empty());
                    index = next(d, index, count);
                    continue;
                }
                if (set != target && (live == target || !settled) && p.in().lastWriteUnconfirmed()) {
                    // sluice's own write whose status commit was lost (the split is live, or AWS is still moving
                    // to it: an ECS deployment, a Route 53 change): take it as made, never write it twice
                    adopt(p, target);
                    d.stepStartedAt = Optional.of(now);
                    set = target;
                }
                if (set == target) {
                    boolean longAgo = d.stepStartedAt.map(t -> now.isAfter(t.plus(DRIFT_GRACE))).orElse(false);
                    if (longAgo && settled && live != target) {
                        return Drift.inProgress(p, new Split(stable, canary, set));
                    }
                    if (pastDeadline(p)) {
                        return p.deadlineExceeded(where + ": AWS did not report " + new Split(stable, canary, target)
                                + " within " + Durations.format(p.rollout().progressDeadline()) + " (now "
                                + new Split(stable, canary, live) + (settled ? "" : ", " + progressOf(o)) + ")");
                    }
                    d.reason = settled ? Reason.StepInProgress : Reason.DeploymentInProgress;
                    d.message = where + ": waiting for AWS to report " + new Split(stable, canary, target) + " (now "
                            + new Split(stable, canary, live) + (settled ? "" : ", " + progressOf(o)) + ")";
                    return p.hold(VERIFY_INTERVAL);
                }
                if (!p.in().desiredIsCurrent()) {
                    return brokenFile(p, where);
                }
                Optional<Decision> held = heldByFailingCheck(p, where, new Split(stable, canary, live));
                if (held.isPresent()) {
                    return held.get();
                }
                Split split = new Split(stable, canary, target);
                d.canary = Optional.of(new Side(canary, p.version(canary), target));
                d.stable = Optional.of(new Side(stable, p.version(stable), 100 - target));
                d.stepStartedAt = Optional.of(now);
                d.reason = Reason.StepInProgress;
                d.message = where + ": shifting to " + split;
                return new Decision.ShiftWeights(split, d.build(), Optional.of(now.plus(VERIFY_INTERVAL)));
            }
            if (live != set && live == 0 && set > 0 && settled && p.in().lastWriteUnconfirmed()) {
                return p.rolledBackUnrecorded(stable);
            }
            if (live != set && settled) {
                return Drift.inProgress(p, new Split(stable, canary, set));
            }
            if (!(step instanceof Step.Analysis)) {
                Optional<Decision> held = heldByFailingCheck(p, where, new Split(stable, canary, live));
                if (held.isPresent() && isDue(p, step, index)) {
                    return held.get();
                }
            }
            if (step instanceof Step.Pause pause && pause.duration().isPresent()) {
                Instant until = pauseEnd(d, pause, now);
                if (!now.isBefore(until)) {
                    index = next(d, index, count);
                    continue;
                }
                d.pausedUntil = Optional.of(until);
                d.reason = Reason.Pausing;
                d.message = where + ": holding " + new Split(stable, canary, live) + " until " + until;
                return new Decision.Hold(d.build(), Optional.of(until));
            }
            if (step instanceof Step.Pause) {
                if (p.rollout().approvedStep() >= index) {
                    d.record("approved", Optional.empty(), Optional.empty(), Optional.of("spec.approvedStep: " + index));
                    index = next(d, index, count);
                    continue;
                }
                if (p.before() != Phase.Paused) {
                    d.record("approval", Optional.empty(), Optional.of(new Split(stable, canary, live).toString()),
                            Optional.of("set spec.approvedStep: " + index + " in " + p.rollout().source()));
                }
                d.phase = Phase.Paused;
                d.reason = Reason.WaitingForApproval;
                d.message = where + ": waiting for approval at " + new Split(stable, canary, live)
                        + ": set spec.approvedStep: " + index + " in " + p.rollout().source();
                return new Decision.AwaitApproval(index, d.build(), Optional.of(now.plus(WAIT_INTERVAL)));
            }
            Step.Analysis analysis = (Step.Analysis) step;
            Instant until = d.stepStartedAt.orElse(now).plus(analysis.duration());
            Optional<String> notPassing = notPassing(p, analysis).or(() -> failing(p));
            if (!now.isBefore(until) && notPassing.isEmpty()) {
                index = next(d, index, count);
                continue;
            }
            d.reason = now.isBefore(until) ? Reason.Pausing : Reason.CheckFailing;
            d.message = now.isBefore(until)
                    ? where + ": analysing " + new Split(stable, canary, live) + " until " + until
                    : where + ": analysis time is over but " + notPassing.get() + "; holding until it passes";
            Instant recheck = now.isBefore(until) ? until : now.plus(p.rollout().analysis()
                    .map(a -> a.interval()).orElse(WAIT_INTERVAL));
            return new Decision.Hold(d.build(), Optional.of(recheck));
        }
    }

    /** The split the last verified step of this attempt left, or all on stable before the first. */
    private static String lastVerified(StatusDraft d, String stable, String canary) {
        for (var h : d.history) {
            if (h.event().equals("setWeight") && h.to().isPresent()) {
                return h.to().get();
            }
            if (h.event().equals("start") || h.event().equals("corrected")) {
                break;
            }
        }
        return new Split(stable, canary, 0).toString();
    }

    /** The current step began longer ago than the rollout's progress deadline. */
    static boolean pastDeadline(Planning p) {
        return p.draft().stepStartedAt.map(t -> !p.now().isBefore(t.plus(p.rollout().progressDeadline()))).orElse(false);
    }

    /**
     * The 1-based index of the first setWeight step after {@code index} that sets {@code live}, or 0: a weight
     * sluice itself could have written since the last status it recorded (several writes may have been lost
     * to crashes in a row), but not past an approval pause nobody approved.
     */
    private static int laterSetWeight(Planning p, List<Step> steps, int index, int live) {
        for (int i = index; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof Step.Pause pause && pause.duration().isEmpty() && p.rollout().approvedStep() < i + 1) {
                return 0;
            }
            if (s instanceof Step.SetWeight w && w.percent() == live) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void adopt(Planning p, int live) {
        StatusDraft d = p.draft();
        d.canary = d.canary.map(c -> new Side(c.name(), c.version(), live));
        d.stable = d.stable.map(s -> new Side(s.name(), s.version(), 100 - live));
    }

    /**
     * Whether this pause or approval step would end now (its time is up, or it is approved): only
     * then does a failing check hold it; until then the step holds anyway, with its own message.
     */
    private static boolean isDue(Planning p, Step step, int index) {
        StatusDraft d = p.draft();
        if (step instanceof Step.Pause pause && pause.duration().isPresent()) {
            return !p.now().isBefore(pauseEnd(d, pause, p.now()));
        }
        return p.rollout().approvedStep() >= index;
    }

    /** When a timed pause ends: its recorded deadline, else its duration after the step began. */
    private static Instant pauseEnd(StatusDraft d, Step.Pause pause, Instant now) {
        return d.pausedUntil.orElseGet(() -> d.stepStartedAt.orElse(now).plus(pause.duration().get()));
    }

    /** A step advances only while no check's latest result is a failure: a failing result holds the weight. */
    private static Optional<Decision> heldByFailingCheck(Planning p, String where, Split live) {
        Optional<String> failing = failing(p);
        if (failing.isEmpty()) {
            return Optional.empty();
        }
        p.draft().reason = Reason.CheckFailing;
        p.draft().message = where + ": holding " + live + " because " + failing.get()
                + "; the next step waits until it passes";
        return Optional.of(p.hold(p.rollout().analysis().map(a -> a.interval()).orElse(WAIT_INTERVAL)));
    }

    /** The first check whose latest result is a failure (below its rollback count, or it would have rolled back). */
    private static Optional<String> failing(Planning p) {
        for (CheckStatus c : p.draft().checks) {
            if (c.result() == Result.fail && !CheckVerdicts.dryRun(p, c)) {
                return Optional.of("check " + c.name() + " is failing (" + c.consecutiveFailures() + " in a row)");
            }
        }
        return Optional.empty();
    }

    private static int next(StatusDraft d, int index, int count) {
        int nextIndex = index + 1;
        if (nextIndex <= count) {
            d.startStep(nextIndex, count);
        }
        return nextIndex;
    }

    private static void observedWeights(Planning p, int live) {
        StatusDraft d = p.draft();
        d.canary = d.canary.map(c -> new Side(c.name(), c.version(), live));
        d.stable = d.stable.map(s -> new Side(s.name(), s.version(), 100 - live));
    }

    /** The analysis step's checks (all, or the named ones) must have passed at their last measurement. */
    private static Optional<String> notPassing(Planning p, Step.Analysis step) {
        List<String> dryRuns = p.rollout().analysis().map(a -> a.checks().stream().filter(c -> c.dryRun())
                .map(c -> c.name()).toList()).orElse(List.of());
        List<String> names = (step.checks().isEmpty()
                ? p.rollout().analysis().map(a -> a.checks().stream().map(c -> c.name()).toList()).orElse(List.of())
                : step.checks()).stream().filter(n -> !dryRuns.contains(n)).toList();
        for (String name : names) {
            Optional<CheckStatus> c = p.draft().checks.stream().filter(s -> s.name().equals(name)).findFirst();
            if (c.isEmpty()) {
                return Optional.of("check " + name + " has not been measured yet");
            }
            if (c.get().result() != Result.pass) {
                return Optional.of("check " + name + " is " + c.get().result());
            }
        }
        return Optional.empty();
    }

    private static String progressOf(Observed o) {
        return o.settlement() instanceof Observed.InProgress ip ? ip.what() : "not settled";
    }

    private static Decision brokenFile(Planning p, String where) {
        p.draft().reason = Reason.InvalidFile;
        p.draft().message = where + ": " + p.rollout().source() + " is broken (" + p.in().desiredProblem().get()
                + "); holding here, checks still run";
        return p.hold(WAIT_INTERVAL);
    }
}
