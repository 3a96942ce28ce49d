package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.GitReading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The example rollout files, mutated the ways people and editors break files (a scalar replaced by
 * a huge number, an overlong duration, unicode or several lines; lines deleted, doubled, swapped or
 * re-indented; the file cut short; bytes that are not UTF-8), are read without any exception: only
 * problems come out, each on one line at a position inside the file, and {@code sluice validate}
 * and the daemon's Git reading give the same verdict.
 *
 * <p>The number of tries is {@code jqwik.tries.default} (set in the build, about two minutes on a
 * two-core machine); {@code -Djqwik.tries.default=200} makes a quick run.
 */
class MutatedRolloutFilesPropertyTest {
    static final Path EXAMPLES = Path.of("config-repo-example/rollouts");
    static final Pattern ONE_LINE = Pattern.compile("^[^:\n]+:\\d+:\\d+: .*$");
    static final String NAME = "fuzzed.yaml";
    static final String SHOWN = "rollouts/" + NAME;

    static List<byte[]> examples = readExamples();
    static Path folder;

    @BeforeContainer
    static void makeFolder() throws IOException {
        folder = Files.createTempDirectory("sluice-fuzz");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property
    void aMutatedExampleYieldsOnlyOneLineProblemsAndTheSameVerdictOnBothPaths(@ForAll("mutants") Mutant mutant)
            throws IOException {
        byte[] bytes = mutant.bytes();
        RolloutFiles.FileResult direct = RolloutFiles.read(bytes, SHOWN);
        check(bytes, direct);

        Files.write(folder.resolve(NAME), bytes);
        RolloutFiles.Result validate = RolloutFiles.readFolder(folder, "rollouts");
        RolloutFiles.Result git = GitReading.read(Map.of(NAME, bytes));
        List<String> expected = direct.problems().stream().sorted().map(Problem::toString).toList();
        assertEquals(expected, validate.problems().stream().map(Problem::toString).toList(), "validate");
        assertEquals(expected, git.problems().stream().map(Problem::toString).toList(), "git");
        assertEquals(direct.rollout().stream().toList(), validate.rollouts(), "validate");
        assertEquals(direct.rollout().stream().toList(), git.rollouts(), "git");
        Statistics.label("verdict").collect(verdict(direct));
    }

    /** What kind of verdict a file got, to see that the mutations reach every part of the reader. */
    static String verdict(RolloutFiles.FileResult result) {
        if (result.rollout().isPresent()) {
            return "valid";
        }
        String first = result.problems().get(0).message();
        if (first.startsWith("not valid UTF-8")) {
            return "not UTF-8";
        }
        if (first.startsWith("not valid YAML")) {
            return "not YAML";
        }
        return result.problems().stream().anyMatch(p -> p.field().startsWith("spec.analysis")) ? "analysis problems"
                : result.problems().stream().anyMatch(p -> p.field().startsWith("spec.strategy")) ? "strategy problems"
                : "other field problems";
    }

    /** What must hold of any file's reading: problems only, each on one line inside the file. */
    static void check(byte[] bytes, RolloutFiles.FileResult result) {
        assertEquals(result.problems().isEmpty(), result.rollout().isPresent(),
                "a rollout comes exactly from a file without problems: " + result.problems());
        List<int[]> lines = lineLengths(new String(bytes, StandardCharsets.UTF_8));
        for (Problem p : result.problems()) {
            String shown = p.toString();
            assertTrue(ONE_LINE.matcher(shown).matches(), "not one line: " + shown);
            assertFalse(p.message().startsWith("file could not be read"), "the reader failed: " + shown);
            assertTrue(p.line() >= 1 && p.line() <= lines.size(), "line outside the file (" + lines.size()
                    + " lines): " + shown);
            assertTrue(p.column() >= 1 && p.column() <= lines.get(p.line() - 1)[0] + 1,
                    "column outside line " + p.line() + " (" + lines.get(p.line() - 1)[0] + " characters): " + shown);
        }
    }

    /** The length in code points of each line, lines ending as the YAML parser ends them. */
    static List<int[]> lineLengths(String text) {
        List<int[]> lines = new ArrayList<>();
        int length = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                lines.add(new int[] {length});
                length = 0;
            } else {
                length++;
            }
        }
        lines.add(new int[] {length});
        return lines;
    }

    // ---- generation

    /** One example file and the mutations applied to it, in order. */
    record Mutant(int example, List<Mutation> mutations) {
        byte[] bytes() {
            byte[] b = examples.get(example % examples.size());
            for (Mutation m : mutations) {
                b = m.apply(b);
            }
            return b;
        }

        @Override
        public String toString() {
            return "example " + example % examples.size() + " " + mutations + "\n----\n" + escaped(bytes()) + "\n----";
        }

        /** The bytes as text, with every byte that is not printable ASCII as \xNN. */
        static String escaped(byte[] bytes) {
            StringBuilder b = new StringBuilder();
            for (byte x : bytes) {
                if (x == '\n') {
                    b.append("\\n\n");
                } else if (x >= 0x20 && x < 0x7F && x != '\\') {
                    b.append((char) x);
                } else {
                    b.append(String.format("\\x%02X", x & 0xFF));
                }
            }
            return b.toString();
        }
    }

    /** One change to a file's bytes. */
    interface Mutation {
        byte[] apply(byte[] file);
    }

    @Provide
    Arbitrary<Mutant> mutants() {
        return Combinators.combine(Arbitraries.integers().between(0, examples.size() - 1),
                mutation().list().ofMinSize(1).ofMaxSize(4)).as(Mutant::new);
    }

    Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 100_000);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Combinators.combine(at, value()).as(ReplaceValue::new)),
                net.jqwik.api.Tuple.of(2, at.map(DeleteLine::new)),
                net.jqwik.api.Tuple.of(2, at.map(DuplicateLine::new)),
                net.jqwik.api.Tuple.of(1, at.map(SwapLines::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(at, Arbitraries.integers().between(-4, 4)).as(Indent::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(at, value()).as(InsertLine::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1000).map(Truncate::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(at, Arbitraries.integers().between(0, 255)).as(SetByte::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(at, oddBytes()).as(InsertBytes::new)));
    }

    /** What a scalar is replaced with. */
    Arbitrary<String> value() {
        Arbitrary<String> chosen = Arbitraries.of(
                "99999999999999999999", "2147483648", "-2147483649", "9223372036854775808", "-1", "0", "101", "10001",
                "1_000", "0x7fffffff", "0o17", "0b101", "010", "1:30", "+5", "1e400", "-1e400", ".inf", ".nan", "-0",
                "9999999999999999h", "99999999999999999999999ms", "9223372036854775807ms", "0s", "721h", "720h", "1h0m1s",
                "500ms", "1h1h", "31d", "PT1H", "24h1s", "61s", "1m",
                "null", "~", "[]", "{}", "[a, b]", "{a: 1}", "\"\"", "''", "\"a\\nb\"", "\"\\ud800\"", "\"\\x01\"",
                "\"\\u2028\"", "|\n  a\n  b", ">-\n  folded\n  text", "&a [*a]", "&m {k: *m}", "*undefined",
                "!!binary aGk=", "!custom x", "!!python/object:os.system x", "'unterminated", "\"unterminated",
                "? complex", "- a", "a: b: c", "#", "é🚀\u202Etxet", "green\u2028blue", "line\u0085next",
                "setWeight 99999999999999999999", "setWeight 10", "setWeight 2147483648", "2147483648",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/" + "x".repeat(300),
                "x".repeat(5000), "[" .repeat(30) + "]".repeat(30), "{a: ".repeat(45) + "}".repeat(45));
        Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30);
        Arbitrary<String> number = Arbitraries.bigIntegers().between(
                java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30)).map(Object::toString);
        Arbitrary<String> duration = Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("h", "m", "s", "ms", "h30m", "m1s")).as((n, unit) -> n + unit);
        Arbitrary<String> multiLine = Arbitraries.strings().withChars("ab \n\r\t:-#'\"").ofMaxLength(20)
                .map(s -> "\"" + s.replace("\"", "\\\"") + "\"");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, chosen),
                net.jqwik.api.Tuple.of(2, anyText),
                net.jqwik.api.Tuple.of(2, printable),
                net.jqwik.api.Tuple.of(2, number),
                net.jqwik.api.Tuple.of(2, duration),
                net.jqwik.api.Tuple.of(1, multiLine));
    }

    /** Bytes that break UTF-8 or the YAML reader. */
    Arbitrary<byte[]> oddBytes() {
        return Arbitraries.of(
                new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xC3, '('}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {0}, new byte[] {'\r'}, new byte[] {'\t'},
                new byte[] {(byte) 0xC2, (byte) 0x85}, new byte[] {(byte) 0xE2, (byte) 0x80, (byte) 0xA8},
                new byte[] {0x1B, '[', '3', '1', 'm'}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x9A, (byte) 0x80});
    }

    record ReplaceValue(int at, String value) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            List<byte[]> lines = lines(file);
            List<Integer> withValues = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (valueStart(lines.get(i)) >= 0) {
                    withValues.add(i);
                }
            }
            if (withValues.isEmpty()) {
                return file;
            }
            int line = withValues.get(at % withValues.size());
            byte[] l = lines.get(line);
            int start = valueStart(l);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(l, 0, start);
            b.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            lines.set(line, b.toByteArray());
            return join(lines);
        }

        /** Where the value after "key: " or "- " starts, or -1. */
        private static int valueStart(byte[] line) {
            for (int i = 0; i + 1 < line.length; i++) {
                if ((line[i] == ':' || line[i] == '-') && line[i + 1] == ' ' && i + 2 < line.length) {
                    return i + 2;
                }
            }
            return -1;
        }
    }

    record DeleteLine(int at) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            List<byte[]> lines = lines(file);
            lines.remove(at % lines.size());
            return join(lines);
        }
    }

    record DuplicateLine(int at) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            List<byte[]> lines = lines(file);
            int i = at % lines.size();
            lines.add(i, lines.get(i));
            return join(lines);
        }
    }

    record SwapLines(int at) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            List<byte[]> lines = lines(file);
            if (lines.size() < 2) {
                return file;
            }
            int i = at % (lines.size() - 1);
            byte[] l = lines.get(i);
            lines.set(i, lines.get(i + 1));
            lines.set(i + 1, l);
            return join(lines);
        }
    }

    /** Adds spaces before a line, takes some away, or (0) turns its first space into a tab. */
    record Indent(int at, int by) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            List<byte[]> lines = lines(file);
            int i = at % lines.size();
            byte[] l = lines.get(i);
            int spaces = 0;
            while (spaces < l.length && l[spaces] == ' ') {
                spaces++;
            }
            byte[] changed;
            if (by > 0) {
                changed = new byte[l.length + by];
                Arrays.fill(changed, 0, by, (byte) ' ');
                System.arraycopy(l, 0, changed, by, l.length);
            } else if (by < 0) {
                changed = Arrays.copyOfRange(l, Math.min(spaces, -by), l.length);
            } else {
                changed = l.clone();
                if (spaces > 0) {
                    changed[0] = '\t';
                }
            }
            lines.set(i, changed);
            return join(lines);
        }
    }

    record InsertLine(int at, String text) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            List<byte[]> lines = lines(file);
            lines.add(at % (lines.size() + 1), text.getBytes(StandardCharsets.UTF_8));
            return join(lines);
        }
    }

    /** Cuts the file after this many thousandths of its length. */
    record Truncate(int permille) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            return Arrays.copyOf(file, (int) ((long) file.length * permille / 1000));
        }
    }

    record SetByte(int at, int value) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            if (file.length == 0) {
                return file;
            }
            byte[] changed = file.clone();
            changed[at % file.length] = (byte) value;
            return changed;
        }

        @Override
        public String toString() {
            return "SetByte[at=" + at + ", value=0x" + Integer.toHexString(value) + "]";
        }
    }

    record InsertBytes(int at, byte[] bytes) implements Mutation {
        @Override
        public byte[] apply(byte[] file) {
            int i = at % (file.length + 1);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(file, 0, i);
            b.writeBytes(bytes);
            b.write(file, i, file.length - i);
            return b.toByteArray();
        }

        @Override
        public String toString() {
            StringBuilder hex = new StringBuilder();
            for (byte x : bytes) {
                hex.append(String.format("%02X", x & 0xFF));
            }
            return "InsertBytes[at=" + at + ", bytes=0x" + hex + "]";
        }
    }

    static List<byte[]> lines(byte[] file) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n') {
                lines.add(Arrays.copyOfRange(file, start, i));
                start = i + 1;
            }
        }
        lines.add(Arrays.copyOfRange(file, start, file.length));
        return lines;
    }

    static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                b.write('\n');
            }
            b.writeBytes(lines.get(i));
        }
        return b.toByteArray();
    }

    static List<byte[]> readExamples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<byte[]> all = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                all.add(Files.readAllBytes(p));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
