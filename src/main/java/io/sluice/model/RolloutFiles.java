package io.sluice.model;

import io.sluice.model.yaml.NodeReader;
import io.sluice.model.yaml.RolloutReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads the rollout files of a config repository safely: bounded size, aliases and nesting, no
 * type tags. Every problem of every file is collected; a rollout is returned only from a file
 * without problems, and a name used by two files is refused in both.
 */
public final class RolloutFiles {
    /** Rollout files are small; anything bigger is refused before it is read. */
    public static final int MAX_FILE_BYTES = Bounds.MAX_FILE_BYTES;
    static final int MAX_ALIASES = Bounds.MAX_ALIASES;
    static final int MAX_NESTING = Bounds.MAX_NESTING;

    /** What a read of the rollouts folder found. */
    public record Result(List<Rollout> rollouts, List<Problem> problems, int files) {
        public boolean valid() {
            return problems.isEmpty();
        }

        public int checks() {
            return rollouts.stream().mapToInt(r -> r.analysis().map(a -> a.checks().size()).orElse(0)).sum();
        }
    }

    private RolloutFiles() {
    }

    /**
     * Reads every {@code *.yaml}/{@code *.yml} file under {@code folder}; problem paths are shown as
     * {@code display} joined with the file's path relative to {@code folder}.
     */
    public static Result readFolder(Path folder, String display) throws IOException {
        List<Path> files = new ArrayList<>();
        Map<Path, IOException> unreadable = new TreeMap<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (isRolloutFile(file) && Files.isRegularFile(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(folder)) {
                    throw e;
                }
                if (isRolloutFile(file) || Files.isDirectory(file)) {
                    unreadable.put(file, e);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    if (dir.equals(folder)) {
                        throw e;
                    }
                    unreadable.put(dir, e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(files);
        Map<String, FileResult> byShownPath = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            String shown = shown(folder, file, display);
            byShownPath.put(shown, readFile(file, shown));
        }
        unreadable.forEach((path, e) -> {
            String shown = shown(folder, path, display);
            byShownPath.put(shown, failed(shown, (Files.isDirectory(path) ? "folder" : "file") + " could not be read: "
                    + reason(e)));
        });
        return combine(byShownPath);
    }

    private static boolean isRolloutFile(Path file) {
        String name = file.toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String shown(Path folder, Path file, String display) {
        return display.isEmpty() ? folder.relativize(file).toString() : display + "/" + folder.relativize(file);
    }

    /**
     * The rollouts and problems of several files read one by one (keyed by the path shown in
     * problems); a rollout name used by two files is refused in both.
     */
    public static Result combine(Map<String, FileResult> byShownPath) {
        List<Rollout> rollouts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Located>> byName = new HashMap<>();
        byShownPath.forEach((shown, one) -> {
            problems.addAll(one.problems());
            one.rollout().ifPresent(r -> byName.computeIfAbsent(r.name(), k -> new ArrayList<>())
                    .add(new Located(r, shown, one.nameMark())));
            one.rollout().ifPresent(rollouts::add);
        });
        byName.forEach((name, list) -> {
            if (list.size() > 1) {
                for (Located l : list) {
                    List<String> others = list.stream().filter(o -> o != l).map(Located::file).toList();
                    problems.add(new Problem(l.file(), l.line(), l.column(), "metadata.name",
                            "rollout name '" + name + "' is also used by " + String.join(", ", others)));
                    rollouts.remove(l.rollout());
                }
            }
        });
        Collections.sort(problems);
        return new Result(List.copyOf(rollouts), List.copyOf(problems), byShownPath.size());
    }

    private record Located(Rollout rollout, String file, int line, int column) {
        Located(Rollout rollout, String file, Mark mark) {
            this(rollout, file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1);
        }
    }

    /** The outcome of one file, with where its name was written (for duplicate-name errors). */
    public record FileResult(Optional<Rollout> rollout, List<Problem> problems, Mark nameMark) {
    }

    /**
     * Reads one rollout file from disk as {@link #read(byte[], String)} does; a file that cannot be
     * read at all is a problem of that file.
     */
    public static FileResult readFile(Path file, String shown) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return tooLarge(shown, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
        } catch (IOException | RuntimeException e) {
            return failed(shown, "file could not be read: " + reason(e));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return failed(shown, "file is more than " + MAX_FILE_BYTES + " bytes; rollout files are limited to "
                    + MAX_FILE_BYTES + " bytes");
        }
        return read(bytes, shown);
    }

    /** The verdict on a file of {@code size} bytes, larger than rollout files may be. */
    public static FileResult tooLarge(String shown, long size) {
        return failed(shown, "file is " + size + " bytes; rollout files are limited to " + MAX_FILE_BYTES + " bytes");
    }

    /**
     * Parses one rollout file from its bytes, which must be UTF-8: the first byte that is not is
     * reported at its line and column, and nothing is built. This is the one way both
     * {@code sluice validate} and the daemon read a file, so both give the same verdict. Never
     * throws.
     */
    public static FileResult read(byte[] bytes, String shown) {
        if (bytes.length > MAX_FILE_BYTES) {
            return tooLarge(shown, bytes.length);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            String before = new String(bytes, 0, at, StandardCharsets.UTF_8);
            int[] lineColumn = lineAndColumn(before, before.codePointCount(0, before.length()));
            return new FileResult(Optional.empty(), List.of(new Problem(shown, lineColumn[0], lineColumn[1], "",
                    String.format("not valid UTF-8: byte 0x%02X at byte offset %d; rollout files must be saved as UTF-8",
                            bytes[at] & 0xFF, at))), null);
        }
        out.flip();
        return read(out.toString(), shown);
    }

    /**
     * Parses one rollout document from text; {@code shown} names it in problems. Never throws: a
     * failure of the reader itself is reported as a problem of the file.
     */
    public static FileResult read(String text, String shown) {
        try {
            return parse(text, shown);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(shown, "file could not be read: " + reason(e));
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static FileResult parse(String text, String shown) {
        if (text.length() > MAX_FILE_BYTES) {
            return failed(shown, "file is " + text.length() + " characters; rollout files are limited to " + MAX_FILE_BYTES);
        }
        List<Node> documents = new ArrayList<>();
        try (Reader in = new StringReader(text)) {
            for (Node n : new Yaml(loaderOptions()).composeAll(in)) {
                documents.add(n);
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
            int[] at = m == null ? new int[] {1, 1} : withinText(text, m.getLine() + 1, m.getColumn() + 1);
            return new FileResult(Optional.empty(), List.of(new Problem(shown, at[0], at[1], "",
                    "not valid YAML: " + message.trim())), null);
        } catch (ReaderException e) {
            int[] lineColumn = lineAndColumn(text, e.getPosition());
            return new FileResult(Optional.empty(), List.of(new Problem(shown, lineColumn[0], lineColumn[1], "",
                    String.format("not valid YAML: character U+%04X is not allowed in a YAML file", e.getCodePoint()))),
                    null);
        } catch (YAMLException | IOException e) {
            return failed(shown, "refused: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return badTag(text, shown, e);
        }
        if (documents.isEmpty()) {
            return failed(shown, "file is empty; expected a Rollout (apiVersion, kind, metadata, spec)");
        }
        NodeReader reader = new NodeReader(shown);
        if (documents.size() > 1) {
            reader.error(documents.get(1), "", "one rollout per file; this file holds " + documents.size() + " documents");
            return new FileResult(Optional.empty(), reader.problems(), null);
        }
        Optional<Rollout> rollout = new RolloutReader(reader).read(documents.get(0), shown);
        return new FileResult(rollout, List.copyOf(reader.problems()), nameMark(documents.get(0)));
    }

    /**
     * The verdict on a file the parser read but could not build nodes from: a tag that decodes to
     * white space at either end ({@code !foo%20}) is refused while nodes are built, without a
     * position, so the events are read again to find that tag's position.
     */
    private static FileResult badTag(String text, String shown, IllegalArgumentException e) {
        try {
            for (Event event : new Yaml(loaderOptions()).parse(new StringReader(text))) {
                String tag = event instanceof ScalarEvent s ? s.getTag()
                        : event instanceof CollectionStartEvent c ? c.getTag() : null;
                if (tag != null && !tag.equals(tag.strip())) {
                    Mark m = event.getStartMark();
                    int[] at = m == null ? new int[] {1, 1} : withinText(text, m.getLine() + 1, m.getColumn() + 1);
                    return new FileResult(Optional.empty(), List.of(new Problem(shown, at[0], at[1], "",
                            "not valid YAML: the tag '" + tag.strip() + "' ends or starts with white space"
                                    + " (%20 or %09 in a tag); remove the tag or the escape")), null);
                }
            }
        } catch (RuntimeException again) {
            // the same text parsed once already; no second failure is expected, and the first is reported below
        }
        return new FileResult(Optional.empty(), List.of(new Problem(shown, 1, 1, "",
                "not valid YAML: " + e.getMessage())), null);
    }

    /**
     * The position nearest to {@code line} and {@code column} (1-based) that lies in {@code text}:
     * the parser places "unexpected end" one past the last character, where no character is.
     */
    static int[] withinText(String text, int line, int column) {
        int[] end = lineAndColumn(text, Integer.MAX_VALUE);
        if (line >= end[0]) {
            return new int[] {end[0], line > end[0] ? end[1] : Math.min(column, end[1])};
        }
        int[] lineEnd = lineAndColumn(text, endOfLine(text, line));
        return new int[] {line, Math.min(column, lineEnd[1])};
    }

    /** The code point index of the line break that ends {@code line} (1-based; not the last line). */
    private static int endOfLine(String text, int line) {
        int at = 1;
        int index = 0;
        for (int i = 0; i < text.length(); index++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean crBeforeLf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
            if ((c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) && !crBeforeLf) {
                if (at == line) {
                    return index;
                }
                at++;
            }
        }
        return index;
    }

    /**
     * The 1-based line and column of the code point at {@code index} of {@code text}, counting lines
     * as the YAML parser does: a line ends at LF, CR LF, a lone CR, NEL, LS or PS.
     */
    static int[] lineAndColumn(String text, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; seen++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean crBeforeLf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
            if ((c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) && !crBeforeLf) {
                line++;
                column = 1;
            } else if (!crBeforeLf && !(c == 0xFEFF && i == 1)) { // a byte order mark takes no column
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static Mark nameMark(Node doc) {
        if (doc instanceof org.yaml.snakeyaml.nodes.MappingNode m) {
            for (var t : m.getValue()) {
                if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals("metadata")
                        && t.getValueNode() instanceof org.yaml.snakeyaml.nodes.MappingNode meta) {
                    for (var mt : meta.getValue()) {
                        if (mt.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode mk && mk.getValue().equals("name")) {
                            return mt.getValueNode().getStartMark();
                        }
                    }
                }
            }
        }
        return doc.getStartMark();
    }

    private static FileResult failed(String shown, String message) {
        return new FileResult(Optional.empty(), List.of(new Problem(shown, 1, 1, "", message)), null);
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by the reader with their position
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return options;
    }
}
