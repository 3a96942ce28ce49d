package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.Rollout;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.model.status.RolloutStatus;
import io.sluice.plan.Decision;
import io.sluice.plan.PlanInput;
import io.sluice.plan.Planner;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.TrafficTargets;
import io.sluice.traffic.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every reason of {@link Reason} is produced by sluice in a situation a user meets: a reason nothing
 * produces fails this test, so the reasons file lists only what a person can actually see.
 */
class EveryReasonIsProducedTest {
    static final Instant T0 = ScenarioHarness.T0;
    final Set<Reason> seen = EnumSet.noneOf(Reason.class);

    Reason see(RolloutStatus s) {
        Reason r = s.reason().orElseThrow(() -> new AssertionError("no reason in " + s));
        seen.add(r);
        return r;
    }

    static Observed split(String stable, String canary, int canaryWeight) {
        return new Observed(Map.of(stable, 100 - canaryWeight, canary, canaryWeight), Map.of(), Observed.SETTLED,
                Observed.READY);
    }

    static Decision plan(Rollout r, Observed o, Optional<RolloutStatus> last, List<CheckStatus> measured, Instant now,
                         boolean unconfirmed) {
        return Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", o, last, measured, now, unconfirmed));
    }

    static Rollout isshoni(UnaryOperator<String> edit) throws Exception {
        return example("isshoni-web", edit);
    }

    @Test
    void everyReasonIsProducedSomewhere() throws Exception {
        Rollout isshoni = isshoni(s -> s);
        CheckStatus alarming = new CheckStatus("websocket-and-redis", Optional.of(1.0), Result.fail, T0, 1, 0, 0);
        assertEquals(Reason.AlarmFiringAtStart, see(plan(isshoni, split("blue", "green", 0), Optional.empty(),
                List.of(alarming), T0, false).status()));
        CheckStatus quiet = new CheckStatus("websocket-and-redis", Optional.of(0.0), Result.pass, T0, 0, 0, 0);
        Decision start = plan(isshoni, split("blue", "green", 0), Optional.empty(), List.of(quiet), T0, false);
        assertEquals(Reason.StepInProgress, see(start.status()));
        Decision verified = plan(isshoni, split("blue", "green", 10), Optional.of(start.status()), List.of(),
                T0.plusSeconds(10), false);
        assertEquals(Reason.Pausing, see(verified.status()));
        CheckStatus failingOnce = new CheckStatus("five-xx-rate", Optional.of(0.04), Result.fail, T0.plusSeconds(700), 1, 0, 0);
        assertEquals(Reason.CheckFailing, see(plan(isshoni, split("blue", "green", 10), Optional.of(verified.status()),
                List.of(failingOnce), T0.plusSeconds(700), false).status()));
        CheckStatus failingTwice = new CheckStatus("five-xx-rate", Optional.of(0.04), Result.fail, T0.plusSeconds(60), 2, 0, 0);
        assertEquals(Reason.CheckFailed, see(plan(isshoni, split("blue", "green", 10), Optional.of(verified.status()),
                List.of(failingTwice), T0.plusSeconds(60), false).status()));
        CheckStatus erring = new CheckStatus("five-xx-rate", Optional.empty(), Result.error, T0.plusSeconds(60), 0, 5, 0,
                Optional.of("CloudWatch GetMetricData: HTTP 503 ServiceUnavailable"));
        assertEquals(Reason.ProviderError, see(plan(isshoni, split("blue", "green", 10), Optional.of(verified.status()),
                List.of(erring), T0.plusSeconds(60), false).status()));
        assertEquals(Reason.Drift, see(plan(isshoni, split("blue", "green", 30), Optional.of(verified.status()), List.of(),
                T0.plusSeconds(60), false).status()));
        assertEquals(Reason.RollbackFound, see(plan(isshoni, split("blue", "green", 0), Optional.of(verified.status()),
                List.of(), T0.plusSeconds(60), true).status()));
        assertEquals(Reason.Aborted, see(plan(isshoni(s -> s.replace("  active: green\n", "  active: green\n  abort: true\n")),
                split("blue", "green", 10), Optional.of(verified.status()), List.of(), T0.plusSeconds(60), false).status()));
        assertEquals(Reason.VersionChanged, see(plan(isshoni(s -> s.replace("active: green", "active: blue")),
                split("blue", "green", 10), Optional.of(verified.status()), List.of(), T0.plusSeconds(60), false).status()));
        assertEquals(Reason.Suspended, see(plan(isshoni(s -> s.replace("  active: green\n", "  active: green\n  suspend: true\n")),
                split("blue", "green", 10), Optional.of(verified.status()), List.of(), T0.plusSeconds(60), false).status()));
        assertEquals(Reason.Completed, see(plan(isshoni, split("blue", "green", 100), Optional.empty(), List.of(), T0,
                false).status()));
        assertEquals(Reason.NotReady, see(plan(isshoni, new Observed(Map.of("blue", 100), Map.of(), Observed.SETTLED,
                new Observed.NotReady("green: 0 of 2 targets healthy")), Optional.empty(), List.of(), T0, false).status()));
        assertEquals(Reason.DeploymentInProgress, see(plan(isshoni, new Observed(Map.of("blue", 90, "green", 10), Map.of(),
                new Observed.InProgress("Route 53 change PENDING"), Observed.READY), Optional.of(start.status()), List.of(),
                T0.plusSeconds(5), false).status()));
        assertEquals(Reason.DeploymentFailed, see(plan(isshoni, new Observed(Map.of("blue", 90, "green", 10), Map.of(),
                new Observed.Failed("circuit breaker"), Observed.READY), Optional.of(verified.status()), List.of(),
                T0.plusSeconds(60), false).status()));
        // a Lambda alias that routes to nothing sluice can call stable
        assertEquals(Reason.NoStableVersion, see(plan(example("makenaide-orchestrator", s -> s), new Observed(Map.of(),
                Map.of(), Observed.SETTLED, Observed.READY), Optional.empty(), List.of(), T0, false).status()));
        assertEquals(Reason.InvalidFile, see(Planner.plan(new PlanInput(isshoni, Optional.of("rollouts/isshoni-web.yaml:3:1:"
                + " spec: bad"), "c0ffee2", split("blue", "green", 0), Optional.empty(), List.of(), T0)).status()));
        Observed stalled = new Observed(Map.of("blue", 90, "green", 10), Map.of(),
                new Observed.InProgress("Route 53 change PENDING"), Observed.READY);
        assertEquals(Reason.ProgressDeadlineExceeded, see(plan(isshoni, stalled, Optional.of(start.status()), List.of(),
                T0.plus(isshoni.progressDeadline()), false).status()));
        Rollout model = example("model-platform", s -> s);
        RolloutStatus atApproval = io.sluice.model.status.StatusYamlReader.read("""
                rollout: model-platform
                phase: Progressing
                step: 4/5
                stable: { name: blue, version: blue, weight: 50 }
                canary: { name: green, version: green, weight: 50 }
                stepStartedAt: 2026-11-24T09:58:00Z
                message: ""
                """, "status/model-platform.yaml");
        assertEquals(Reason.WaitingForApproval, see(plan(model, split("blue", "green", 50), Optional.of(atApproval), List.of(),
                T0, false).status()));

        loopReasons();
        assertEquals(EnumSet.allOf(Reason.class), seen, "reasons nothing produces: "
                + EnumSet.complementOf(EnumSet.copyOf(seen)));
    }

    /** The reasons the loop gives: AWS could not be read or refused, a write failed, sluice failed on one rollout. */
    private void loopReasons() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(ResilienceTest.HEALTHY_ISSHONI)) {
            Rollout isshoni = example("isshoni-web", s -> s);
            Rollout missing = example("model-platform", s -> s.replace("name: model-platform", "name: ghost")
                    .replace("14d6256cfe703b1c\n", "00000000deadbeef\n").replaceAll("\\s+ruleArn: .*\\n", "\n"));
            Rollout sideways = example("nodeapp-alb", s -> s);
            TrafficTargets real = new DefaultTrafficTargets(h.aws);
            TrafficTargets misreporting = new TrafficTargets() {
                @Override
                public Map<String, Observation> observe(Collection<Rollout> rollouts, Urgency urgency) {
                    Map<String, Observation> out = new LinkedHashMap<>(real.observe(rollouts, urgency));
                    // an adapter that reports an impossible weight: the planner fails on this rollout only
                    out.computeIfPresent("nodeapp-alb", (n, o) -> new Observation.Seen(new Observed(Map.of("blue", 0,
                            "green", 150), Map.of(), Observed.SETTLED, Observed.READY)));
                    return out;
                }

                @Override
                public void apply(Rollout rollout, Split split, Urgency urgency) {
                    if (rollout.name().equals("isshoni-web") && split.canaryPercent() == 50) {
                        throw new TargetFailure(TargetFailure.Kind.UNAVAILABLE, "ServiceUnavailable", "injected", null);
                    }
                    real.apply(rollout, split, urgency);
                }

                @Override
                public void deploy(Rollout rollout, String side, String revision) {
                    real.deploy(rollout, side, revision);
                }
            };
            try (Reconciler r = new Reconciler(misreporting, h.analyzer, h.clock, 2, new RolloutBoard())) {
                PassReport first = r.pass(new DesiredState("c1", List.of(isshoni, missing, sideways), List.of()));
                assertEquals(Reason.TargetNotFound, see(first.statuses().get("ghost")));
                assertEquals(Reason.InternalError, see(first.statuses().get("nodeapp-alb")));
                assertEquals(io.sluice.model.status.Phase.Progressing, first.statuses().get("isshoni-web").phase());

                h.sim.control().faults().add(io.sluice.sim.Fault.parse(io.sluice.sim.ScenarioFields.of("fault",
                        Map.of("service", "elasticloadbalancing", "operation", "DescribeListeners", "kind", "http503",
                                "times", 1000))));
                PassReport cannot = r.pass(new DesiredState("c1", List.of(isshoni, missing, sideways), List.of()));
                h.sim.control().faults().clear();
                see(cannot.statuses().get("isshoni-web"));
                assertEquals(Reason.CannotObserve, cannot.statuses().get("isshoni-web").reason().orElseThrow());

                // AWS refuses the read: the role lacks a permission
                h.sim.control().faults().add(io.sluice.sim.Fault.parse(io.sluice.sim.ScenarioFields.of("fault",
                        Map.of("service", "elasticloadbalancing", "operation", "DescribeListeners", "kind", "http500",
                                "code", "AccessDenied", "status", 403, "message",
                                "User is not authorized to perform: elasticloadbalancing:DescribeListeners"))));
                PassReport refusal = r.pass(new DesiredState("c1", List.of(isshoni, missing, sideways), List.of()));
                h.sim.control().faults().clear();
                assertEquals(Reason.TargetRefused, see(refusal.statuses().get("isshoni-web")),
                        refusal.statuses().get("isshoni-web").message());

                for (int i = 0; i < 60 && !first.actionFailures().containsKey("isshoni-web"); i++) {
                    h.clock.advance(Duration.ofSeconds(20));
                    first = r.pass(new DesiredState("c1", List.of(isshoni), List.of()));
                }
                assertEquals(Reason.ActionFailed, see(first.statuses().get("isshoni-web")), first.actionFailures().toString());
            }
        }
    }
}
