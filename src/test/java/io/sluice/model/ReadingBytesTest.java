package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.GitReading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's bytes get one verdict, whether {@code sluice validate} reads them from disk or the daemon from Git. */
class ReadingBytesTest {
    static final byte[] EXAMPLE = read("config-repo-example/rollouts/isshoni-web.yaml");

    @Test
    void theFirstByteThatIsNotUtf8IsReportedAtItsLineAndColumn() {
        byte[] bytes = concat("a: caf\u00e9\r\nb: \ud83d\ude80x".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, '(', (byte) 0xFF});
        assertEquals(List.of("x.yaml:2:6: not valid UTF-8: byte 0xC3 at byte offset 18; rollout files must be saved as UTF-8"),
                problems(RolloutFiles.read(bytes, "x.yaml")));
    }

    @Test
    void encodedSurrogatesOverlongFormsAndCodePointsBeyondUnicodeAreNotUtf8() {
        byte[][] bad = {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] b : bad) {
            List<String> problems = problems(RolloutFiles.read(concat("k: ".getBytes(StandardCharsets.UTF_8), b), "x.yaml"));
            assertEquals(1, problems.size());
            assertTrue(problems.get(0).startsWith(String.format("x.yaml:1:4: not valid UTF-8: byte 0x%02X", b[0] & 0xFF)),
                    problems.get(0));
        }
    }

    @Test
    void validateAndGitRefuseTheSameInvalidByteAlike(@TempDir Path dir) throws IOException {
        byte[] bytes = EXAMPLE.clone();
        int at = new String(EXAMPLE, StandardCharsets.UTF_8).indexOf("isshoni-blue");
        bytes[at] = (byte) 0xE9; // "é" saved as Latin-1
        Path folder = Files.createDirectories(dir.resolve("rollouts"));
        Files.write(folder.resolve("isshoni-web.yaml"), bytes);
        List<String> validate = problems(RolloutFiles.readFolder(folder, "rollouts").problems());
        List<String> git = problems(GitReading.read(Map.of("isshoni-web.yaml", bytes)).problems());
        assertEquals(List.of("rollouts/isshoni-web.yaml:11:79: not valid UTF-8: byte 0xE9 at byte offset "
                + at + "; rollout files must be saved as UTF-8"), validate);
        assertEquals(validate, git);
    }

    @Test
    void aByteOrderMarkIsAllowedAndTakesNoColumn() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertTrue(RolloutFiles.read(concat(bom, EXAMPLE), "x.yaml").rollout().isPresent());
        assertEquals(List.of("x.yaml:1:4: not valid UTF-8: byte 0xFF at byte offset 6; rollout files must be saved as UTF-8"),
                problems(RolloutFiles.read(concat(bom, new byte[] {'a', ':', ' ', (byte) 0xFF}), "x.yaml")));
    }

    @Test
    void aControlCharacterIsReportedWhereItIs() {
        String text = new String(EXAMPLE, StandardCharsets.UTF_8).replace("active: green", "active: \ud83d\ude80gr\u0007een");
        assertEquals(List.of("x.yaml:15:14: not valid YAML: character U+0007 is not allowed in a YAML file"),
                problems(RolloutFiles.read(text.getBytes(StandardCharsets.UTF_8), "x.yaml")));
    }

    @Test
    void aFileThatCannotBeReadIsAProblemOfThatFile(@TempDir Path dir) throws IOException {
        Path notAFile = Files.createDirectories(dir.resolve("dir.yaml"));
        List<String> problems = problems(RolloutFiles.readFile(notAFile, "dir.yaml"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("dir.yaml:1:1: file could not be read: IOException"), problems.get(0));
    }

    @Test
    void aFailureOfTheReaderItselfIsAProblemOfTheFileNotAnException() {
        List<String> problems = problems(RolloutFiles.read((String) null, "x.yaml"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("x.yaml:1:1: file could not be read: NullPointerException"), problems.get(0));
    }

    @Test
    void aFileOverTheLimitIsRefusedAlikeFromBytes() {
        byte[] big = new byte[RolloutFiles.MAX_FILE_BYTES + 1];
        assertEquals(List.of("x.yaml:1:1: file is 1048577 bytes; rollout files are limited to 1048576 bytes"),
                problems(RolloutFiles.read(big, "x.yaml")));
    }

    @Test
    void aParserErrorAtTheEndOfTheFileIsPlacedOnItsLastCharacter() {
        assertEquals(List.of("x.yaml:2:14: not valid YAML: while scanning a quoted scalar: found unexpected end of stream"),
                problems(RolloutFiles.read("# cut\napiVersion: \"\r".getBytes(StandardCharsets.UTF_8), "x.yaml")));
    }

    static List<String> problems(RolloutFiles.FileResult result) {
        return problems(result.problems());
    }

    static List<String> problems(List<Problem> problems) {
        return problems.stream().sorted().map(Problem::toString).toList();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
