package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.plan.Decision;
import io.sluice.sim.Fault;
import io.sluice.sim.ScenarioFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A restart never repeats a step; one throttled API never stops another rollout's rollback. */
class ResilienceTest {
    static final UnaryOperator<String> HEALTHY_ISSHONI = s -> s.replace(
            "schedule: [{until: 12m, value: 0.0005}, {value: 0.04}]", "value: 0.0005");

    @Test
    void aRestartMidPauseKeepsTheDeadlineAndDoesNotShiftAgain() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(HEALTHY_ISSHONI)) {
            Rollout r = example("isshoni-web", s -> s);
            RolloutStatus s = null;
            for (int i = 0; i < 10 && (s == null || s.pausedUntil().isEmpty()); i++) {
                s = h.pass(r).statuses().get(r.name());
                h.clock.advance(Duration.ofSeconds(20));
            }
            Instant deadline = s.pausedUntil().orElseThrow(() -> new AssertionError(h.timeline()));
            long modifiesBefore = modifyListenerCalls(h);

            // a new process: only the status read back from Git and what AWS says
            try (Reconciler restarted = new Reconciler(new DefaultTrafficTargets(h.aws), h.analyzer, h.clock, 2,
                    new RolloutBoard())) {
                restarted.restore(Map.of(r.name(), s));
                PassReport again = restarted.pass(new DesiredState("c0ffee1", List.of(r), List.of()));
                Decision.Hold hold = assertInstanceOf(Decision.Hold.class, again.decisions().get(r.name()));
                assertEquals(deadline, hold.status().pausedUntil().orElseThrow());
                assertEquals(modifiesBefore, modifyListenerCalls(h), "the restart shifted nothing");

                h.clock.advance(Duration.between(h.clock.now(), deadline).plusSeconds(1));
                PassReport after = restarted.pass(new DesiredState("c0ffee1", List.of(r), List.of()));
                assertInstanceOf(Decision.ShiftWeights.class, after.decisions().get(r.name()));
                assertEquals(modifiesBefore + 1, modifyListenerCalls(h), "exactly the next step's one shift");
            }
        }
    }

    @Test
    void aRollbackGoesThroughWhileEveryOtherServiceIsThrottled() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(HEALTHY_ISSHONI)) {
            Rollout isshoni = example("isshoni-web", s -> s);
            List<Rollout> others = List.of(example("makenaide-orchestrator", s -> s), example("nodeapp-dns", s -> s),
                    example("rag-backend", s -> s));
            List<Rollout> all = new java.util.ArrayList<>(others);
            all.add(isshoni);
            for (int i = 0; i < 4; i++) {
                h.reconciler.pass(new DesiredState("c1", all, List.of()));
                h.clock.advance(Duration.ofSeconds(20));
            }
            assertEquals(10.0, h.reconciler.statuses().get("isshoni-web").canary().orElseThrow().weight(), h.timeline());
            for (String service : List.of("lambda", "route53", "ecs", "monitoring")) {
                h.sim.control().faults().add(Fault.parse(ScenarioFields.of("fault", Map.of("service", service,
                        "kind", "throttle"))));
            }
            Rollout aborted = example("isshoni-web", s -> s.replace("  active: green\n", "  active: green\n  abort: true\n"));
            List<Rollout> abortedAll = new java.util.ArrayList<>(others);
            abortedAll.add(aborted);
            PassReport report = h.reconciler.pass(new DesiredState("c2", abortedAll, List.of()));
            assertEquals(Phase.RolledBack, report.statuses().get("isshoni-web").phase());
            assertTrue(report.actionFailures().keySet().containsAll(List.of("makenaide-orchestrator", "nodeapp-dns",
                    "rag-backend")), report.actionFailures().toString());
            assertTrue(report.actionFailures().get("nodeapp-dns").contains("THROTTLED"), report.actionFailures().toString());
            assertTrue(!report.actionFailures().containsKey("isshoni-web"));
            assertEquals(0L, greenWeight(h));
        }
    }

    @SuppressWarnings("unchecked")
    private static long modifyListenerCalls(ScenarioHarness h) {
        Map<String, Object> elb = (Map<String, Object>) h.sim.control().calls().snapshot().getOrDefault("elasticloadbalancing", Map.of());
        Map<String, Object> modify = (Map<String, Object>) elb.getOrDefault("ModifyListener", Map.of());
        return (Long) modify.getOrDefault("ok", 0L);
    }

    private static long greenWeight(ScenarioHarness h) {
        var elb = software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client.builder()
                .endpointOverride(h.sim.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDPERSON", "x"))).build();
        String lb = elb.describeLoadBalancers(d -> d.names("isshoni")).loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).defaultActions().get(0).forwardConfig()
                .targetGroups().stream().filter(t -> t.targetGroupArn().contains("isshoni-green")).findFirst()
                .orElseThrow().weight();
    }
}
