package io.sluice.reconcile;

import io.sluice.analysis.AnalysisRequest;
import io.sluice.analysis.Analyzer;
import io.sluice.model.DesiredState;
import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus;
import io.sluice.plan.ActionFailure;
import io.sluice.plan.Decision;
import io.sluice.plan.PlanInput;
import io.sluice.plan.Planner;
import io.sluice.traffic.Observation;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.TrafficTargets;
import io.sluice.traffic.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * One reconcile pass over every rollout, in two waves: first the rollouts in motion, then those at
 * rest, so that a rollback never waits for the reads of a fleet at rest. Each wave observes its
 * targets (batched), measures the checks that are due (batched), plans each rollout, then acts:
 * rollbacks first, then the other actions, concurrently with a bound. A failure of one rollout is
 * recorded in its status and never stops another. Passes never overlap.
 *
 * <p>A rollout whose observation was throttled (another client draining the account's bucket) or
 * could not reach AWS is still measured and planned on what the last pass saw of the same target,
 * and only a rollback is acted on: a failing canary must not stay on while reads are refused, and
 * the traffic a rollback sets (all on the stable side) does not depend on the weights it replaces.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private final Clock clock;
    private final TargetCalls calls;
    private final ReentrantLock passLock = new ReentrantLock();
    private final Map<String, RolloutStatus> statuses = new ConcurrentHashMap<>();
    private final LastGoodDesired lastGood = new LastGoodDesired();
    private final RolloutBoard board;
    private final Duration idleInterval;
    private final Map<String, Instant> lastObservedAt = new ConcurrentHashMap<>();
    private final Map<String, Rollout> lastObservedDesired = new ConcurrentHashMap<>();
    private final Map<String, LastSeen> lastSeen = new ConcurrentHashMap<>();
    /**
     * Rollouts whose status may not record sluice's latest AWS write: read back from Git at start, or
     * whose last write failed (it may still have reached AWS). Cleared once a plan was acted on cleanly.
     */
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();

    private final Set<String> unreadableNames = new HashSet<>();

    private record LastSeen(Rollout rollout, Observation.Seen seen) {
    }

    public Reconciler(TrafficTargets targets, Analyzer analyzer, Clock clock, int concurrency, RolloutBoard board) {
        this(targets, analyzer, clock, concurrency, board, Duration.ZERO);
    }

    /**
     * @param idleInterval a rollout at rest (Healthy, RolledBack, Suspended) whose desired state did not
     *     change is observed at most this often; zero observes every rollout every pass
     */
    public Reconciler(TrafficTargets targets, Analyzer analyzer, Clock clock, int concurrency, RolloutBoard board,
                      Duration idleInterval) {
        this.idleInterval = idleInterval;
        this.board = board;
        this.clock = clock;
        this.calls = new TargetCalls(targets, analyzer, concurrency);
    }

    /** Seeds the statuses read back from Git at start, so a restart carries on where it was. */
    public void restore(Map<String, RolloutStatus> fromGit) {
        statuses.putAll(fromGit);
        unconfirmed.addAll(fromGit.keySet());
    }

    public Map<String, RolloutStatus> statuses() {
        return Map.copyOf(statuses);
    }

    public PassReport pass(DesiredState desired) {
        return pass(desired, Ownership.ALL);
    }

    /** A pass over the rollouts {@code own} lets this instance act for; the others are shown as Git records them. */
    public PassReport pass(DesiredState desired, Ownership own) {
        passLock.lock();
        try {
            return runPass(desired, own);
        } finally {
            passLock.unlock();
        }
    }

    private PassReport runPass(DesiredState desired, Ownership own) {
        long startedNanos = System.nanoTime(); // durations in wall time, whatever clock the rollouts run on
        Map<String, LastGoodDesired.Entry> rollouts = lastGood.update(desired);
        Set<String> shownOnly = new HashSet<>();
        // rollouts in motion first: a failing canary is rolled back before the reads of those at rest
        List<LastGoodDesired.Entry> inMotion = new ArrayList<>();
        List<LastGoodDesired.Entry> atRest = new ArrayList<>();
        for (LastGoodDesired.Entry e : rollouts.values()) {
            String name = e.rollout().name();
            if (!own.mayWrite(e.rollout())) {
                // another instance acts for it: shown as Git records it, and whatever this instance knew of
                // its last write is stale should the lease come here later
                shownOnly.add(name);
                Optional.ofNullable(own.recorded().get(name)).ifPresent(s -> statuses.put(name, s));
                unconfirmed.add(name);
                continue;
            }
            (inMotion(e.rollout()) ? inMotion : atRest).add(e);
        }
        Wave first = wave(inMotion, rollouts, startedNanos, Urgency.MOVING, own);
        // the reads of rollouts at rest wait behind every other call for the account's quota
        Wave second = wave(atRest, rollouts, startedNanos, Urgency.IDLE, own);
        Map<String, Decision> decisions = new LinkedHashMap<>(first.decisions());
        decisions.putAll(second.decisions());
        List<String> changed = new ArrayList<>(first.changed());
        changed.addAll(second.changed());
        Map<String, String> failures = new LinkedHashMap<>();
        first.failures().forEach((n, t) -> failures.put(n, t.message()));
        second.failures().forEach((n, t) -> failures.put(n, t.message()));
        Map<String, RolloutBoard.Unreadable> unreadable = own.repository() ? unreadable(desired, rollouts, changed)
                : Map.of();
        PassReport report = new PassReport(decisions, Map.copyOf(statuses), changed, Map.copyOf(failures),
                Duration.ofNanos(System.nanoTime() - startedNanos), first.decidedAfter(), Set.copyOf(shownOnly));
        try {
            board.publish(clock.instant(), desired.commit(), rollouts, unreadable, report);
        } catch (RuntimeException e) {
            LOG.errorf(e, "publishing the board failed; the statuses of this pass are kept");
        }
        return report;
    }

    /**
     * Files that never held a readable rollout are on the board from their first pass, under the file's
     * name: Degraded, InvalidFile, with their problems. A file that is fixed or removed leaves the board.
     */
    private Map<String, RolloutBoard.Unreadable> unreadable(DesiredState desired, Map<String, LastGoodDesired.Entry> rollouts,
                                                           List<String> changed) {
        Set<String> sources = new HashSet<>();
        rollouts.values().forEach(e -> sources.add(e.rollout().source()));
        Map<String, List<Problem>> byFile = new TreeMap<>();
        desired.problems().stream().filter(p -> !sources.contains(p.file()))
                .forEach(p -> byFile.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p));
        Map<String, RolloutBoard.Unreadable> out = new LinkedHashMap<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byFile.forEach((file, problems) -> {
            String name = nameOf(file);
            if (rollouts.containsKey(name) || out.containsKey(name)) {
                return;
            }
            String first = Problem.mostTelling(problems).toString();
            String message = "invalid rollout file: " + first + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more problems; sluice validate lists them all)" : "") + "; nothing moves until it is fixed";
            RolloutStatus before = statuses.get(name);
            RolloutStatus after = Planner.troubled(name, Optional.ofNullable(before), Reason.InvalidFile, message, now);
            keep(name, before, after, changed);
            out.put(name, new RolloutBoard.Unreadable(file, first));
        });
        for (String gone : unreadableNames) {
            if (!out.containsKey(gone) && !rollouts.containsKey(gone)) {
                statuses.remove(gone);
            }
        }
        unreadableNames.clear();
        unreadableNames.addAll(out.keySet());
        return out;
    }

    /** A status name for a file: its name without folder and extension, as a DNS-1123 label. */
    static String nameOf(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        String label = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return label.isEmpty() ? "unnamed" : label.length() > 63 ? label.substring(0, 63) : label;
    }

    private record Wave(Map<String, Decision> decisions, List<String> changed, Map<String, Trouble> failures,
                        Duration decidedAfter) {
    }

    /** Observes, measures, plans and acts on {@code members}, as one batch. */
    private Wave wave(List<LastGoodDesired.Entry> members, Map<String, LastGoodDesired.Entry> rollouts,
                      long startedNanos, Urgency urgency, Ownership own) {
        Instant wall = clock.instant();
        List<Rollout> all = members.stream().map(LastGoodDesired.Entry::rollout)
                .filter(r -> !resting(r, wall)).toList();
        Map<String, Observation> observations = new LinkedHashMap<>(calls.observe(all, urgency));
        Map<String, TargetFailure> onLastSeen = fallBackToLastSeen(all, observations);
        all.forEach(r -> {
            lastObservedAt.put(r.name(), wall);
            lastObservedDesired.put(r.name(), r);
        });
        // whole seconds: status files stay readable, and no rule here needs finer time
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        List<AnalysisRequest> due = new ArrayList<>();
        for (LastGoodDesired.Entry e : members) {
            Optional<RolloutStatus> last = Optional.ofNullable(statuses.get(e.rollout().name()));
            if (observations.get(e.rollout().name()) instanceof Observation.Seen seen
                    && analysisDue(e.rollout(), last, now)) {
                if (last.isEmpty()) {
                    due.add(AnalysisRequest.firstPass(e.rollout(), seen.observed().trafficSides()));
                    continue;
                }
                RolloutStatus s = last.get();
                due.add(new AnalysisRequest(e.rollout(), s.canary().map(RolloutStatus.Side::name).orElse(e.rollout().desiredVersion()),
                        s.stable().map(RolloutStatus.Side::name).orElse(""), last, seen.observed().trafficSides()));
            }
        }
        Map<String, List<CheckStatus>> measured = due.isEmpty() ? Map.of() : calls.measure(due, now);

        Map<String, Decision> decisions = new LinkedHashMap<>();
        Map<String, PlanInput> inputs = new LinkedHashMap<>();
        Map<String, Trouble> failures = new ConcurrentHashMap<>();
        for (LastGoodDesired.Entry e : members) {
            String name = e.rollout().name();
            if (!observations.containsKey(name) && statuses.containsKey(name)) {
                continue; // at rest and unchanged: looked at again within the idle interval
            }
            Observation observation = observations.get(name);
            if (!(observation instanceof Observation.Seen seen)) {
                TargetFailure f = observation instanceof Observation.Failed failed ? failed.failure()
                        : new TargetFailure(TargetFailure.Kind.UNAVAILABLE, "", "not observed", null);
                failures.put(name, Trouble.cannotObserve(f));
                continue;
            }
            PlanInput input = new PlanInput(e.rollout(), e.problem(), e.commit(), seen.observed(),
                    Optional.ofNullable(statuses.get(name)), measured.getOrDefault(name, List.of()), now,
                    // without any status, an earlier process may have written to AWS and died before its
                    // first status commit for this rollout: its write is unconfirmed too
                    unconfirmed.contains(name) || !statuses.containsKey(name));
            Decision decision;
            try {
                decision = Planner.plan(input);
            } catch (RuntimeException | StackOverflowError bug) {
                // one rollout's trouble is that rollout's error; the pass goes on for the others
                LOG.errorf(bug, "rollout=%s reason=InternalError planning failed", name);
                failures.put(name, new Trouble(Reason.InternalError, "internal error while planning: " + bug
                        + "; retrying next pass"));
                continue;
            }
            if (onLastSeen.containsKey(name) && !(decision instanceof Decision.RollBack)) {
                // nothing but a rollback is done on an old observation; what was measured still counts
                statuses.put(name, Planner.withChecks(statuses.get(name), decision.status().checks()));
                failures.put(name, Trouble.cannotObserve(onLastSeen.get(name)));
                continue;
            }
            decisions.put(name, decision);
            inputs.put(name, input);
        }
        Duration decidedAfter = Duration.ofNanos(System.nanoTime() - startedNanos);
        calls.act(decisions, rollouts, failures, own);

        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Decision> d : decisions.entrySet()) {
            String name = d.getKey();
            try {
                record(name, d.getValue(), inputs.get(name), failures, changed);
            } catch (RuntimeException bug) {
                LOG.errorf(bug, "rollout=%s reason=InternalError recording the status failed", name);
                failures.put(name, new Trouble(Reason.InternalError, "internal error while recording the status: " + bug
                        + "; retrying next pass"));
            }
        }
        for (String name : failures.keySet()) {
            if (decisions.containsKey(name)) {
                continue;
            }
            RolloutStatus before = statuses.get(name);
            Trouble t = failures.get(name);
            RolloutStatus after = Planner.troubled(name, Optional.ofNullable(before), t.reason(), t.message(),
                    clock.instant());
            keep(name, before, after, changed);
        }
        return new Wave(decisions, changed, failures, decidedAfter);
    }

    /**
     * Keeps the status the planner decided; when the action failed, the planner is asked again with
     * that failure as input, and its status records it.
     */
    private void record(String name, Decision decision, PlanInput input, Map<String, Trouble> failures,
                        List<String> changed) {
        RolloutStatus before = statuses.get(name);
        Trouble t = failures.get(name);
        RolloutStatus after = t != null
                ? Planner.plan(input.withActionFailed(new ActionFailure(t.reason(), t.message()))).status()
                : decision.status();
        if (t != null) {
            unconfirmed.add(name);
        } else {
            unconfirmed.remove(name);
        }
        keep(name, before, after, changed);
    }

    /** Keeps {@code after} as the rollout's status; a change a person would care about is logged and written back. */
    private void keep(String name, RolloutStatus before, RolloutStatus after, List<String> changed) {
        statuses.put(name, after);
        if (StatusChanges.material(before, after)) {
            DecisionLog.changed(before, after);
            changed.add(name);
        }
    }

    /**
     * Puts the last observation of the same target in place of a throttled or unreachable one of a
     * rollout in motion; returns why, by rollout name, for those it did that for.
     */
    private Map<String, TargetFailure> fallBackToLastSeen(List<Rollout> observed, Map<String, Observation> observations) {
        Map<String, TargetFailure> out = new LinkedHashMap<>();
        for (Rollout r : observed) {
            Observation o = observations.get(r.name());
            if (o instanceof Observation.Seen seen) {
                lastSeen.put(r.name(), new LastSeen(r, seen));
                continue;
            }
            LastSeen last = lastSeen.get(r.name());
            RolloutStatus s = statuses.get(r.name());
            if (!(o instanceof Observation.Failed failed) || last == null || !last.rollout().target().equals(r.target())
                    || s == null || !(s.phase() == Phase.Progressing || s.phase() == Phase.Paused)) {
                continue;
            }
            TargetFailure.Kind kind = failed.failure().kind();
            if (kind == TargetFailure.Kind.THROTTLED || kind == TargetFailure.Kind.UNAVAILABLE) {
                observations.put(r.name(), last.seen());
                out.put(r.name(), failed.failure());
            }
        }
        return out;
    }

    private static boolean analysisDue(Rollout rollout, Optional<RolloutStatus> last, Instant now) {
        try {
            return Planner.analysisDue(rollout, last, now);
        } catch (RuntimeException bug) {
            LOG.errorf(bug, "rollout=%s reason=InternalError deciding whether its checks are due failed", rollout.name());
            return false;
        }
    }

    /** New, changed in Git since last observed, or neither Healthy, RolledBack nor Suspended. */
    private boolean inMotion(Rollout r) {
        RolloutStatus s = statuses.get(r.name());
        return s == null || !r.equals(lastObservedDesired.get(r.name())) || !(s.phase() == Phase.Healthy
                || s.phase() == Phase.RolledBack || s.phase() == Phase.Suspended);
    }

    /** At rest, unchanged in Git, and observed within the idle interval: not worth an AWS call this pass. */
    private boolean resting(Rollout r, Instant now) {
        if (idleInterval.isZero() || inMotion(r)) {
            return false;
        }
        Instant last = lastObservedAt.get(r.name());
        return last != null && now.isBefore(last.plus(idleInterval));
    }

    @Override
    public void close() {
        calls.close();
    }
}
