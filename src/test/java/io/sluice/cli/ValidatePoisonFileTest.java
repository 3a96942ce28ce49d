package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad file never hides the others: validate reports every problem of every file and exits 1. */
class ValidatePoisonFileTest {
    static final Pattern ONE_LINE = Pattern.compile("^[^:\n]+:\\d+:\\d+: .*$");

    @Test
    void poisonFilesNextToValidOnesAreEachReportedAndTheRunExitsOne(@TempDir Path dir) throws IOException {
        Path rollouts = Files.createDirectories(dir.resolve("rollouts"));
        String example = Files.readString(Path.of("config-repo-example/rollouts/isshoni-web.yaml"));
        Files.copy(Path.of("config-repo-example/rollouts/rag-backend.yaml"), rollouts.resolve("a-valid.yaml"));
        byte[] latin1 = example.replace("isshoni-web", "b-latin1").replace("# Scenario 2", "# Sc\u00e9nario 2")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(rollouts.resolve("b-latin1.yaml"), latin1);
        Files.writeString(rollouts.resolve("c-huge.yaml"), example.replace("isshoni-web", "c-huge")
                .replace("drainSeconds: 300 ", "drainSeconds: 2147483648 ")
                .replace("- pause: 10m\n      - setWeight: 50", "- pause: 9999999999999999h\n      - setWeight: 50")
                .replace("interval: 30s", "interval: 99999999999999999999999ms"));
        Files.writeString(rollouts.resolve("d-recursive.yaml"), example.replace("isshoni-web", "d-recursive")
                .replace("  name: d-recursive\n", "  name: d-recursive\n  labels: &l { self: *l }\n"));
        Files.writeString(rollouts.resolve("e-multi-line.yaml"), example.replace("isshoni-web", "e-multi-line")
                .replace("active: green", "active: \"green\\n/tmp/x.yaml:1:1: fake\""));
        Files.copy(Path.of("config-repo-example/rollouts/nodeapp-dns.yaml"), rollouts.resolve("z-valid.yaml"));

        ValidateCommandTest.Run run = ValidateCommandTest.validate(dir.toString());

        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals("", run.err());
        String shown = rollouts.toString();
        assertEquals(List.of(
                shown + "/b-latin1.yaml:1:5: not valid UTF-8: byte 0xE9 at byte offset 4; rollout files must be saved as UTF-8",
                shown + "/c-huge.yaml:14:21: spec.target.alb.drainSeconds: must be between 0 and 3600 (the deregistration"
                        + " delay AWS allows), got 2147483648",
                shown + "/c-huge.yaml:19:16: spec.strategy.steps[1].pause: 9999999999999999h is longer than the 30 days allowed",
                shown + "/c-huge.yaml:24:15: spec.analysis.interval: 99999999999999999999999ms is longer than the 30 days allowed",
                shown + "/d-recursive.yaml:6:11: metadata.labels.self: holds itself through an alias; rollout files cannot"
                        + " hold recursive data",
                shown + "/e-multi-line.yaml:15:11: spec.active: 'green\\n/tmp/x.yaml:1:1: fake' is neither blue nor green",
                "6 problems in 4 of 6 files"), run.out().lines().toList());
        run.out().lines().filter(l -> l.startsWith(shown)).forEach(l -> assertTrue(ONE_LINE.matcher(l).matches(), l));
    }

    @Test
    void anUnreadableFileIsAProblemOfThatFileAndTheOthersAreStillRead(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a.yaml"));
        Files.writeString(dir.resolve("b.yaml"), "kind: Rollout\n");
        Files.copy(Path.of("config-repo-example/rollouts/rag-backend.yaml"), dir.resolve("c.yaml"));

        ValidateCommandTest.Run run = ValidateCommandTest.validate(dir.toString());

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith(dir + "/b.yaml:1:1: apiVersion: is required\n"), run.out());
    }
}
