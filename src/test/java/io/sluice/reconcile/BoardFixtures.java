package io.sluice.reconcile;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.model.status.RolloutStatus.Side;
import io.sluice.model.status.RolloutStatus.StepProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Publishes hand-made pictures on a {@link RolloutBoard}, as a reconcile pass would. */
public final class BoardFixtures {
    public static final String COMMIT = "3f9c2e1d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";
    public static final String FAILED_CHECK = "five-xx-rate 0.05 above 0.01 (2 of 2)";

    private BoardFixtures() {
    }

    /** One rollout as a pass leaves it. */
    public record Published(Rollout rollout, RolloutStatus status, Optional<String> problem,
                            Optional<String> actionFailure) {
        public Published(Rollout rollout, RolloutStatus status) {
            this(rollout, status, Optional.empty(), Optional.empty());
        }
    }

    /** A rollout of {@code config-repo-example/rollouts/<name>.yaml}. */
    public static Rollout example(String name) {
        String file = "rollouts/" + name + ".yaml";
        try {
            String text = Files.readString(Path.of("config-repo-example", file));
            return RolloutFiles.read(text, file).rollout().orElseThrow(() -> new IllegalStateException(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file that never held a readable rollout, as the board shows it under its file's name. */
    public record Broken(String name, String file, String problem) {
        RolloutStatus status(Instant at) {
            return io.sluice.plan.Conditions.firstSeen(name, io.sluice.model.status.Reason.InvalidFile,
                    "invalid rollout file: " + problem + "; nothing moves until it is fixed", at);
        }
    }

    public static void publish(RolloutBoard board, Instant at, Duration took, List<Broken> broken, Published... rollouts) {
        Map<String, LastGoodDesired.Entry> desired = new LinkedHashMap<>();
        Map<String, RolloutStatus> statuses = new LinkedHashMap<>();
        Map<String, RolloutBoard.Unreadable> unreadable = new LinkedHashMap<>();
        for (Published p : rollouts) {
            desired.put(p.rollout().name(), new LastGoodDesired.Entry(p.rollout(), COMMIT, p.problem()));
            statuses.put(p.rollout().name(), p.status());
        }
        for (Broken b : broken) {
            unreadable.put(b.name(), new RolloutBoard.Unreadable(b.file(), b.problem()));
            statuses.put(b.name(), b.status(at));
        }
        board.publish(at, COMMIT, desired, unreadable, new PassReport(Map.of(), statuses, List.of(), Map.of(), took, took));
    }

    public static void publish(RolloutBoard board, Instant at, Duration took, Published... rollouts) {
        Map<String, LastGoodDesired.Entry> desired = new LinkedHashMap<>();
        Map<String, RolloutStatus> statuses = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Published p : rollouts) {
            desired.put(p.rollout().source(), new LastGoodDesired.Entry(p.rollout(), COMMIT, p.problem()));
            statuses.put(p.rollout().name(), p.status());
            p.actionFailure().ifPresent(f -> failures.put(p.rollout().name(), f));
        }
        board.publish(at, COMMIT, desired, new PassReport(Map.of(), statuses, List.of(), failures, took, took));
    }

    /** isshoni-web at step 2/5 (the pause after 10%), checks passing. */
    public static RolloutStatus isshoniProgressing(Instant at) {
        Instant started = at.minusSeconds(120);
        return new RolloutStatus("isshoni-web", Optional.of(COMMIT), 0, Phase.Progressing,
                Optional.of(new StepProgress(2, 5)), Optional.of(new Side("blue", "blue", 90)),
                Optional.of(new Side("green", "green", 10)), Optional.of(at.minusSeconds(30)),
                Optional.of(at.plusSeconds(570)), Optional.of(started),
                List.of(new CheckStatus("green-healthy", Optional.of(100.0), Result.pass, at, 0, 0, 0),
                        new CheckStatus("five-xx-rate", Optional.of(0.002), Result.pass, at, 0, 0, 0)),
                "step 2/5: pause 10m at 10% on green",
                List.of(new HistoryEntry(at.minusSeconds(30), "setWeight", Optional.empty(),
                                Optional.of("blue=90,green=10"), Optional.of(COMMIT), Optional.empty()),
                        new HistoryEntry(started, "start", Optional.of("blue"), Optional.of("green"),
                                Optional.of(COMMIT), Optional.empty())));
    }

    /** isshoni-web rolled back after five-xx-rate failed twice. */
    public static RolloutStatus isshoniRolledBack(Instant at) {
        RolloutStatus before = isshoniProgressing(at.minusSeconds(60));
        List<HistoryEntry> history = new java.util.ArrayList<>(before.history());
        history.add(0, new HistoryEntry(at, "rollback", Optional.of("blue=90,green=10"),
                Optional.of("blue=100,green=0"), Optional.of(COMMIT), Optional.of(FAILED_CHECK),
                Optional.of(io.sluice.model.status.Reason.CheckFailed)));
        return new RolloutStatus("isshoni-web", Optional.of(COMMIT), 0, Phase.RolledBack, Optional.empty(),
                Optional.of(new Side("blue", "blue", 100)), Optional.of(new Side("green", "green", 0)),
                Optional.empty(), Optional.empty(), Optional.of(at),
                List.of(new CheckStatus("green-healthy", Optional.of(100.0), Result.pass, at, 0, 0, 0),
                        new CheckStatus("five-xx-rate", Optional.of(0.05), Result.fail, at, 2, 0, 0)),
                "rolled back: " + FAILED_CHECK + "; all traffic on blue", history);
    }

    /** makenaide-orchestrator all on version 2. */
    public static RolloutStatus makenaideHealthy(Instant at) {
        return new RolloutStatus("makenaide-orchestrator", Optional.of(COMMIT), 0, Phase.Healthy, Optional.empty(),
                Optional.of(new Side("2", "2", 100)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(at.minusSeconds(3600)), List.of(), "all traffic on version 2",
                List.of(new HistoryEntry(at.minusSeconds(3600), "completed", Optional.empty(), Optional.of("2"),
                        Optional.of(COMMIT), Optional.empty())));
    }

    /**
     * isshoni-web with a dry-run judge on p95 latency in front of its checks: the judge failing (2x, a rise
     * in spread shown only), its five-xx-rate inconclusive on a window of 3 requests.
     */
    public static Published isshoniWithADryRunJudge(Instant at) {
        String file = "rollouts/isshoni-web.yaml";
        String yaml;
        try {
            yaml = Files.readString(Path.of("config-repo-example", file)).replace("    checks:\n", """
                        checks:
                          - name: latency-judge
                            dryRun: true
                            cloudwatch:
                              namespace: AWS/ApplicationELB
                              metric: TargetResponseTime
                              stat: p95
                              dimensions: { LoadBalancer: app/isshoni/72e1a50b904a1bd6, TargetGroup: "{{targetGroup}}" }
                              period: 1m
                              lookback: 10m
                            judge: { direction: increase, minEffect: 10%, confidence: 99% }
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RolloutFiles.FileResult read = RolloutFiles.read(yaml, file);
        Rollout rollout = read.rollout().orElseThrow(() -> new IllegalStateException(read.problems().toString()));
        RolloutStatus base = isshoniProgressing(at);
        CheckStatus judged = new CheckStatus("latency-judge", Optional.of(0.41), Result.fail, at, 3, 0, 0,
                Optional.of("canary p95 latency 2.0x stable: worse"), Optional.of(24), Optional.empty(), true,
                Optional.of(new RolloutStatus.JudgeResult("mann-whitney", 12, 0.0003, 410, 1.02, true)));
        CheckStatus thin = new CheckStatus("five-xx-rate", Optional.of(0.0), Result.inconclusive, at, 0, 0, 1,
                Optional.of("3 requests in the measured 1m period, 30 needed"), Optional.of(1), Optional.of(3L), false,
                Optional.empty());
        RolloutStatus status = new RolloutStatus(base.rollout(), base.observedCommit(), base.retry(), base.phase(),
                base.step(), base.stable(), base.canary(), base.stepStartedAt(), base.pausedUntil(), base.lastTransition(),
                List.of(judged, base.checks().get(0), thin), base.message(), base.history());
        return new Published(rollout, status);
    }
}
