package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Check;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import io.sluice.plan.AbortVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure assessment: pass, fail, inconclusive, error, and the counters that abort or hold. */
class AssessmentTest {
    static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
    static final Check.Source CW = new Check.CloudWatch(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Map.of("m", new Check.MetricQuery("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum",
                    Map.of("TargetGroup", "{{targetGroup}}"))), Optional.empty());

    static Check above(double limit, int forCount, Check.NoData noData, int noDataLimit) {
        return new Check("five-xx", CW, Optional.of(new Check.Threshold(Optional.of(limit), Optional.empty())),
                Optional.empty(), forCount, noData, noDataLimit);
    }

    /** Feeds measurements one after the other, as passes do, and returns every status. */
    static List<CheckStatus> run(Check check, Measurement... ms) {
        Optional<CheckStatus> last = Optional.empty();
        List<CheckStatus> out = new java.util.ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            CheckStatus s = Assessment.assess(check, ms[i], last, AT.plusSeconds(60L * i));
            out.add(s);
            last = Optional.of(s);
        }
        return out;
    }

    @Test
    void abortsOnlyAfterForConsecutiveFailures() {
        Check c = above(0.01, 3, Check.NoData.INCONCLUSIVE, 0);
        List<CheckStatus> s = run(c, Measurement.Value.of(0.02), Measurement.Value.of(0.03), Measurement.Value.of(0.001),
                Measurement.Value.of(0.02), Measurement.Value.of(0.02), Measurement.Value.of(0.02));
        assertEquals(List.of(1, 2, 0, 1, 2, 3), s.stream().map(CheckStatus::consecutiveFailures).toList());
        assertFalse(AbortVerdict.abortsRollout(c, s.get(4)));
        assertTrue(AbortVerdict.abortsRollout(c, s.get(5)));
        assertEquals("five-xx 0.02 above 0.01 (3 of 3)", AbortVerdict.describeFailure(c, s.get(5)));
    }

    @Test
    void providerErrorsAreCountedApartAndNeverAsFailures() {
        Check c = above(0.01, 2, Check.NoData.INCONCLUSIVE, 0);
        List<CheckStatus> s = run(c, Measurement.Value.of(0.02), new Measurement.ProviderError("Throttling"),
                new Measurement.ProviderError("Throttling"), Measurement.Value.of(0.001));
        assertEquals(List.of(Result.fail, Result.error, Result.error, Result.pass), s.stream().map(CheckStatus::result).toList());
        assertEquals(List.of(1, 1, 1, 0), s.stream().map(CheckStatus::consecutiveFailures).toList());
        assertEquals(List.of(0, 1, 2, 0), s.stream().map(CheckStatus::consecutiveErrors).toList());
    }

    @Test
    void noDataIsInconclusiveByDefaultAndFailsAfterItsLimit() {
        Check patient = above(0.01, 1, Check.NoData.INCONCLUSIVE, 0);
        List<CheckStatus> s = run(patient, new Measurement.NoData("none"), new Measurement.NoData("none"));
        assertEquals(List.of(Result.inconclusive, Result.inconclusive), s.stream().map(CheckStatus::result).toList());
        Check limited = above(0.01, 1, Check.NoData.INCONCLUSIVE, 3);
        List<CheckStatus> l = run(limited, new Measurement.NoData("a"), new Measurement.NoData("b"), new Measurement.NoData("c"));
        assertEquals(List.of(Result.inconclusive, Result.inconclusive, Result.fail), l.stream().map(CheckStatus::result).toList());
        assertTrue(AbortVerdict.abortsRollout(limited, l.get(2)));
        assertEquals(Result.pass, run(above(0.01, 1, Check.NoData.PASS, 0), new Measurement.NoData("x")).get(0).result());
    }

    @Test
    void compareToStableFailsAboveTheRatioAndWaitsWithoutABaseline() {
        Check c = new Check("duration", CW, Optional.empty(), Optional.of(1.5), 1, Check.NoData.INCONCLUSIVE, 0);
        assertEquals(Result.pass, run(c, new Measurement.Value(140, Optional.of(100.0))).get(0).result());
        assertEquals(Result.fail, run(c, new Measurement.Value(160, Optional.of(100.0))).get(0).result());
        assertEquals(Result.inconclusive, run(c, new Measurement.Value(160, Optional.empty())).get(0).result());
        assertEquals(Result.fail, run(c, new Measurement.Value(5, Optional.of(0.0))).get(0).result());
        assertEquals(Result.pass, run(c, new Measurement.Value(0, Optional.of(0.0))).get(0).result());
    }

    @Test
    void alarmsAndTargetHealthJudgeThemselves() {
        Check alarms = new Check("alarms", new Check.Alarms(List.of("a")), Optional.empty(), Optional.empty(), 1,
                Check.NoData.INCONCLUSIVE, 0);
        assertEquals(Result.fail, run(alarms, Measurement.Value.of(1)).get(0).result());
        assertEquals(Result.pass, run(alarms, Measurement.Value.of(0)).get(0).result());
        Check health = new Check("healthy", new Check.TargetHealth(100), Optional.empty(), Optional.empty(), 3,
                Check.NoData.INCONCLUSIVE, 0);
        List<CheckStatus> h = run(health, Measurement.Value.of(50), Measurement.Value.of(66), Measurement.Value.of(50));
        assertTrue(AbortVerdict.abortsRollout(health, h.get(2)));
        assertEquals("healthy 50 below 100% healthy (3 of 3)", AbortVerdict.describeFailure(health, h.get(2)));
    }

    @Test
    void aProviderJudgedFailureCountsAsAFailure() {
        Check c = new Check("deep-health", new Check.Http("http://x/health", 200, Duration.ofSeconds(2)), Optional.empty(),
                Optional.empty(), 3, Check.NoData.INCONCLUSIVE, 0);
        List<CheckStatus> s = run(c, new Measurement.Failing(Optional.of(0.01), "HTTP 503"),
                new Measurement.Failing(Optional.empty(), "refused"), new Measurement.Failing(Optional.of(0.02), "HTTP 503"));
        assertTrue(AbortVerdict.abortsRollout(c, s.get(2)));
    }
}
