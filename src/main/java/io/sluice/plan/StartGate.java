package io.sluice.plan;

import io.sluice.model.Analysis;
import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alarm gate before the first traffic moves ({@code analysis.alarmAtStart: hold}): the alarms checks
 * are read in the pass that would start, and an alarm already in ALARM holds the start with reason
 * {@link Reason#AlarmFiringAtStart}, so a release never starts into an incident it would be blamed for
 * (and rolled back by). An alarm that could not be read (a provider error) holds it as
 * {@link Reason#NotReady}. The gate's measurements stay in the status while it holds, and a pass that read
 * nothing uses them. A rollout without any status yet has its gate read in its first pass too; only a
 * caller that measures nothing ({@code sluice plan}) plans as if the alarms were quiet.
 */
final class StartGate {
    private StartGate() {
    }

    /** A hold at step 0 while a gate alarm fires or is unread; empty when the start may go ahead. */
    static Optional<Decision> holds(Planning p, int count) {
        List<Check> gate = p.rollout().analysis().map(Analysis::startGate).orElse(List.of());
        if (gate.isEmpty()) {
            return Optional.empty();
        }
        List<String> firing = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        List<CheckStatus> read = new ArrayList<>();
        for (Check c : gate) {
            Optional<CheckStatus> m = p.in().measured().stream().filter(x -> x.name().equals(c.name())).findFirst()
                    .or(() -> heldReading(p, c));
            m.ifPresent(read::add);
            String names = String.join(", ", ((Check.Alarms) c.source()).names());
            if (m.isEmpty()) {
                // never read: only where nothing is measured (sluice plan), which assumes checks pass
                continue;
            }
            if (m.get().result() == Result.fail) {
                firing.add(c.name() + " (" + names + ")");
            } else if (m.get().result() != Result.pass) {
                unread.add(c.name() + " (" + names + ": " + m.get().detail().orElse(m.get().result().name()) + ")");
            }
        }
        if (firing.isEmpty() && unread.isEmpty()) {
            return Optional.empty();
        }
        StatusDraft d = p.draft();
        d.step = Optional.of(new RolloutStatus.StepProgress(0, count));
        d.checks = new ArrayList<>(read);
        String where = "waiting before step 1/" + count + ": ";
        if (!firing.isEmpty()) {
            boolean already = p.in().last().flatMap(RolloutStatus::reason).equals(Optional.of(Reason.AlarmFiringAtStart));
            if (!already) {
                d.record("alarmAtStart", Optional.empty(), Optional.of(p.describe(p.canary())),
                        Optional.of("in ALARM: " + String.join("; ", firing)));
            }
            d.reason = Reason.AlarmFiringAtStart;
            d.message = where + "an alarm is already in ALARM before any traffic moved to " + p.describe(p.canary())
                    + ": " + String.join("; ", firing) + "; the rollout starts once it is out of ALARM"
                    + " (analysis.alarmAtStart: ignore in " + p.rollout().source() + " starts it anyway)";
        } else {
            d.reason = Reason.NotReady;
            d.message = where + "reading the alarms of " + String.join("; ", unread)
                    + " before any traffic moves to " + p.describe(p.canary());
        }
        return Optional.of(p.hold(p.rollout().analysis().map(Analysis::interval).orElse(Planner.WAIT_INTERVAL)));
    }

    /** The gate check's reading while this attempt already waits before step 1, when none was made in this pass. */
    private static Optional<CheckStatus> heldReading(Planning p, Check c) {
        return p.in().last().filter(s -> !s.started() && s.step().isPresent()
                        && (s.phase() == Phase.Progressing || s.phase() == Phase.Degraded))
                .flatMap(s -> s.checks().stream().filter(x -> x.name().equals(c.name())).findFirst());
    }

    /**
     * Whether the gate's alarms should be read in this pass: a rollout that has not taken its first step,
     * whose next pass may start it (a new version at rest, a retry, a wait before step 1), when its last
     * gate reading is at least an interval old (always at rest, where any reading is from another attempt).
     */
    static boolean due(Rollout rollout, RolloutStatus s, Instant now) {
        Analysis analysis = rollout.analysis().orElseThrow();
        List<Check> gate = analysis.startGate();
        if (gate.isEmpty() || rollout.suspend() || rollout.abort()) {
            return false;
        }
        String desired = rollout.desiredVersion();
        switch (s.phase()) {
            case Healthy:
                return s.stable().map(st -> !st.name().equals(desired)).orElse(true);
            case RolledBack:
                return !s.stable().map(RolloutStatus.Side::name).equals(Optional.of(desired))
                        && (!s.canary().map(RolloutStatus.Side::name).equals(Optional.of(desired)) || s.retry() != rollout.retry());
            case Suspended:
                return false;
            default:
                break;
        }
        Optional<Instant> last = s.checks().stream().filter(c -> gate.stream().anyMatch(g -> g.name().equals(c.name())))
                .map(CheckStatus::at).max(Instant::compareTo);
        return last.map(t -> !now.isBefore(t.plus(analysis.interval()))).orElse(true);
    }

    /** Whether the gate's alarms should be read in the first pass of a rollout that has no status yet. */
    static boolean dueFirst(Rollout rollout) {
        return rollout.analysis().map(a -> !a.startGate().isEmpty()).orElse(false) && !rollout.suspend() && !rollout.abort();
    }

    /** Phases in which {@link #due} applies: the attempt has not started. */
    static boolean beforeStart(RolloutStatus s) {
        return !s.started() && s.phase() != Phase.Suspended;
    }
}
