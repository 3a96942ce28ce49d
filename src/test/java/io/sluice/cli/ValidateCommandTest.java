package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run validate(String dir) {
        CommandLine cli = SluiceMain.oneShot();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("validate", dir);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void exampleRepoIsValidAndSummarised() {
        Run run = validate("config-repo-example");
        assertEquals(0, run.exit(), run.out());
        assertEquals("7 rollouts, 24 checks: valid\n", run.out());
    }

    @Test
    void brokenFilesAreListedWithTheirPositionsAndExitOne(@TempDir Path dir) throws IOException {
        Path rollouts = Files.createDirectories(dir.resolve("rollouts"));
        Files.copy(Path.of("src/test/resources/rollouts/invalid/29-weight-over-100.yaml"), rollouts.resolve("web.yaml"));
        Files.copy(Path.of("config-repo-example/rollouts/rag-backend.yaml"), rollouts.resolve("rag.yaml"));
        Files.writeString(rollouts.resolve("notes.txt"), "not a rollout file, ignored");
        Run run = validate(dir.toString());
        assertEquals(1, run.exit());
        assertEquals(rollouts.resolve("web.yaml") + ":19:20: spec.strategy.steps[2].setWeight: weight 150 is outside 0..100\n"
                + "1 problems in 1 of 2 files\n", run.out());
    }

    @Test
    void unreadableDirectoryExitsTwo(@TempDir Path dir) {
        Run run = validate(dir.resolve("missing").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("is not a readable directory"), run.err());
    }
}
