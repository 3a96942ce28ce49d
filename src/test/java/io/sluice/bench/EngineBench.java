package io.sluice.bench;

import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.DesiredState;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.reconcile.PassReport;
import io.sluice.reconcile.Reconciler;
import io.sluice.reconcile.RolloutBoard;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * The reconcile engine over N ALB rollouts against the simulator (its quotas off: this measures
 * sluice, not AWS's rate limits; see quota-steady for those): a steady pass, a pass in which some
 * rollouts step, and rollback latency from the pass that decides it to the weights restored as
 * seen by DescribeListeners, median and p99. Usage: bench/run engine [--smoke] [--rollouts N]
 */
public final class EngineBench {
    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int count = SimThroughputBench.intArg(args, "--rollouts", smoke ? 60 : 1000);
        int moving = Math.max(1, count / 10);
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(QuotaSteadyBench.scenario(count)).applyTo(server);
            clock.advance(Duration.ofMinutes(5));
            QuotaSteadyBench.Arns arns = QuotaSteadyBench.arns(server);
            AwsCallStats stats = AwsCallStats.unpublished();
            try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.of(server.endpoint()),
                    Optional.of(new AwsSettings.StaticKeys("AKIDSLUICE", "secret")), AwsSettings.RetryBudget.defaults(),
                    Duration.ofMinutes(5)), stats);
                 DefaultAnalyzer analyzer = new DefaultAnalyzer(AwsProducers.analysisClientsOf(clients),
                         DefaultAnalyzer.Settings.defaults(), Optional.empty());
                 Reconciler everyPass = new Reconciler(new DefaultTrafficTargets(clients), analyzer, clock, 8,
                         new RolloutBoard());
                 Reconciler withIdle = new Reconciler(new DefaultTrafficTargets(clients), analyzer, clock, 8,
                         new RolloutBoard(), Duration.ofMinutes(5))) {
                List<Rollout> steady = rollouts(arns, count, 0, "", "");
                System.out.printf("%d ALB rollouts, %d cores, simulator quotas off%n", count,
                        Runtime.getRuntime().availableProcessors());
                timed("first pass (clients cold)", everyPass, steady, stats, count);
                timed("steady pass, all observed", everyPass, steady, stats, count);
                System.gc();
                long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                System.out.printf("heap after the steady pass %.0f MB%n", heap / 1e6);
                withIdle.pass(new DesiredState("c1", steady, List.of()));
                timed("steady pass, idle interval 5m", withIdle, steady, stats, count);

                List<Rollout> stepping = rollouts(arns, count, moving, "  active: green\n", "");
                clock.advance(Duration.ofSeconds(10));
                timed(moving + " rollouts step", everyPass, stepping, stats, count);
                clock.advance(Duration.ofSeconds(10));
                everyPass.pass(new DesiredState("c2", stepping, List.of()));

                List<Rollout> aborted = rollouts(arns, count, moving, "  active: green\n", "  abort: true\n");
                clock.advance(Duration.ofSeconds(10));
                rollbackLatency(server, arns, moving, everyPass, aborted);
            }
        }
    }

    private static void timed(String what, Reconciler reconciler, List<Rollout> desired, AwsCallStats stats, int count) {
        long calls = stats.totalAttempts();
        long start = System.nanoTime();
        PassReport report = reconciler.pass(new DesiredState("c1", desired, List.of()));
        double ms = (System.nanoTime() - start) / 1e6;
        long made = stats.totalAttempts() - calls;
        System.out.printf("%-34s %8.0f ms  %6d AWS calls (%.2f per rollout)  %d actions failed%n", what, ms, made,
                made / (double) count, report.actionFailures().size());
    }

    /** Time from the start of the deciding pass until DescribeListeners shows each rollback. */
    private static void rollbackLatency(SimServer server, QuotaSteadyBench.Arns arns, int moving, Reconciler reconciler,
                                        List<Rollout> aborted) throws InterruptedException {
        List<String> listeners = new ArrayList<>();
        for (int i = 0; i < moving; i++) {
            listeners.add(arns.listeners().get("r" + i));
        }
        String green = "-green/";
        Map<String, Long> restoredAt = new ConcurrentHashMap<>();
        long start = System.nanoTime(); // the deciding pass starts right after the watcher
        Thread watcher = new Thread(() -> {
            try (ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder()
                    .endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(SimThroughputBench.credentials())
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
                while (restoredAt.size() < listeners.size() && System.nanoTime() - start < 60_000_000_000L) {
                    for (int i = 0; i < listeners.size(); i += 20) {
                        List<String> batch = listeners.subList(i, Math.min(listeners.size(), i + 20));
                        for (Listener l : elb.describeListeners(r -> r.listenerArns(batch)).listeners()) {
                            boolean greenOff = l.defaultActions().get(0).forwardConfig().targetGroups().stream()
                                    .filter(t -> t.targetGroupArn().contains(green)).allMatch(t -> t.weight() == 0);
                            if (greenOff) {
                                restoredAt.putIfAbsent(l.listenerArn(), System.nanoTime() - start);
                            }
                        }
                    }
                }
            }
        });
        watcher.start();
        PassReport report = reconciler.pass(new DesiredState("c3", aborted, List.of()));
        watcher.join();
        long decided = report.decidedAfter().toMillis();
        long[] ms = restoredAt.values().stream().mapToLong(n -> n / 1_000_000).sorted().toArray();
        long[] afterDecision = Arrays.stream(ms).map(m -> Math.max(0, m - decided)).toArray();
        System.out.printf("rollback latency over %d rollbacks, from the decision (%d ms into the pass) to the weights"
                        + " restored as seen by DescribeListeners: median %d ms, p99 %d ms%n", ms.length, decided,
                percentile(afterDecision, 50), percentile(afterDecision, 99));
        System.out.printf("  from the start of the pass (observing all %d rollouts): median %d ms, p99 %d ms%n",
                aborted.size(), percentile(ms, 50), percentile(ms, 99));
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The first {@code changed} rollouts get {@code extra} lines in spec; the rest stay on blue. */
    private static List<Rollout> rollouts(QuotaSteadyBench.Arns arns, int count, int changed, String active, String abort) {
        List<Rollout> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "r" + i;
            boolean moves = i < changed;
            String text = "apiVersion: sluice.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: " + name + "\nspec:\n"
                    + "  target:\n    alb:\n      listenerArn: " + arns.listeners().get(name) + "\n      targetGroups:\n"
                    + "        blue: " + arns.groups().get(name + "-blue") + "\n        green: "
                    + arns.groups().get(name + "-green") + "\n"
                    + (moves ? active + abort : "  active: blue\n")
                    + "  strategy:\n    steps:\n      - setWeight: 50\n      - pause: 10m\n      - setWeight: 100\n";
            RolloutFiles.FileResult read = RolloutFiles.read(text, "rollouts/" + name + ".yaml");
            out.add(read.rollout().orElseThrow(() -> new IllegalArgumentException(read.problems() + "\n" + text)));
        }
        return out;
    }

}
