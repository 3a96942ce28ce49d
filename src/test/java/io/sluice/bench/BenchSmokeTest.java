package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Benchmarks run here only in their smoke size: this proves they work, never how fast. */
class BenchSmokeTest {

    @Test
    void simulatorThroughputBenchmarkPrintsItsFigures() throws Exception {
        String out = capture(() -> SimThroughputBench.main(new String[] {"--smoke", "--threads", "2"}));
        assertTrue(out.matches("(?s).*DescribeListeners\\s+\\d+ requests/s.*GetMetricData\\s+\\d+ requests/s.*"), out);
    }

    @Test
    void quotaSteadyBenchmarkPrintsItsFigures() throws Exception {
        String out = capture(() -> QuotaSteadyBench.main(new String[] {"--smoke"}));
        assertTrue(out.matches("(?s).*steady pass wall time\\s+[0-9.]+ s.*throttled calls\\s+0 .*"), out);
    }

    @Test
    void engineBenchmarkPrintsPassTimesCallsAndRollbackLatency() throws Exception {
        String out = capture(() -> EngineBench.main(new String[] {"--smoke"}));
        assertTrue(out.matches("(?s).*steady pass, all observed\\s+\\d+ ms\\s+\\d+ AWS calls.*"
                + "rollback latency over 6 rollbacks.*median \\d+ ms, p99 \\d+ ms.*"), out);
    }

    @Test
    void mixedQuotaBenchmarkPrintsCallsThrottlesStepTimeAndRollbackLatency() throws Exception {
        String out = capture(() -> MixedQuotaBench.main(new String[] {"--smoke"}));
        assertTrue(out.matches("(?s).*AWS calls per rollout, every rollout observed\\s+[0-9.]+ .*"
                + "AWS calls per rollout, idle interval 5m\\s+[0-9.]+ .*throttled calls \\(simulator's count\\)\\s+\\d+.*"
                + "wall time of a pass, every rollout observed\\s+[0-9.]+ s.*elbv2-describe .*"
                + "all verified \\(weights read back\\): .*after \\d+ passes.*"
                + "rollback latency, decision to weights restored in the simulator: median \\d+ ms, p99 \\d+ ms.*"
                + "throttled calls over the whole run: \\d+ .*"), out);
    }

    @Test
    void fleetMemoryBenchmarkPrintsHeapAfterWarmUpAndAfterTheRunAndRss() throws Exception {
        String out = capture(() -> FleetMemoryBench.main(new String[] {"--smoke"}));
        assertTrue(out.matches("(?s).*after warm-up .*heap used [0-9.]+ MB, RSS \\d+ MB.*"
                + "after  3 simulated minutes of passes .*heap used [0-9.]+ MB, RSS \\d+ MB.*"
                + "heap change from warm-up to the end: .*throttled calls \\d+ over all 2 accounts.*"), out);
    }

    @Test
    void judgeCalibrationBenchmarkPrintsFalseRollbacksAndDetectionPerCheck() throws Exception {
        String out = capture(() -> JudgeCalibrationBench.main(new String[] {"--smoke"}));
        assertTrue(out.matches("(?s).*A/A identical: false rollbacks.*p95 latency compareToStable maxRatio 1.5, for 2 .*"
                + "\\d+/5 \\([0-9.]+ %\\).*A/B latency 2x .*\\d+/5 \\([0-9.]+ %\\).*"
                + "20 rollouts replayed, 31 measurements each.*"), out);
    }

    interface Body {
        void run() throws Exception;
    }

    static String capture(Body body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
