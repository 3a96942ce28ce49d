package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.aws.quota.QuotaBuckets;
import io.sluice.aws.quota.QuotaLimits;
import io.sluice.bench.QuotaSteadyBench;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.sim.quota.QuotaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * 300 ALB rollouts in one account step at once against the simulator enforcing the published ELBv2
 * quotas (refilled 50 times faster, and sluice's limits with them, to keep the test short): all
 * complete, sluice never sees a throttling error, and none is starved.
 */
class ManyRolloutsUnderQuotaTest {
    static final int ROLLOUTS = 300;
    static final double SCALE = 50;

    @Test
    void threeHundredRolloutsCompleteWithoutAThrottleAndWithoutStarvation() throws Exception {
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(QuotaSteadyBench.scenario(ROLLOUTS)).applyTo(server);
            clock.advance(Duration.ofMinutes(5));
            QuotaSteadyBench.Arns arns = QuotaSteadyBench.arns(server);
            server.control().quotas().configure(QuotaSettings.published(SCALE));
            Map<String, QuotaBuckets.Rate> limits = new HashMap<>();
            for (String bucket : QuotaSettings.published(1).buckets().keySet()) {
                QuotaBuckets.Rate p = QuotaBuckets.published(bucket);
                limits.put(bucket, new QuotaBuckets.Rate(p.burst() * QuotaLimits.DEFAULT_FRACTION,
                        p.perSecond() * QuotaLimits.DEFAULT_FRACTION * SCALE));
            }
            AwsCallStats stats = AwsCallStats.unpublished();
            try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.of(server.endpoint()),
                    Optional.of(new AwsSettings.StaticKeys("AKIDSLUICE", "secret")), AwsSettings.RetryBudget.defaults(),
                    Duration.ofMinutes(2), new QuotaLimits(true, QuotaLimits.DEFAULT_FRACTION, limits)), stats);
                 DefaultAnalyzer analyzer = new DefaultAnalyzer(AwsProducers.analysisClientsOf(clients),
                         DefaultAnalyzer.Settings.defaults(), Optional.empty());
                 Reconciler reconciler = new Reconciler(new DefaultTrafficTargets(clients), analyzer, clock, 8,
                         new RolloutBoard())) {
                List<Rollout> desired = rollouts(arns);
                Map<String, Integer> completedInPass = new HashMap<>();
                for (int pass = 1; pass <= 12 && completedInPass.size() < ROLLOUTS; pass++) {
                    PassReport report = reconciler.pass(new DesiredState("c1", desired, List.of()));
                    assertEquals(Map.of(), report.actionFailures(), "pass " + pass);
                    int p = pass;
                    report.statuses().forEach((name, s) -> {
                        if (s.phase() == Phase.Healthy && s.history().stream().anyMatch(h -> h.event().equals("completed"))) {
                            completedInPass.putIfAbsent(name, p);
                        }
                    });
                    clock.advance(Duration.ofSeconds(10));
                }
                assertEquals(ROLLOUTS, completedInPass.size(), "completed: " + completedInPass.size());
                int first = completedInPass.values().stream().min(Integer::compare).orElseThrow();
                int last = completedInPass.values().stream().max(Integer::compare).orElseThrow();
                assertTrue(last - first <= 1, "completion spread over passes " + first + ".." + last + ": starvation");
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Long>> totals =
                        (Map<String, Map<String, Long>>) server.control().quotas().snapshot().get("totals");
                long throttled = totals.values().stream().mapToLong(t -> t.get("throttled")).sum();
                assertEquals(0, throttled, totals.toString());
            }
        }
    }

    private static List<Rollout> rollouts(QuotaSteadyBench.Arns arns) {
        List<Rollout> out = new ArrayList<>();
        for (int i = 0; i < ROLLOUTS; i++) {
            String name = "r" + i;
            String text = "apiVersion: sluice.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: " + name + "\nspec:\n"
                    + "  target:\n    alb:\n      listenerArn: " + arns.listeners().get(name) + "\n      targetGroups:\n"
                    + "        blue: " + arns.groups().get(name + "-blue") + "\n        green: "
                    + arns.groups().get(name + "-green") + "\n  active: green\n"
                    + "  strategy:\n    steps:\n      - setWeight: 50\n      - setWeight: 100\n";
            out.add(RolloutFiles.read(text, "rollouts/" + name + ".yaml").rollout().orElseThrow());
        }
        return out;
    }
}
