package io.sluice.analysis;

import io.sluice.model.Analysis;
import io.sluice.model.Check;
import io.sluice.model.Durations;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.plan.AbortVerdict;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Replays rollouts' checks over past data: from {@code from} to {@code to} in steps of each rollout's
 * analysis interval, the {@link Analyzer} measures every replayable check as of the step's time, and
 * the statuses it assesses decide, by the planner's own rule ({@link AbortVerdict}), when the rollout
 * would have been rolled back. Only providers that can be asked about the past are replayed
 * (CloudWatch metrics, Prometheus); alarms, target health and HTTP probes read live state and are
 * left out. The replay assumes the canary took traffic and was under analysis the whole time, and
 * makes no AWS write: the analyzer only reads.
 */
public final class Backtest {
    /** Most measurements of one rollout in one replay. */
    public static final int MAX_STEPS = 20_000;

    private Backtest() {
    }

    /**
     * One rollout to replay.
     *
     * @param canaryId the new version's id ({{version}}, {{targetGroup}})
     * @param stableId the stable version's id, for compareToStable
     */
    public record Subject(Rollout rollout, String canaryId, String stableId) {
    }

    /** One failing measurement. */
    public record Failure(Instant at, Optional<Double> value, int consecutive, String description) {
    }

    /** What the replay found for one check. */
    public record CheckReplay(Check check, boolean replayed, int measurements, int passed, int failed,
                              int inconclusive, int errors, List<Failure> failures, Optional<String> lastError) {
    }

    /**
     * Where the replayed rollout would have stopped: a rollback (or, with automatic rollback off, a
     * hold for a person), or a hold because a check could not be measured often enough in a row.
     */
    public record Stop(Instant at, String check, String reason) {
    }

    /**
     * @param rollback first time a check failed {@code for} times in a row
     * @param held first time a check could not be measured {@code maxConsecutiveErrors} times in a row
     * @param unmeasurable no check could ever be measured: why (the replay of this rollout stopped)
     */
    public record Outcome(Subject subject, Instant from, Instant to, Duration interval, List<CheckReplay> checks,
                          Optional<Stop> rollback, Optional<Stop> held, Optional<String> unmeasurable) {
        public boolean automaticRollback() {
            return subject.rollout().rollback().automatic();
        }
    }

    /** Whether a check's provider can be asked about a past instant. */
    public static boolean replayable(Check check) {
        return switch (check.source().kind()) {
            case CLOUDWATCH, PROMETHEUS -> true;
            case ALARMS, TARGET_HEALTH, HTTP -> false;
        };
    }

    /**
     * Why this window cannot be replayed for this rollout, if it cannot: no replayable check, more
     * than {@link #MAX_STEPS} measurements, or CloudWatch data older than CloudWatch keeps at the
     * check's period (GetMetricData: periods under a minute for 3 hours, 1-minute periods for 15 days,
     * 5-minute periods for 63 days, 1-hour periods for 455 days).
     */
    public static List<String> problems(Rollout rollout, Instant from, Instant to, Instant now) {
        List<String> problems = new ArrayList<>();
        Optional<Analysis> analysis = rollout.analysis();
        if (analysis.isEmpty() || analysis.get().checks().stream().noneMatch(Backtest::replayable)) {
            problems.add(rollout.name() + " has no check that can be replayed (cloudwatch or prometheus)");
            return problems;
        }
        long steps = Duration.between(from, to).dividedBy(analysis.get().interval()) + 1;
        if (steps > MAX_STEPS) {
            problems.add("the window holds " + steps + " measurements at the interval of " + Durations.format(analysis.get().interval())
                    + "; at most " + MAX_STEPS + " are replayed at once: shorten the window");
        }
        for (Check check : analysis.get().checks()) {
            if (check.source() instanceof Check.CloudWatch cw) {
                Instant start = from.minus(cw.lookback());
                Duration kept = retention(cw.period());
                if (Duration.between(start, now).compareTo(kept) > 0) {
                    problems.add("check " + check.name() + ": its first query starts at " + start + " (--from minus its "
                            + Durations.format(cw.lookback()) + " lookback), " + ago(Duration.between(start, now))
                            + " ago; CloudWatch keeps " + Durations.format(cw.period()) + " datapoints for "
                            + ago(kept) + " (periods under 1m for 3 hours, 1m for 15 days, 5m for 63 days, 1h for 455 days)");
                }
            }
        }
        return problems;
    }

    static Duration retention(Duration period) {
        long s = period.getSeconds();
        if (s < 60) {
            return Duration.ofHours(3);
        }
        if (s % 3600 == 0) {
            return Duration.ofDays(455);
        }
        return s % 300 == 0 ? Duration.ofDays(63) : Duration.ofDays(15);
    }

    private static String ago(Duration d) {
        return d.toDays() >= 2 ? d.toDays() + " days" : d.toHours() >= 1 ? d.toHours() + " hours" : Durations.format(d);
    }

    /** Replays every subject from {@code from} to {@code to} (both included), keyed by rollout name. */
    public static Map<String, Outcome> replay(Analyzer analyzer, List<Subject> subjects, Instant from, Instant to) {
        Map<String, Run> runs = new LinkedHashMap<>();
        TreeMap<Instant, List<Run>> due = new TreeMap<>();
        for (Subject s : subjects) {
            Run run = new Run(s, from);
            runs.put(s.rollout().name(), run);
            if (run.measured.analysis().isPresent()) {
                Duration interval = run.measured.analysis().get().interval();
                for (Instant t = from; !t.isAfter(to); t = t.plus(interval)) {
                    due.computeIfAbsent(t, k -> new ArrayList<>()).add(run);
                }
            }
        }
        due.forEach((at, dueRuns) -> {
            List<Run> active = dueRuns.stream().filter(r -> r.unmeasurable.isEmpty()).toList();
            if (active.isEmpty()) {
                return;
            }
            Map<String, List<CheckStatus>> measured = analyzer.measure(active.stream().map(Run::request).toList(), at);
            active.forEach(r -> r.record(measured.getOrDefault(r.subject.rollout().name(), List.of()), at));
        });
        Map<String, Outcome> out = new LinkedHashMap<>();
        runs.forEach((name, run) -> out.put(name, run.outcome(from, to)));
        return out;
    }

    /** Four significant digits are what a person compares with a bound; JSON carries the exact value. */
    private static CheckStatus rounded(CheckStatus s) {
        Optional<Double> value = s.value().map(v -> Double.isFinite(v)
                ? new BigDecimal(v).round(new MathContext(4)).doubleValue() : v);
        return new CheckStatus(s.name(), value, s.result(), s.at(), s.consecutiveFailures(), s.consecutiveErrors(),
                s.consecutiveNoData(), s.detail());
    }

    /** The replay of one rollout: its counters carried from one step to the next, as the status carries them. */
    private static final class Run {
        final Subject subject;
        final Rollout measured;
        final Map<String, Tally> tallies = new LinkedHashMap<>();
        List<CheckStatus> last = List.of();
        Optional<Stop> rollback = Optional.empty();
        Optional<Stop> held = Optional.empty();
        Optional<String> unmeasurable = Optional.empty();
        boolean everMeasured;

        /** When the replayed step began: a judge's sequential window runs from here, as from a step's start in the daemon. */
        final Instant stepStarted;

        Run(Subject subject, Instant from) {
            this.subject = subject;
            Rollout r = subject.rollout();
            this.stepStarted = from.minus(r.analysis().map(Analysis::settle).orElse(Duration.ZERO));
            this.measured = r.analysis().map(a -> new Analysis(a.interval(), a.startAfterStep(), a.settle(),
                    a.maxConsecutiveErrors(), a.checks().stream().filter(Backtest::replayable).toList()))
                    .filter(a -> !a.checks().isEmpty())
                    .map(a -> new Rollout(r.name(), r.source(), r.aws(), r.target(), r.desiredVersion(), r.strategy(),
                            Optional.of(a), r.rollback(), r.suspend(), r.abort(), r.retry(), r.approvedStep(),
                            r.driftPolicy(), r.progressDeadline()))
                    .orElse(r);
            r.analysis().map(Analysis::checks).orElse(List.of()).forEach(c -> tallies.put(c.name(), new Tally(c)));
        }

        AnalysisRequest request() {
            // in a step since the start of the window (no step number: every check is due)
            Optional<RolloutStatus> status = Optional.of(new RolloutStatus(
                    subject.rollout().name(), Optional.empty(), 0, Phase.Progressing, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(stepStarted), Optional.empty(), Optional.empty(), last, "", List.of()));
            return new AnalysisRequest(measured, subject.canaryId(), subject.stableId(), status);
        }

        void record(List<CheckStatus> statuses, Instant at) {
            last = statuses;
            Analysis analysis = measured.analysis().orElseThrow();
            for (Check check : analysis.checks()) {
                Optional<CheckStatus> status = statuses.stream().filter(c -> c.name().equals(check.name())).findFirst();
                if (status.isEmpty()) {
                    continue;
                }
                CheckStatus s = status.get();
                tallies.get(check.name()).add(s);
                everMeasured |= s.result() != Result.error;
                if (rollback.isEmpty() && !check.dryRun() && AbortVerdict.abortsRollout(check, s)) {
                    rollback = Optional.of(new Stop(at, check.name(), AbortVerdict.describeFailure(check, rounded(s))));
                }
                if (held.isEmpty() && !check.dryRun() && s.consecutiveErrors() >= analysis.maxConsecutiveErrors()) {
                    held = Optional.of(new Stop(at, check.name(), "could not be measured " + s.consecutiveErrors()
                            + " times in a row" + s.detail().map(d -> " (last: " + d + ")").orElse("")));
                }
            }
            if (!everMeasured && held.isPresent()) {
                // nothing ever answered: the endpoint or the credentials are wrong, not the past
                unmeasurable = Optional.of(statuses.stream().flatMap(c -> c.detail().stream()).findFirst()
                        .orElse("no check could be measured"));
            }
        }

        Outcome outcome(Instant from, Instant to) {
            Duration interval = subject.rollout().analysis().map(Analysis::interval).orElse(Duration.ZERO);
            return new Outcome(subject, from, to, interval, tallies.values().stream().map(Tally::replay).toList(),
                    rollback, held, unmeasurable);
        }
    }

    private static final class Tally {
        final Check check;
        int measurements;
        int passed;
        int failed;
        int inconclusive;
        int errors;
        final List<Failure> failures = new ArrayList<>();
        Optional<String> lastError = Optional.empty();

        Tally(Check check) {
            this.check = check;
        }

        void add(CheckStatus s) {
            measurements++;
            switch (s.result()) {
                case pass -> passed++;
                case fail -> {
                    failed++;
                    failures.add(new Failure(s.at(), s.value(), s.consecutiveFailures(), AbortVerdict.describeFailure(check, rounded(s))));
                }
                case inconclusive -> inconclusive++;
                case error -> {
                    errors++;
                    lastError = s.detail();
                }
            }
        }

        CheckReplay replay() {
            return new CheckReplay(check, replayable(check), measurements, passed, failed, inconclusive, errors,
                    List.copyOf(failures), lastError);
        }
    }
}
