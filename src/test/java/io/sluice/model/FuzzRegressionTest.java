package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.GitReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that once broke the reader, kept as found by {@link MutatedRolloutFilesPropertyTest}: each
 * must now yield only one-line problems inside the file, the same through {@code sluice validate}
 * and through Git.
 */
class FuzzRegressionTest {
    static final Path FOUND = Path.of("src/test/resources/rollouts/fuzz");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyFileOnceFoundIsReadIntoProblemsOnly() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(FOUND)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no files in " + FOUND);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            RolloutFiles.FileResult direct = RolloutFiles.read(bytes, "rollouts/" + name);
            MutatedRolloutFilesPropertyTest.check(bytes, direct);
            Path folder = Files.createDirectories(dir.resolve(name + ".d"));
            Files.write(folder.resolve(name), bytes);
            List<String> expected = direct.problems().stream().sorted().map(Problem::toString).toList();
            assertEquals(expected, RolloutFiles.readFolder(folder, "rollouts").problems().stream()
                    .map(Problem::toString).toList());
            assertEquals(expected, GitReading.read(Map.of(name, bytes)).problems().stream()
                    .map(Problem::toString).toList());
        }));
    }
}
