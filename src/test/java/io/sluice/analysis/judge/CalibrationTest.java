package io.sluice.analysis.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of whole checks: the caller re-queries the window since the check started at every interval,
 * so each look sees the samples of the previous ones plus new ones. They measure what a user relies on: how often
 * identical versions fail a check (at most 1 - confidence over all looks in sequential mode, which a p-value judged
 * at every look does not keep) and how often a real regression is caught. The rates are printed.
 */
class CalibrationTest {
    private static final int LOOKS = 10;
    private static final int SAMPLES_PER_LOOK = 6;
    private static final JudgeSpec SEQUENTIAL = JudgeSpec.defaults(Direction.INCREASE);
    private static final JudgeSpec FIXED = new JudgeSpec(Direction.INCREASE, 0.1, 0.99, Mode.FIXED, false);

    @Test
    void identicalLatenciesFailAtMostTwoPercentOfSequentialChecksButMoreWhenEveryLookUsesTheFixedPValue() {
        Random random = new Random(11);
        int checks = 2000;
        int sequentialFails = 0;
        int fixedFails = 0;
        int fixedFailsAtLastLook = 0;
        int spreadReports = 0;
        for (int i = 0; i < checks; i++) {
            double[] canary = logNormal(random, 0, 0.5, LOOKS * SAMPLES_PER_LOOK);
            double[] stable = logNormal(random, 0, 0.5, LOOKS * SAMPLES_PER_LOOK);
            sequentialFails += everFails(SEQUENTIAL, canary, stable) ? 1 : 0;
            fixedFails += everFails(FIXED, canary, stable) ? 1 : 0;
            fixedFailsAtLastLook += Judge.continuous(FIXED, canary, stable).outcome() == Outcome.FAIL ? 1 : 0;
            spreadReports += everReportsSpread(SEQUENTIAL, canary, stable) ? 1 : 0;
        }
        System.out.printf("A/A latency, %d checks of %d looks at 99%%: sequential ever failed %.4f, fixed p-value"
                + " at every look %.4f, fixed p-value at the last look only %.4f, spread rise reported %.4f%n", checks,
                LOOKS, rate(sequentialFails, checks), rate(fixedFails, checks), rate(fixedFailsAtLastLook, checks),
                rate(spreadReports, checks));
        // Ville's inequality promises 1 % as the samples grow; 2 % leaves room for the asymptotics and for chance
        assertTrue(rate(sequentialFails, checks) <= 0.02, "sequential false-fail rate " + rate(sequentialFails, checks));
        assertTrue(rate(fixedFails, checks) > 0.02, "fixed p-value judged at every look " + rate(fixedFails, checks));
        assertTrue(rate(fixedFailsAtLastLook, checks) <= 0.02, "one fixed look " + rate(fixedFailsAtLastLook, checks));
        assertTrue(rate(spreadReports, checks) <= 0.02, "false spread rises " + rate(spreadReports, checks));
    }

    @Test
    void doubledLatencyIsCaughtWithinTenSequentialLooksInAtLeastNinetyFivePercentOfChecks() {
        Random random = new Random(12);
        int checks = 1000;
        int caught = 0;
        int lookSum = 0;
        for (int i = 0; i < checks; i++) {
            double[] canary = logNormal(random, Math.log(2), 0.5, LOOKS * SAMPLES_PER_LOOK);
            double[] stable = logNormal(random, 0, 0.5, LOOKS * SAMPLES_PER_LOOK);
            int look = firstFailingLook(SEQUENTIAL, canary, stable);
            if (look > 0) {
                caught++;
                lookSum += look;
            }
        }
        System.out.printf("2x latency: caught within %d looks in %.4f of checks, at look %.2f on average%n", LOOKS,
                rate(caught, checks), (double) lookSum / Math.max(caught, 1));
        assertTrue(rate(caught, checks) >= 0.95, "detection rate " + rate(caught, checks));
    }

    @Test
    void identicalErrorRatesFailAtMostTwoPercentOfSequentialChecks() {
        Random random = new Random(13);
        int checks = 2000;
        int sequentialFails = 0;
        int fixedFails = 0;
        for (int i = 0; i < checks; i++) {
            long[] canary = cumulativeErrors(random, 0.01, 2000);
            long[] stable = cumulativeErrors(random, 0.01, 2000);
            sequentialFails += firstFailingLook(SEQUENTIAL, canary, stable, 2000) > 0 ? 1 : 0;
            fixedFails += firstFailingLook(FIXED, canary, stable, 2000) > 0 ? 1 : 0;
        }
        System.out.printf("A/A errors at 1%%, 2000 requests per side per look, %d checks: sequential ever failed %.4f,"
                + " fixed p-value at every look %.4f%n", checks, rate(sequentialFails, checks), rate(fixedFails, checks));
        // exact by Ville's inequality under Poisson-like counts: at most 1 %
        assertTrue(rate(sequentialFails, checks) <= 0.02, "sequential false-fail rate " + rate(sequentialFails, checks));
    }

    @Test
    void oneMorePercentagePointOfErrorsIsCaughtWithinTenLooksInAtLeastNinetyPercentOfChecks() {
        Random random = new Random(14);
        int checks = 1000;
        int caught = 0;
        int lookSum = 0;
        for (int i = 0; i < checks; i++) {
            long[] canary = cumulativeErrors(random, 0.02, 2000);
            long[] stable = cumulativeErrors(random, 0.01, 2000);
            int look = firstFailingLook(SEQUENTIAL, canary, stable, 2000);
            if (look > 0) {
                caught++;
                lookSum += look;
            }
        }
        System.out.printf("errors 1%% -> 2%%: caught within %d looks in %.4f of checks, at look %.2f on average%n",
                LOOKS, rate(caught, checks), (double) lookSum / Math.max(caught, 1));
        assertTrue(rate(caught, checks) >= 0.90, "detection rate " + rate(caught, checks));
    }

    @Test
    void aCanaryWithTheSameMedianAndDoubleTheSpreadPassesMannWhitneyIsReportedAndFailsWhenAskedTo() {
        Random random = new Random(15);
        int checks = 200;
        int shiftFails = 0;
        int reported = 0;
        int failedOnSpread = 0;
        JudgeSpec failOnSpread = new JudgeSpec(Direction.INCREASE, 0.1, 0.99, Mode.SEQUENTIAL, true);
        for (int i = 0; i < checks; i++) {
            // log-normal with the same median: P(canary > stable) is exactly 1/2, only the spread differs
            double[] canary = logNormal(random, 0, 1.0, 200);
            double[] stable = logNormal(random, 0, 0.5, 200);
            Verdict shiftOnly = Judge.continuous(SEQUENTIAL, canary, stable);
            shiftFails += shiftOnly.outcome() == Outcome.FAIL ? 1 : 0;
            reported += shiftOnly.varianceRise() ? 1 : 0;
            Verdict withSpread = Judge.continuous(failOnSpread, canary, stable);
            failedOnSpread += withSpread.outcome() == Outcome.FAIL ? 1 : 0;
            assertEquals(shiftOnly.varianceRise() || shiftOnly.outcome() == Outcome.FAIL,
                    withSpread.outcome() == Outcome.FAIL, "a reported rise fails exactly when the spec asks");
        }
        System.out.printf("same median, canary spread doubled, 200 samples a side, %d checks: Mann-Whitney failed"
                + " %.4f, spread rise reported %.4f, failed with failOnVarianceRise %.4f%n", checks,
                rate(shiftFails, checks), rate(reported, checks), rate(failedOnSpread, checks));
        assertTrue(rate(shiftFails, checks) <= 0.02, "Mann-Whitney alone " + rate(shiftFails, checks));
        assertTrue(rate(reported, checks) >= 0.9, "spread rise reported " + rate(reported, checks));

        double[] canary = logNormal(new Random(16), 0, 1.0, 200);
        double[] stable = logNormal(new Random(17), 0, 0.5, 200);
        Verdict reportedOnly = Judge.continuous(SEQUENTIAL, canary, stable);
        Verdict failed = Judge.continuous(failOnSpread, canary, stable);
        System.out.println(reportedOnly.summary());
        System.out.println(failed.summary());
        assertEquals(Outcome.PASS, reportedOnly.outcome());
        assertTrue(reportedOnly.varianceRise());
        assertTrue(reportedOnly.summary().contains("spread rose"), reportedOnly.summary());
        assertEquals(Outcome.FAIL, failed.outcome());
        assertFalse(reportedOnly.eValue() >= SEQUENTIAL.eValueThreshold(), "the centre alone is not significant");
    }

    /** Whether any of the looks fails; a failed check stops, as a rollout aborts. */
    private static boolean everFails(JudgeSpec spec, double[] canary, double[] stable) {
        return firstFailingLook(spec, canary, stable) > 0;
    }

    /** The first look (1-based) that fails, 0 when none does. */
    private static int firstFailingLook(JudgeSpec spec, double[] canary, double[] stable) {
        for (int look = 1; look <= LOOKS; look++) {
            int n = look * SAMPLES_PER_LOOK;
            if (Judge.continuous(spec, Arrays.copyOf(canary, n), Arrays.copyOf(stable, n)).outcome() == Outcome.FAIL) {
                return look;
            }
        }
        return 0;
    }

    private static boolean everReportsSpread(JudgeSpec spec, double[] canary, double[] stable) {
        for (int look = 1; look <= LOOKS; look++) {
            int n = look * SAMPLES_PER_LOOK;
            if (Judge.continuous(spec, Arrays.copyOf(canary, n), Arrays.copyOf(stable, n)).varianceRise()) {
                return true;
            }
        }
        return false;
    }

    private static int firstFailingLook(JudgeSpec spec, long[] canaryErrors, long[] stableErrors, long requestsPerLook) {
        for (int look = 1; look <= LOOKS; look++) {
            long requests = look * requestsPerLook;
            if (Judge.counts(spec, canaryErrors[look - 1], requests, stableErrors[look - 1], requests).outcome()
                    == Outcome.FAIL) {
                return look;
            }
        }
        return 0;
    }

    /** Errors after each look, cumulative, for requests that fail independently at the given rate. */
    private static long[] cumulativeErrors(Random random, double rate, int requestsPerLook) {
        long[] errors = new long[LOOKS];
        long total = 0;
        for (int look = 0; look < LOOKS; look++) {
            for (int r = 0; r < requestsPerLook; r++) {
                total += random.nextDouble() < rate ? 1 : 0;
            }
            errors[look] = total;
        }
        return errors;
    }

    private static double[] logNormal(Random random, double mu, double sigma, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(mu + sigma * random.nextGaussian());
        }
        return values;
    }

    private static double rate(int count, int of) {
        return (double) count / of;
    }
}
