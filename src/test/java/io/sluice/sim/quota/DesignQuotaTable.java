package io.sluice.sim.quota;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The published quota table of design section 7, read from its copy in
 * {@code src/test/resources/design-quotas.md}: every figure the bucket column states, so that
 * any table of quotas (the simulator's, sluice's own defaults) can be held against it.
 * A figure written in a form this reader does not know fails the read instead of being skipped.
 */
public record DesignQuotaTable(List<Figure> figures) {
    public static final String RESOURCE = "/design-quotas.md";

    private static final Pattern BURST = Pattern.compile("\\b(?:burst|of) (\\d+(?:\\.\\d+)?)");
    private static final Pattern PER_SECOND = Pattern.compile("(\\d+(?:\\.\\d+)?)/s\\b");
    private static final Pattern PER_CALL = Pattern.compile("(\\d+) queries a call");
    private static final Pattern ALSO = Pattern.compile("\\((also [^)]*)\\)");

    /**
     * One bucket's figures as a row states them. {@code label} is empty for the row's own bucket,
     * else the words that name another bucket in the same cell ({@code DescribeServices},
     * {@code also an account-wide ELB bucket}).
     */
    public record Figure(String api, String label, OptionalDouble burst, OptionalDouble perSecond, OptionalInt perCall) {
        /** {@code api}, or {@code api [label]} for a further bucket of the row. */
        public String name() {
            return label.isEmpty() ? api : api + " [" + label + "]";
        }
    }

    public static DesignQuotaTable load() {
        try (InputStream in = DesignQuotaTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the first table whose header is {@code | API | bucket |}. */
    public static DesignQuotaTable parse(String markdown) {
        List<Figure> figures = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            String row = line.strip();
            if (row.replace(" ", "").equalsIgnoreCase("|API|bucket|")) {
                inTable = true;
                continue;
            }
            if (!inTable || row.matches("\\|[-|: ]+\\|")) {
                continue;
            }
            if (!row.startsWith("|")) {
                break;
            }
            String[] cells = row.split("\\|");
            if (cells.length != 3) {
                throw new IllegalArgumentException("not a two-column row of the quota table: " + row);
            }
            String api = cells[1].strip();
            List<Figure> ofRow = figuresOf(api, cells[2].strip());
            if (ofRow.isEmpty()) {
                throw new IllegalArgumentException("no figure in the quota table row: " + row);
            }
            figures.addAll(ofRow);
        }
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no | API | bucket | table found");
        }
        return new DesignQuotaTable(List.copyOf(figures));
    }

    public Figure figure(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + name + " in " + names()));
    }

    public List<String> names() {
        return figures.stream().map(Figure::name).toList();
    }

    /** The row's own bucket first (clauses split at ';'), then each {@code (also ...)} bucket. */
    private static List<Figure> figuresOf(String api, String cell) {
        List<String> clauses = new ArrayList<>(List.of(ALSO.matcher(cell).replaceAll("").split(";")));
        ALSO.matcher(cell).results().forEach(m -> clauses.add(m.group(1)));
        List<Figure> out = new ArrayList<>();
        for (String clause : clauses) {
            clause(api, clause.strip()).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Figure> clause(String api, String clause) {
        Optional<MatchResult> burst = once(BURST, api, clause);
        Optional<MatchResult> perSecond = once(PER_SECOND, api, clause);
        Optional<MatchResult> perCall = once(PER_CALL, api, clause);
        String rest = PER_CALL.matcher(PER_SECOND.matcher(BURST.matcher(clause).replaceAll("")).replaceAll(""))
                .replaceAll("");
        if (rest.matches(".*\\d.*")) {
            throw new IllegalArgumentException("a figure of '" + api + "' in a form this reader does not know: " + clause);
        }
        List<MatchResult> found = Stream.of(burst, perSecond, perCall).flatMap(Optional::stream).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int firstFigure = found.stream().mapToInt(MatchResult::start).min().orElseThrow();
        return Optional.of(new Figure(api, clause.substring(0, firstFigure).strip(),
                burst.map(m -> OptionalDouble.of(Double.parseDouble(m.group(1)))).orElse(OptionalDouble.empty()),
                perSecond.map(m -> OptionalDouble.of(Double.parseDouble(m.group(1)))).orElse(OptionalDouble.empty()),
                perCall.map(m -> OptionalInt.of(Integer.parseInt(m.group(1)))).orElse(OptionalInt.empty())));
    }

    /** The one match of a kind of figure in a clause; two of the same kind in one clause are refused. */
    private static Optional<MatchResult> once(Pattern kind, String api, String clause) {
        List<MatchResult> all = kind.matcher(clause).results().toList();
        if (all.size() > 1) {
            throw new IllegalArgumentException("two figures of one kind for '" + api + "' in one clause: " + clause);
        }
        return all.stream().findFirst();
    }
}
