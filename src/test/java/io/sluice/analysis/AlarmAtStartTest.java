package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.plan.Decision;
import io.sluice.plan.PlanInput;
import io.sluice.plan.Planner;
import io.sluice.traffic.Observed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An alarm already in ALARM when version 2 is pushed holds the start, read through DescribeAlarms against
 * the simulator; the first traffic moves once the alarm is OK again.
 */
class AlarmAtStartTest {
    /** Three timeouts a minute until 10:05 (the alarm fires above two), none after. */
    static final String SCENARIO = """
            monitoring:
              start: 2026-11-24T10:00:00Z
              metrics:
                - namespace: Makenaide/Orchestrator
                  metric: Timeouts
                  dimensions: {FunctionName: orchestrator}
                  kind: count
                  schedule:
                    - until: 2026-11-24T10:05:00Z
                      value: 3
                    - value: 0
              alarms:
                - name: makenaide-orchestrator-timeouts
                  namespace: Makenaide/Orchestrator
                  metric: Timeouts
                  dimensions: {FunctionName: orchestrator}
                  statistic: Sum
                  period: 60
                  evaluationPeriods: 1
                  threshold: 2
                  comparison: GreaterThanThreshold
                  treatMissingData: notBreaching
            """;

    static final String CHECKS = """
            - name: timeouts
              alarms: [makenaide-orchestrator-timeouts]
            - name: memory
              cloudwatch: { namespace: LambdaInsights, metric: used_memory_max, stat: Maximum, dimensions: { version: "{{version}}" } }
              failIf: { above: 750 }
            """;

    static final Observed ALL_ON_ONE = new Observed(Map.of("1", 100, "2", 0), Map.of(), Observed.SETTLED, Observed.READY);

    AnalysisSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    static RolloutStatus healthyOnOne(Instant at) {
        return new RolloutStatus("orchestrator", Optional.of("c0ffee0"), 0, Phase.Healthy, Optional.empty(),
                Optional.of(new RolloutStatus.Side("1", "1", 100)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(at), List.of(), "all traffic on 1", List.of());
    }

    /** One pass as the loop makes it: measure what is due, then plan. */
    Decision pass(Rollout r, RolloutStatus last) {
        Instant now = sim.now();
        List<CheckStatus> measured = List.of();
        if (Planner.analysisDue(r, Optional.of(last), now)) {
            measured = sim.measure(List.of(new AnalysisRequest(r, last.canary().map(RolloutStatus.Side::name)
                    .orElse(r.desiredVersion()), last.stable().map(RolloutStatus.Side::name).orElse(""),
                    Optional.of(last)))).get(r.name());
        }
        return Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", ALL_ON_ONE, Optional.of(last), measured, now));
    }

    @Test
    void anAlarmInAlarmHoldsTheStartUntilItIsOkAgain() throws Exception {
        sim = new AnalysisSim(SCENARIO);
        sim.advance(Duration.ofMinutes(3));
        Rollout r = Rollouts.lambda("orchestrator", CHECKS);

        Decision held = pass(r, healthyOnOne(sim.now()));
        assertInstanceOf(Decision.Hold.class, held, held.toString());
        RolloutStatus s = held.status();
        assertEquals(Optional.of(Reason.AlarmFiringAtStart), s.reason(), s.message());
        assertTrue(s.message().contains("makenaide-orchestrator-timeouts"), s.message());
        assertEquals(List.of("timeouts"), s.checks().stream().map(CheckStatus::name).toList(),
                "only the start gate is read before any traffic moved");
        assertEquals(Optional.of(new RolloutStatus.StepProgress(0, 2)), s.step());
        assertEquals("alarmAtStart", s.history().get(0).event());

        sim.advance(Duration.ofSeconds(30));
        Decision still = pass(r, s);
        assertInstanceOf(Decision.Hold.class, still);
        assertEquals(Optional.of(Reason.AlarmFiringAtStart), still.status().reason());
        assertEquals(1, still.status().history().stream().filter(h -> h.event().equals("alarmAtStart")).count(),
                "one history entry per episode");

        sim.advance(Duration.ofMinutes(4));
        Decision started = pass(r, still.status());
        assertInstanceOf(Decision.ShiftWeights.class, started, started.status().message());
        assertEquals("start", started.status().history().get(0).event());
    }

    @Test
    void alarmAtStartIgnoreStartsAtOnceWithoutReadingTheAlarm() throws Exception {
        sim = new AnalysisSim(SCENARIO);
        sim.advance(Duration.ofMinutes(3));
        Rollout ignoring = Rollouts.lambda("orchestrator", "alarmAtStart: ignore", CHECKS);
        assertFalse(Planner.analysisDue(ignoring, Optional.of(healthyOnOne(sim.now())), sim.now()));
        Decision started = pass(ignoring, healthyOnOne(sim.now()));
        assertInstanceOf(Decision.ShiftWeights.class, started, started.status().message());
    }

    @Test
    void aRolloutWithoutAnyStatusHasItsAlarmsReadInItsFirstPassAndHoldsToo() throws Exception {
        sim = new AnalysisSim(SCENARIO);
        sim.advance(Duration.ofMinutes(3));
        Rollout r = Rollouts.lambda("orchestrator", CHECKS);
        Instant now = sim.now();
        assertTrue(Planner.analysisDue(r, Optional.empty(), now), "a new rollout file's first pass reads the gate");
        List<CheckStatus> measured = sim.measure(List.of(AnalysisRequest.firstPass(r, Map.of()))).get(r.name());
        assertEquals(List.of("timeouts"), measured.stream().map(CheckStatus::name).toList(), "the gate only");
        Decision held = Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", ALL_ON_ONE, Optional.empty(), measured, now));
        assertInstanceOf(Decision.Hold.class, held, held.status().message());
        assertEquals(Optional.of(Reason.AlarmFiringAtStart), held.status().reason(), held.status().message());

        // sluice plan measures nothing and plans as if the alarms were quiet
        Decision planned = Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", ALL_ON_ONE, Optional.empty(), List.of(), now));
        assertInstanceOf(Decision.ShiftWeights.class, planned, planned.status().message());
    }
}
