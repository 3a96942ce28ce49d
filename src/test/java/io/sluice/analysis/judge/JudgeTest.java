package io.sluice.analysis.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The judge's decisions on hand-made inputs: the decision rule, the minimum effect, directions and bad input. */
class JudgeTest {
    private static final JudgeSpec UP = JudgeSpec.defaults(Direction.INCREASE);

    @Test
    void defaultsAreTenPercentAtNinetyNinePercentSequentialWithSpreadOnlyReported() {
        assertEquals(new JudgeSpec(Direction.DECREASE, 0.1, 0.99, Mode.SEQUENTIAL, false),
                JudgeSpec.defaults(Direction.DECREASE));
        assertEquals(100, UP.eValueThreshold(), 1e-9);
    }

    @Test
    void aSpecOutsideItsRangeIsAMistakeOfTheCaller() {
        assertThrows(IllegalArgumentException.class, () -> new JudgeSpec(Direction.INCREASE, 0.1, 1, Mode.FIXED, false));
        assertThrows(IllegalArgumentException.class, () -> new JudgeSpec(Direction.INCREASE, 0.1, 99, Mode.FIXED, false));
        assertThrows(IllegalArgumentException.class, () -> new JudgeSpec(Direction.INCREASE, -0.1, 0.99, Mode.FIXED, false));
        assertThrows(IllegalArgumentException.class,
                () -> new JudgeSpec(Direction.INCREASE, Double.NaN, 0.99, Mode.FIXED, false));
    }

    @Test
    void doubledLatencyFailsWithItsNumbersInTheSummary() {
        Verdict v = Judge.continuous(UP, logNormal(1, Math.log(2), 0.3, 40), logNormal(2, 0, 0.3, 40));
        assertEquals(Outcome.FAIL, v.outcome());
        assertEquals(Judge.MANN_WHITNEY, v.test());
        assertTrue(v.statistic() > 1200 && v.statistic() <= 1600, "U " + v.statistic());
        assertTrue(v.pValue() < 1e-6 && v.eValue() > 100, v.summary());
        assertTrue(v.effect() > 0.7 && v.effect() < 1.3, "effect " + v.effect());
        assertTrue(v.summary().startsWith("canary median") && v.summary().contains("Mann-Whitney U=")
                && v.summary().endsWith(": worse"), v.summary());
    }

    @Test
    void aOnePercentShiftOnHugeSamplesIsSignificantButBelowTheMinimumEffectSoItPasses() {
        double[] stable = logNormal(3, 0, 0.05, 3000);
        double[] canary = logNormal(4, Math.log(1.01), 0.05, 3000);
        Verdict v = Judge.continuous(UP, canary, stable);
        assertTrue(v.eValue() >= UP.eValueThreshold(), "significant: e=" + v.eValue());
        assertTrue(v.effect() > 0.005 && v.effect() < 0.02, "effect " + v.effect());
        assertEquals(Outcome.PASS, v.outcome(), v.summary());
        assertTrue(v.summary().contains("below the 10% minimum effect"), v.summary());
        JudgeSpec anyEffect = new JudgeSpec(Direction.INCREASE, 0, 0.99, Mode.SEQUENTIAL, false);
        assertEquals(Outcome.FAIL, Judge.continuous(anyEffect, canary, stable).outcome());
    }

    @Test
    void theDirectionSaysWhichWayIsWorse() {
        double[] stable = logNormal(5, 0, 0.3, 40);
        double[] lower = logNormal(6, Math.log(0.5), 0.3, 40);
        assertEquals(Outcome.PASS, Judge.continuous(UP, lower, stable).outcome());
        Verdict down = Judge.continuous(JudgeSpec.defaults(Direction.DECREASE), lower, stable);
        assertEquals(Outcome.FAIL, down.outcome(), down.summary());
        assertTrue(down.effect() < -0.3, "effect " + down.effect());
        assertEquals(Outcome.FAIL, Judge.continuous(JudgeSpec.defaults(Direction.EITHER), lower, stable).outcome());
        assertEquals(Outcome.FAIL, Judge.continuous(JudgeSpec.defaults(Direction.EITHER), stable, lower).outcome());
    }

    @Test
    void fixedModeDecidesOnThePValueAndStillReportsTheEValue() {
        JudgeSpec fixed = new JudgeSpec(Direction.INCREASE, 0.1, 0.99, Mode.FIXED, false);
        // 5 against 5 without ties: the exact p-value of complete separation is 1/252, below 0.01
        double[] canary = {20, 21, 22, 23, 24};
        double[] stable = {10, 11, 12, 13, 14};
        Verdict v = Judge.continuous(fixed, canary, stable);
        assertEquals(1.0 / 252, v.pValue(), 1e-15);
        assertEquals(Outcome.FAIL, v.outcome());
        assertTrue(v.eValue() > 0 && v.eValue() < 100, "e " + v.eValue());
        assertEquals(Outcome.PASS, Judge.continuous(UP, canary, stable).outcome(), "five a side is not enough evidence"
                + " for a check that may look again");
    }

    @Test
    void inputThatCannotBeJudgedIsInconclusiveWithTheReason() {
        assertInconclusive(Judge.continuous(UP, new double[0], new double[] {1, 2}), "no canary samples");
        assertInconclusive(Judge.continuous(UP, new double[] {1, 2}, null), "no stable samples");
        assertInconclusive(Judge.continuous(UP, new double[] {Double.NaN, Double.NaN}, new double[] {1, 2}),
                "no canary samples to compare; 2 non-finite values ignored");
        assertInconclusive(Judge.continuous(UP, new double[] {5, 5, 5}, new double[] {5, 5}), "all 5 values are equal");
        assertInconclusive(Judge.counts(UP, 0, 0, 3, 100), "no canary requests");
        assertInconclusive(Judge.counts(UP, 4, 100, 3, -1), "no stable requests");
        assertInconclusive(Judge.counts(UP, 101, 100, 3, 100), "canary events 101 out of range");
        assertInconclusive(Judge.counts(UP, -1, 100, 3, 100), "canary events -1 out of range");
    }

    @Test
    void missingPointsAreLeftOutAndCounted() {
        double[] canary = {1, Double.NaN, 2, 3, Double.POSITIVE_INFINITY};
        Verdict v = Judge.continuous(UP, canary, new double[] {1, 2, 3});
        assertEquals(Outcome.PASS, v.outcome());
        assertEquals(4.5, v.statistic());
        assertTrue(v.summary().endsWith("; 2 non-finite values ignored"), v.summary());
    }

    @Test
    void tinySamplesAreJudgedNotRefused() {
        Verdict v = Judge.continuous(UP, new double[] {3}, new double[] {1});
        assertEquals(Outcome.PASS, v.outcome(), v.summary());
        assertFalse(v.varianceRise());
    }

    @Test
    void threeErrorsAgainstNoneIsNotYetEvidence() {
        Verdict v = Judge.counts(UP, 3, 1000, 0, 1000);
        assertEquals(Outcome.PASS, v.outcome(), v.summary());
        assertEquals(Judge.RATE_RATIO, v.test());
        assertEquals(3, v.statistic());
        assertEquals(0.125, v.pValue(), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, v.effect());
        assertTrue(v.summary().contains("stable has none"), v.summary());
        Verdict many = Judge.counts(UP, 30, 1000, 0, 1000);
        assertEquals(Outcome.FAIL, many.outcome(), many.summary());
        assertEquals(Outcome.PASS, Judge.counts(UP, 0, 1000, 3, 1000).outcome());
    }

    @Test
    void noEventsOnEitherSidePasses() {
        Verdict v = Judge.counts(UP, 0, 500, 0, 800);
        assertEquals(Outcome.PASS, v.outcome());
        assertEquals(0, v.effect());
        assertTrue(v.summary().contains("no events on either side"), v.summary());
    }

    @Test
    void theCountTestAccountsForTheCanarysShareOfTraffic() {
        // 10 % of the traffic: 12 canary errors against 100 stable ones is 1.2x the stable rate, 60 is 6x
        Verdict similar = Judge.counts(UP, 12, 1000, 100, 9000);
        assertEquals(Outcome.PASS, similar.outcome(), similar.summary());
        assertEquals(0.08, similar.effect(), 1e-12);
        Verdict worse = Judge.counts(UP, 60, 1000, 100, 9000);
        assertEquals(Outcome.FAIL, worse.outcome(), worse.summary());
        assertEquals(60.0 / 1000 / (100.0 / 9000) - 1, worse.effect(), 1e-12);
    }

    @Test
    void aSuccessCountJudgedDownwardsFailsWhenTheCanaryHasFewer() {
        JudgeSpec down = JudgeSpec.defaults(Direction.DECREASE);
        assertEquals(Outcome.FAIL, Judge.counts(down, 700, 1000, 950, 1000).outcome());
        assertEquals(Outcome.PASS, Judge.counts(down, 990, 1000, 950, 1000).outcome());
        JudgeSpec either = JudgeSpec.defaults(Direction.EITHER);
        assertEquals(Outcome.FAIL, Judge.counts(either, 700, 1000, 950, 1000).outcome());
        assertEquals(Outcome.FAIL, Judge.counts(either, 200, 1000, 50, 1000).outcome());
    }

    @Test
    void theEValueOfIdenticalCountsStaysBelowOne() {
        Verdict v = Judge.counts(UP, 50, 5000, 50, 5000);
        assertTrue(v.eValue() < 1, "e " + v.eValue());
        assertEquals(Outcome.PASS, v.outcome());
    }

    @Test
    void millionsOfEventsAreJudgedWithoutWalkingEveryOutcome() {
        Verdict v = Judge.counts(JudgeSpec.defaults(Direction.DECREASE), 9_000_000, 10_000_000, 4_480_000, 5_000_000);
        assertEquals(Outcome.PASS, v.outcome(), v.summary());
        assertTrue(v.pValue() > 0.99, "p " + v.pValue());
        assertEquals(Outcome.FAIL, Judge.counts(UP, 1_000_000, 10_000_000, 400_000, 5_000_000).outcome());
    }

    private static void assertInconclusive(Verdict v, String reason) {
        assertEquals(Outcome.INCONCLUSIVE, v.outcome(), v.summary());
        assertTrue(v.summary().startsWith(reason), v.summary());
        assertTrue(Double.isNaN(v.pValue()) && Double.isNaN(v.eValue()) && Double.isNaN(v.effect()));
    }

    private static double[] logNormal(long seed, double mu, double sigma, int n) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(mu + sigma * random.nextGaussian());
        }
        return values;
    }
}
