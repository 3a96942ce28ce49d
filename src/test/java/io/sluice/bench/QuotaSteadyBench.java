package io.sluice.bench;

import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.aws.quota.QuotaBuckets;
import io.sluice.aws.quota.QuotaLimits;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.sim.quota.QuotaSettings;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * One steady observe pass over N ALB rollouts (each its own listener and blue/green groups, 50
 * listeners per load balancer) in one account, against the simulator enforcing the published
 * quotas, with sluice's limiter at its default 80%: wall time, AWS calls and throttles.
 * {@code --scale S} refills the simulator's buckets S times faster and sluice's limits with them, so
 * the wall time at real rates is about S times the one printed.
 * {@code --no-limit} turns sluice's limiter off, to show what it prevents.
 * Usage: bench/run quota-steady [--smoke] [--rollouts N] [--scale S] [--no-limit]
 */
public final class QuotaSteadyBench {
    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int rollouts = SimThroughputBench.intArg(args, "--rollouts", smoke ? 60 : 1000);
        int scale = SimThroughputBench.intArg(args, "--scale", smoke ? 20 : 1);
        boolean limited = !List.of(args).contains("--no-limit");
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(scenario(rollouts)).applyTo(server);
            clock.advance(Duration.ofMinutes(5));
            List<Rollout> all = rollouts(server, rollouts);
            Map<String, QuotaBuckets.Rate> limits = new HashMap<>();
            for (String bucket : QuotaSettings.published(1).buckets().keySet()) {
                QuotaBuckets.Rate p = QuotaBuckets.published(bucket);
                limits.put(bucket, new QuotaBuckets.Rate(p.burst() * QuotaLimits.DEFAULT_FRACTION,
                        p.perSecond() * QuotaLimits.DEFAULT_FRACTION * scale));
            }
            server.control().quotas().configure(QuotaSettings.published(scale));
            AwsCallStats stats = AwsCallStats.unpublished();
            try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.of(server.endpoint()),
                    Optional.of(new AwsSettings.StaticKeys("AKIDSLUICE", "secret")), AwsSettings.RetryBudget.defaults(),
                    Duration.ofMinutes(30), new QuotaLimits(limited, QuotaLimits.DEFAULT_FRACTION, limits)), stats)) {
                long start = System.nanoTime();
                Map<String, Observation> seen = new DefaultTrafficTargets(clients).observe(all, Urgency.MOVING);
                double seconds = (System.nanoTime() - start) / 1e9;
                long failed = seen.values().stream().filter(o -> o instanceof Observation.Failed).count();
                System.out.printf("%d ALB rollouts, one account, quotas at %dx the published refill, %s%n",
                        rollouts, scale, limited ? "sluice at 80%" : "sluice's limiter off");
                System.out.printf("steady pass wall time   %8.1f s  (about %.0f s at the published rates)%n",
                        seconds, seconds * scale);
                System.out.printf("AWS calls in the pass   %8d  (%.2f per rollout, target <= 2)%n",
                        stats.totalAttempts(), stats.totalAttempts() / (double) rollouts);
                System.out.printf("failed observations     %8d%n", failed);
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Long>> totals =
                        (Map<String, Map<String, Long>>) server.control().quotas().snapshot().get("totals");
                long throttled = totals.values().stream().mapToLong(t -> t.get("throttled")).sum();
                System.out.printf("throttled calls         %8d  (target 0)%n", throttled);
                totals.forEach((bucket, t) -> {
                    QuotaBuckets.Rate p = QuotaBuckets.published(bucket);
                    System.out.printf("  %-26s %6d calls %4d throttled  (quota burst %.0f, %.0f/s)%n", bucket,
                            t.get("calls"), t.get("throttled"), p.burst(), p.perSecond());
                });
                stats.snapshot().forEach((k, v) -> System.out.printf("  %-40s %6d%n", k, v));
            }
        }
    }

    public static String scenario(int rollouts) {
        StringBuilder groups = new StringBuilder("elasticloadbalancing:\n  targetGroups:\n");
        StringBuilder lbs = new StringBuilder("  loadBalancers:\n");
        for (int i = 0; i < rollouts; i++) {
            groups.append("    - {name: r").append(i).append("-blue, targets: [{id: 10.0.0.1}]}\n");
            groups.append("    - {name: r").append(i).append("-green, targets: [{id: 10.0.0.2}]}\n");
            if (i % 50 == 0) {
                lbs.append("    - name: lb").append(i / 50).append("\n      listeners:\n");
            }
            lbs.append("        - port: ").append(1000 + i % 50).append('\n')
                    .append("          defaultActions:\n            - Type: forward\n              ForwardConfig:\n")
                    .append("                TargetGroups:\n")
                    .append("                  - {TargetGroupArn: r").append(i).append("-blue, Weight: 100}\n")
                    .append("                  - {TargetGroupArn: r").append(i).append("-green, Weight: 0}\n");
        }
        return groups.append(lbs).toString();
    }

    /** Target group ARNs by name and listener ARNs by rollout name, as the simulator made them. */
    public record Arns(Map<String, String> groups, Map<String, String> listeners) {
    }

    public static Arns arns(SimServer server) {
        return arns(server.endpoint());
    }

    /** The same, from a simulator reached at {@code endpoint} (one in its own process). */
    public static Arns arns(java.net.URI endpoint) {
        Map<String, String> groups = new HashMap<>();
        Map<String, String> listeners = new LinkedHashMap<>();
        try (ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder()
                .endpointOverride(endpoint).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(SimThroughputBench.credentials())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            for (TargetGroup g : elb.describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups()) {
                groups.put(g.targetGroupName(), g.targetGroupArn());
            }
            elb.describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancers().forEach(lb -> {
                int base = Integer.parseInt(lb.loadBalancerName().substring(2)) * 50;
                for (Listener l : elb.describeListenersPaginator(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                        .listeners()) {
                    listeners.put("r" + (base + l.port() - 1000), l.listenerArn());
                }
            });
        }
        return new Arns(groups, listeners);
    }

    private static List<Rollout> rollouts(SimServer server, int count) {
        Arns arns = arns(server);
        Map<String, String> groups = arns.groups();
        Map<String, String> listeners = arns.listeners();
        List<Rollout> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "r" + i;
            String text = "apiVersion: sluice.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: " + name + "\nspec:\n"
                    + "  target:\n    alb:\n      listenerArn: " + listeners.get(name) + "\n      targetGroups:\n"
                    + "        blue: " + groups.get(name + "-blue") + "\n        green: " + groups.get(name + "-green")
                    + "\n  active: blue\n  strategy:\n    steps:\n      - setWeight: 10\n      - setWeight: 100\n";
            RolloutFiles.FileResult read = RolloutFiles.read(text, name + ".yaml");
            out.add(read.rollout().orElseThrow(() -> new IllegalArgumentException(read.problems() + "\n" + text)));
        }
        return out;
    }
}
