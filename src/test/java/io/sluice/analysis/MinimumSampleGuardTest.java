package io.sluice.analysis;

import static io.sluice.analysis.AnalysisSim.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rate measured over a handful of requests is noise: inconclusive, and the status says why. */
class MinimumSampleGuardTest {
    /** Green serves {@code requests} a minute, a third of them 5xx: far above any error-rate threshold. */
    static String scenario(int requests) {
        return """
                monitoring:
                  start: 2026-11-24T10:00:00Z
                  metrics:
                    - id: green-requests
                      namespace: AWS/ApplicationELB
                      metric: RequestCount
                      dimensions: {TargetGroup: %2$s, LoadBalancer: %1$s}
                      kind: count
                      value: %3$d
                    - namespace: AWS/ApplicationELB
                      metric: HTTPCode_Target_5XX_Count
                      dimensions: {TargetGroup: %2$s, LoadBalancer: %1$s}
                      kind: count
                      relativeTo: green-requests
                      value: 0.3333334
                """.formatted(Rollouts.LB, Rollouts.GREEN_TG, requests);
    }

    AnalysisSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void threeRequestsWithOneErrorAreInconclusiveNotAFailure() throws Exception {
        sim = new AnalysisSim(scenario(3));
        sim.advance(Duration.ofMinutes(4));
        Rollout web = Rollouts.alb("web", Rollouts.FIVE_XX_RATE);
        CheckStatus thin = check(sim.measure(web, "green", "blue", List.of()), "five-xx-rate");
        assertEquals(Result.inconclusive, thin.result());
        assertEquals(0, thin.consecutiveFailures());
        assertEquals(1, thin.consecutiveNoData());
        assertEquals(1.0 / 3, thin.value().orElseThrow(), 1e-6, "the noisy value is shown, not judged");
        assertEquals(Optional.of("3 requests in the measured 1m period, 30 needed"), thin.detail());
        assertEquals(Optional.of(3L), thin.count());
    }

    @Test
    void thinDataFollowsTheNoDataLimitLikeNoData() throws Exception {
        sim = new AnalysisSim(scenario(3));
        sim.advance(Duration.ofMinutes(4));
        Rollout web = Rollouts.alb("web", Rollouts.FIVE_XX_RATE + "  noDataLimit: 2\n");
        CheckStatus first = check(sim.measure(web, "green", "blue", List.of()), "five-xx-rate");
        assertEquals(Result.inconclusive, first.result());
        sim.advance(Duration.ofSeconds(30));
        CheckStatus second = check(sim.measure(web, "green", "blue", List.of(first)), "five-xx-rate");
        assertEquals(Result.fail, second.result(), "two thin windows in a row count as no data twice");
        assertEquals(Optional.of("3 requests in the measured 1m period, 30 needed"), second.detail());
    }

    @Test
    void anExplicitCountAndSampleMinimumNameWhatIsMissing() throws Exception {
        sim = new AnalysisSim(scenario(60));
        sim.advance(Duration.ofMinutes(4));
        Rollout counted = Rollouts.alb("web", Rollouts.FIVE_XX_RATE + "  minCount: { query: requests, atLeast: 100 }\n");
        CheckStatus c = check(sim.measure(counted, "green", "blue", List.of()), "five-xx-rate");
        assertEquals(Result.inconclusive, c.result());
        assertEquals(Optional.of("60 requests in the measured 1m period, 100 needed"), c.detail());

        Rollout sampled = Rollouts.alb("web", Rollouts.FIVE_XX_RATE + "  minSamples: 5\n");
        CheckStatus s = check(sim.measure(sampled, "green", "blue", List.of()), "five-xx-rate");
        assertEquals(Result.inconclusive, s.result());
        assertEquals(Optional.of(s.samples().orElseThrow() + " datapoints in the last 3m, 5 needed"), s.detail());
    }

    @Test
    void enoughRequestsAreJudgedAsBefore() throws Exception {
        sim = new AnalysisSim(scenario(60));
        sim.advance(Duration.ofMinutes(4));
        CheckStatus c = check(sim.measure(Rollouts.alb("web", Rollouts.FIVE_XX_RATE), "green", "blue", List.of()),
                "five-xx-rate");
        assertEquals(Result.fail, c.result());
        assertEquals(Optional.of(60L), c.count());
        assertEquals(Optional.empty(), c.detail());
    }
}
