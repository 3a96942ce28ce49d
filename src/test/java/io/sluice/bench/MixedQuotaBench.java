package io.sluice.bench;

import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.aws.quota.QuotaBuckets;
import io.sluice.aws.quota.QuotaLimits;
import io.sluice.bench.MixedFleet.Desire;
import io.sluice.model.DesiredState;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.plan.Decision;
import io.sluice.reconcile.PassReport;
import io.sluice.reconcile.Reconciler;
import io.sluice.reconcile.RolloutBoard;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.sim.quota.QuotaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 1,000 rollouts in one account, mixed as 600 ALB, 200 Lambda alias, 100 Route 53 and 100 ECS,
 * driven by the reconcile loop through the real SDK clients against the simulator enforcing the
 * published quotas, with sluice's limiter at its default 80%. Prints, each beside the quota it is
 * held against: AWS calls per rollout in a steady pass (every rollout observed, then with the 5-minute
 * idle interval), calls per operation and per bucket, the throttles the simulator counted, the wall time
 * of a pass, the time for a tenth of them (100) to step at once until every new weight is read back, and
 * rollback latency for another tenth whose check fails, from the decision to the weights restored as the
 * simulator holds them, in a pass that observes all the others.
 * {@code --scale S} refills the simulator's buckets and sluice's limits S times faster (default 1: the
 * real rates); {@code --rollouts N} keeps the proportions.
 * Usage: bench/run mixed-quota [--smoke] [--rollouts N] [--scale S]
 */
public final class MixedQuotaBench {
    static final String ACCOUNT = QuotaSettings.DEFAULT_ACCOUNT;
    private static final Duration TICK = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofMinutes(5);
    /**
     * The daemon's default ({@code sluice.aws.call-timeout}), waits for the limiter included. It also
     * bounds the heap: the SDK keeps each finished call's cancelled timeout task queued until it is due.
     */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final SimServer server;
    private final SimClock clock;
    private final AwsCallStats stats;
    private final double scale;
    /** Actions that failed in the passes of the last {@link #untilVerified}. */
    private int lastFailures;

    private MixedQuotaBench(SimServer server, SimClock clock, AwsCallStats stats, double scale) {
        this.server = server;
        this.clock = clock;
        this.stats = stats;
        this.scale = scale;
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        MixedFleet fleet = new MixedFleet(SimThroughputBench.intArg(args, "--rollouts", smoke ? 100 : 1000));
        int scale = SimThroughputBench.intArg(args, "--scale", smoke ? 20 : 1);
        List<String> stepping = fleet.slice(0, 0.1);
        List<String> failing = fleet.slice(0.1, 0.2);
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(fleet.scenario(Set.copyOf(failing))).applyTo(server);
            clock.advance(Duration.ofMinutes(5));
            QuotaSteadyBench.Arns arns = QuotaSteadyBench.arns(server);
            server.control().quotas().configure(QuotaSettings.published(scale));
            AwsCallStats stats = AwsCallStats.unpublished();
            try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.of(server.endpoint()),
                    Optional.of(new AwsSettings.StaticKeys("AKIDSLUICE", "secret")), AwsSettings.RetryBudget.defaults(),
                    CALL_TIMEOUT, limits(scale)), stats);
                 DefaultAnalyzer analyzer = new DefaultAnalyzer(AwsProducers.analysisClientsOf(clients),
                         DefaultAnalyzer.Settings.defaults(), Optional.empty())) {
                DefaultTrafficTargets targets = new DefaultTrafficTargets(clients);
                try (Reconciler everyPass = new Reconciler(targets, analyzer, clock, 8, new RolloutBoard());
                     Reconciler withIdle = new Reconciler(targets, analyzer, clock, 8, new RolloutBoard(),
                             IDLE)) {
                    System.out.printf("%d rollouts in one account (%d ALB, %d Lambda, %d Route 53, %d ECS), %d cores;"
                                    + " simulator quotas at %dx the published refill, sluice's limiter at 80%%%n",
                            fleet.total(), fleet.alb, fleet.lambda, fleet.route53, fleet.ecs,
                            Runtime.getRuntime().availableProcessors(), scale);
                    MixedQuotaBench bench = new MixedQuotaBench(server, clock, stats, scale);
                    Map<String, Rollout> desired = new LinkedHashMap<>();
                    fleet.names().forEach(n -> desired.put(n, MixedFleet.rollout(n, arns, Desire.REST, fleet.zoneCount())));
                    bench.steady(fleet, everyPass, withIdle, desired);
                    stepping.forEach(n -> desired.put(n, MixedFleet.rollout(n, arns, Desire.STEP, fleet.zoneCount())));
                    bench.stepChanges(withIdle, desired, stepping);
                    failing.forEach(n -> desired.put(n, MixedFleet.rollout(n, arns, Desire.FAIL, fleet.zoneCount())));
                    bench.untilVerified(withIdle, desired, failing, 40);
                    everyPass.restore(withIdle.statuses());
                    clock.advance(Duration.ofSeconds(70)); // past the checks' settle time: they are due
                    bench.rollbacks(everyPass, desired, failing, fleet.total());
                    bench.throttleTotals();
                }
            }
        }
    }

    /** sluice's default share (80%) of each published bucket, its refill scaled with the simulator's. */
    static QuotaLimits limits(double scale) {
        Map<String, QuotaBuckets.Rate> limits = new HashMap<>();
        for (String bucket : QuotaSettings.published(1).buckets().keySet()) {
            QuotaBuckets.Rate p = QuotaBuckets.published(bucket);
            limits.put(bucket, new QuotaBuckets.Rate(Math.max(1, p.burst() * QuotaLimits.DEFAULT_FRACTION),
                    p.perSecond() * QuotaLimits.DEFAULT_FRACTION * scale));
        }
        return new QuotaLimits(true, QuotaLimits.DEFAULT_FRACTION, limits);
    }

    /** One pass and what it cost: sluice's calls per operation, the simulator's counts per bucket. */
    record Measured(PassReport report, double seconds, long attempts, Map<String, Long> calls, QuotaLedger quota) {
    }

    Measured measured(Reconciler reconciler, Map<String, Rollout> desired) {
        Map<String, Long> callsBefore = stats.snapshot();
        long attempts = stats.totalAttempts();
        QuotaLedger before = ledger();
        long start = System.nanoTime();
        PassReport report = reconciler.pass(new DesiredState("c1", List.copyOf(desired.values()), List.of()));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> calls = new TreeMap<>();
        stats.snapshot().forEach((k, v) -> {
            long n = v - callsBefore.getOrDefault(k, 0L);
            if (n > 0) {
                calls.put(k, n);
            }
        });
        return new Measured(report, seconds, stats.totalAttempts() - attempts, calls, ledger().since(before));
    }

    QuotaLedger ledger() {
        return QuotaLedger.of(server.control().quotas().snapshot(), ACCOUNT);
    }

    private void steady(MixedFleet fleet, Reconciler everyPass, Reconciler withIdle, Map<String, Rollout> desired) {
        Measured cold = measured(everyPass, desired);
        System.out.printf("first pass (clients cold)       %7.1f s  %5d AWS calls  %d throttled%n", cold.seconds(),
                cold.attempts(), cold.quota().throttled());
        clock.advance(TICK);
        Measured all = measured(everyPass, desired);
        clock.advance(TICK);
        withIdle.pass(new DesiredState("c1", List.copyOf(desired.values()), List.of()));
        // idle rollouts are looked at once per interval: average the passes of one interval, every 10 s
        List<Double> idleSeconds = new java.util.ArrayList<>();
        int idlePasses = (int) (IDLE.toSeconds() / TICK.toSeconds());
        long idleAttempts = 0;
        QuotaLedger before = ledger();
        for (int i = 0; i < idlePasses; i++) {
            clock.advance(TICK);
            Measured idle = measured(withIdle, desired);
            idleSeconds.add(idle.seconds());
            idleAttempts += idle.attempts();
        }
        QuotaLedger idleQuota = ledger().since(before);
        int n = fleet.total();
        System.out.println();
        System.out.println("steady pass, every rollout at rest:");
        System.out.printf("  AWS calls per rollout, every rollout observed    %5.2f  (%d calls; target <= 2)%n",
                all.attempts() / (double) n, all.attempts());
        System.out.printf("  AWS calls per rollout, idle interval 5m          %5.2f  (%d calls in %d passes over 5 simulated"
                + " minutes, one look at each rollout; target <= 0.2)%n", idleAttempts / (double) n / idlePasses,
                idleAttempts, idlePasses);
        System.out.printf("  throttled calls (simulator's count)              %5d  (target 0)%n",
                all.quota().throttled() + idleQuota.throttled());
        System.out.printf("  wall time of a pass, every rollout observed    %7.1f s%s%n", all.seconds(), atPublished(all.seconds()));
        System.out.printf("    held against the quotas: the kinds are read side by side, so the tightest bucket of"
                + " each at 80%% sets the pass: %s%n", all.quota().leastTimeByService(scale, false));
        idleSeconds.sort(Double::compare);
        System.out.printf("  wall time of a pass, idle interval 5m          %7.1f s  (median of %d; the one that looks at"
                + " every rollout again %.1f s)%n", idleSeconds.get(idlePasses / 2), idlePasses,
                idleSeconds.get(idlePasses - 1));
        System.out.println("  calls per operation, every rollout observed (sluice's count; per rollout of its kind):");
        all.calls().forEach((k, v) -> System.out.printf("    %-52s %5d  %5.2f%n", k, v, v / (double) kindCount(fleet, k)));
        System.out.println("  per quota bucket, every rollout observed (simulator's count):");
        all.quota().print("    ", scale);
        System.out.println("  per quota bucket, idle interval 5m, all " + idlePasses + " passes (simulator's count):");
        idleQuota.print("    ", scale);
    }

    private static int kindCount(MixedFleet fleet, String callKey) {
        String k = callKey.toLowerCase(java.util.Locale.ROOT);
        int n = k.contains("elastic") || k.contains("elb") ? fleet.alb : k.startsWith("lambda") ? fleet.lambda
                : k.startsWith("route") ? fleet.route53 : k.startsWith("ecs") ? fleet.ecs : fleet.total();
        return Math.max(1, n);
    }

    /** Passes every 10 s of simulated time until each of {@code names} has its first weight verified. */
    private Map<String, Integer> untilVerified(Reconciler reconciler, Map<String, Rollout> desired, List<String> names,
                                               int maxPasses) {
        Map<String, Integer> verifiedIn = new HashMap<>();
        lastFailures = 0;
        for (int pass = 1; pass <= maxPasses && verifiedIn.size() < names.size(); pass++) {
            if (pass > 1) {
                clock.advance(TICK);
            }
            PassReport report = reconciler.pass(new DesiredState("c2", List.copyOf(desired.values()), List.of()));
            lastFailures += report.actionFailures().size();
            for (String name : names) {
                RolloutStatus s = report.statuses().get(name);
                if (s != null && s.phase() != Phase.RolledBack && s.step().map(p -> p.index() >= 2).orElse(false)) {
                    verifiedIn.putIfAbsent(name, pass);
                }
            }
        }
        return verifiedIn;
    }

    private void stepChanges(Reconciler withIdle, Map<String, Rollout> desired, List<String> stepping) {
        Map<String, Long> callsBefore = stats.snapshot();
        QuotaLedger before = ledger();
        long start = System.nanoTime();
        Map<String, Integer> verifiedIn = untilVerified(withIdle, desired, stepping, 40);
        int failedActions = lastFailures;
        double seconds = (System.nanoTime() - start) / 1e9;
        QuotaLedger used = ledger().since(before);
        int passes = verifiedIn.values().stream().max(Integer::compare).orElse(0);
        long modify = stats.snapshot().entrySet().stream().filter(e -> e.getKey().contains(" ModifyListener "))
                .mapToLong(e -> e.getValue() - callsBefore.getOrDefault(e.getKey(), 0L)).sum();
        System.out.println();
        System.out.printf("%d simultaneous step changes (a Git change to %s), idle interval 5m, a pass every 10 s"
                + " of simulated time:%n", stepping.size(), describe(stepping));
        System.out.printf("  all verified (weights read back): %s, after %d passes, %.1f s of pass time%s"
                        + " (the daemon also waits its 10 s interval between passes)%n",
                verifiedIn.size() == stepping.size() ? "yes" : "NO, " + verifiedIn.size() + " of " + stepping.size(),
                passes, seconds, atPublished(seconds));
        System.out.printf("  held against the quotas, least time of the tightest bucket of each service at 80%%: %s"
                + " (shifts of different kinds overlap); %d ModifyListener alone need >= %.1f s of elbv2-mutate (3/s)%n",
                used.leastTimeByService(scale, false),
                modify, QuotaLedger.leastSeconds(QuotaBuckets.ELBV2_MUTATE, modify, scale));
        System.out.printf("  throttled calls (simulator's count) %d (target 0); failed actions %d%n", used.throttled(),
                failedActions);
        used.print("    ", scale);
    }

    /** The pass that decides the failing rollouts' rollbacks, watched from the simulator's side. */
    private void rollbacks(Reconciler everyPass, Map<String, Rollout> desired, List<String> failing, int total)
            throws InterruptedException {
        Set<String> watched = new HashSet<>(failing);
        watched.removeAll(SimReadback.onStable(server, failing)); // none should be: they are at 50%
        Map<String, Long> restoredAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Thread watcher = new Thread(() -> {
            while (restoredAt.size() < watched.size() && System.nanoTime() - start < 600_000_000_000L) {
                long now = System.nanoTime() - start;
                for (String name : SimReadback.onStable(server, watched)) {
                    restoredAt.putIfAbsent(name, now);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rollback-watcher");
        watcher.start();
        Measured pass = measured(everyPass, desired);
        long rolledBack = failing.stream().filter(n -> pass.report().decisions().get(n) instanceof Decision.RollBack).count();
        if (rolledBack == 0) {
            watcher.interrupt();
        }
        watcher.join();
        long decided = pass.report().decidedAfter().toMillis();
        long[] afterDecision = restoredAt.values().stream().mapToLong(t -> Math.max(0, t / 1_000_000 - decided))
                .sorted().toArray();
        long modify = pass.calls().entrySet().stream().filter(e -> e.getKey().contains(" ModifyListener "))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.println();
        System.out.printf("%d rollbacks (%s; their CloudWatch check fails) in one pass that observes all %d rollouts"
                + " (%d others at rest, %d paused mid-rollout):%n", failing.size(), describe(failing), total,
                total - 2 * failing.size(), failing.size());
        System.out.printf("  decided: %d of %d rollbacks, %d ms into the pass (after observing and measuring);"
                + " the pass took %.1f s; failed actions %d%n", rolledBack, failing.size(), decided, pass.seconds(),
                pass.report().actionFailures().size());
        System.out.printf("  rollback latency, decision to weights restored in the simulator: median %d ms, p99 %d ms,"
                        + " max %d ms over %d restored%n", EngineBench.percentile(afterDecision, 50),
                EngineBench.percentile(afterDecision, 99), EngineBench.percentile(afterDecision, 100),
                afterDecision.length);
        Map<Character, List<Long>> byKind = new TreeMap<>();
        restoredAt.forEach((name, t) -> byKind.computeIfAbsent(name.charAt(0), k -> new java.util.ArrayList<>())
                .add(Math.max(0, t / 1_000_000 - decided)));
        byKind.forEach((kind, ms) -> {
            long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("    %-9s %3d restored: median %6d ms, p99 %6d ms%n", switch (kind) {
                case 'r' -> "ALB";
                case 'l' -> "Lambda";
                case 'd' -> "Route 53";
                default -> "ECS";
            }, sorted.length, EngineBench.percentile(sorted, 50), EngineBench.percentile(sorted, 99));
        });
        System.out.printf("  held against elbv2-mutate (burst 20, 3/s): %d ModifyListener need >= %.1f s at 80%%;"
                + " throttled calls (simulator's count) %d (target 0)%n", modify,
                QuotaLedger.leastSeconds(QuotaBuckets.ELBV2_MUTATE, modify, scale), pass.quota().throttled());
        pass.quota().print("    ", scale);
    }

    private void throttleTotals() {
        QuotaLedger all = ledger();
        long sluiceSaw = stats.snapshot().entrySet().stream().filter(e -> e.getKey().endsWith(" Throttling")
                || e.getKey().endsWith(" ThrottlingException") || e.getKey().endsWith(" TooManyRequestsException"))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.println();
        System.out.printf("throttled calls over the whole run: %d counted by the simulator (target 0), %d calls failed"
                + " on throttling after sluice's retries; %d AWS calls in all%n", all.throttled(), sluiceSaw,
                stats.totalAttempts());
    }

    private String atPublished(double seconds) {
        return scale == 1 ? "" : String.format(" (about %.0f s at the published rates)", seconds * scale);
    }

    private static String describe(List<String> names) {
        Map<Character, Integer> byKind = new TreeMap<>();
        names.forEach(n -> byKind.merge(n.charAt(0), 1, Integer::sum));
        return byKind.getOrDefault('r', 0) + " ALB, " + byKind.getOrDefault('l', 0) + " Lambda, "
                + byKind.getOrDefault('d', 0) + " Route 53, " + byKind.getOrDefault('e', 0) + " ECS";
    }
}
