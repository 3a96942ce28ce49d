package io.sluice.model;

import io.sluice.model.yaml.NodeReader;
import io.sluice.model.yaml.RolloutReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the rollout files of a config repository safely: bounded size, aliases and nesting, no
 * type tags. Every problem of every file is collected; a rollout is returned only from a file
 * without problems, and a name used by two files is refused in both.
 */
public final class RolloutFiles {
    /** Rollout files are small; anything bigger is refused before it is read. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_NESTING = 40;

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
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        Map<String, FileResult> byShownPath = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            String shown = display.isEmpty() ? folder.relativize(file).toString()
                    : display + "/" + folder.relativize(file);
            byShownPath.put(shown, readFile(file, shown));
        }
        return combine(byShownPath);
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

    public static FileResult readFile(Path file, String shown) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            return failed(shown, "file is " + size + " bytes; rollout files are limited to " + MAX_FILE_BYTES + " bytes");
        }
        return read(Files.readString(file, StandardCharsets.UTF_8), shown);
    }

    /** Parses one rollout document from text; {@code shown} names it in problems. */
    public static FileResult read(String text, String shown) {
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
            return new FileResult(Optional.empty(), List.of(new Problem(shown, m == null ? 1 : m.getLine() + 1,
                    m == null ? 1 : m.getColumn() + 1, "", "not valid YAML: " + message.trim())), null);
        } catch (YAMLException | IOException e) {
            return failed(shown, "refused: " + e.getMessage());
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
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return options;
    }
}
