package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden table of broken rollout files: each {@code NN-case.yaml} has a {@code NN-case.expected}
 * holding exactly the problems it must yield, one {@code file:line:col: field: message} per line.
 */
class InvalidRolloutFilesTest {
    static final Path TABLE = Path.of("src/test/resources/rollouts/invalid");

    @TestFactory
    Stream<DynamicTest> everyBrokenFileYieldsExactlyItsExpectedProblems() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(TABLE)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            Path expectedFile = TABLE.resolve(name.replace(".yaml", ".expected"));
            assertTrue(Files.exists(expectedFile), "no expectation for " + name);
            List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
            RolloutFiles.FileResult result = RolloutFiles.read(Files.readAllBytes(file), name);
            List<String> actual = result.problems().stream().sorted().map(Problem::toString).toList();
            assertEquals(expected, actual);
            assertTrue(result.rollout().isEmpty(), "a broken file must not yield a rollout");
        }));
    }

    @Test
    void tableHasAtLeastFortyCasesAndFiveWithSeveralErrors() throws IOException {
        List<Path> expectations;
        try (Stream<Path> s = Files.list(TABLE)) {
            expectations = s.filter(p -> p.toString().endsWith(".expected")).toList();
        }
        assertTrue(expectations.size() >= 40, "only " + expectations.size() + " cases");
        long several = expectations.stream().filter(p -> {
            try {
                return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count() >= 2;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).count();
        assertTrue(several >= 5, "only " + several + " files with several errors");
    }

    @Test
    void everyExpectationHasItsFile() throws IOException {
        try (Stream<Path> s = Files.list(TABLE)) {
            s.filter(p -> p.toString().endsWith(".expected")).forEach(p -> assertTrue(
                    Files.exists(Path.of(p.toString().replace(".expected", ".yaml"))), "orphan expectation " + p));
        }
    }

    @Test
    void aRolloutNameUsedByTwoFilesIsRefusedInBoth(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String text = Files.readString(Path.of("config-repo-example/rollouts/isshoni-web.yaml"));
        Files.writeString(dir.resolve("a.yaml"), text);
        Files.writeString(dir.resolve("b.yaml"), text);
        RolloutFiles.Result result = RolloutFiles.readFolder(dir, "repo");
        assertEquals(List.of(
                "repo/a.yaml:5:9: metadata.name: rollout name 'isshoni-web' is also used by repo/b.yaml",
                "repo/b.yaml:5:9: metadata.name: rollout name 'isshoni-web' is also used by repo/a.yaml"),
                result.problems().stream().map(Problem::toString).toList());
        assertTrue(result.rollouts().isEmpty());
        assertFalse(result.valid());
    }
}
