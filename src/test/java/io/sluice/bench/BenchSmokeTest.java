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
