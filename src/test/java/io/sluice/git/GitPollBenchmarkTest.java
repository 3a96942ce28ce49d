package io.sluice.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark runnable: a small repository, every measurement taken, no timing asserted. */
class GitPollBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void measuresEveryPollKindOnASmallRepository() throws Exception {
        GitPollBenchmark.Figures figures = GitPollBenchmark.run(tmp, 60, 20, 2);
        assertEquals(20, figures.rollouts());
        assertEquals(60, figures.commits());
    }
}
