package io.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.StatusYaml;
import io.sluice.model.status.StatusYamlReader;
import io.sluice.traffic.Observed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The planner's rules as golden cases: one directory per case under {@code src/test/resources/plan}
 * (see the README there), one test per directory. A case fails on a wrong decision or status, on a
 * missing file and on a file it does not read.
 */
class GoldenPlannerCasesTest {
    static final Path ROOT = Path.of("src/test/resources/plan");

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(ROOT)) {
            entries = s.sorted().toList();
        }
        List<Path> dirs = entries.stream().filter(Files::isDirectory).toList();
        DynamicTest layout = dynamicTest("plan/ holds README.md and case directories only", () -> {
            List<String> stray = entries.stream().filter(p -> !Files.isDirectory(p))
                    .map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")).toList();
            assertEquals(List.of(), stray, "files in plan/ that belong to no case");
            assertFalse(dirs.isEmpty(), "no cases in " + ROOT);
        });
        return Stream.concat(Stream.of(layout),
                dirs.stream().map(d -> dynamicTest(d.getFileName().toString(), d.toUri(), () -> run(d))));
    }

    /** Plans the pass a case describes and compares it with what the case expects. */
    static void run(Path dir) {
        CaseFiles files = new CaseFiles(dir);
        String name = files.name();

        List<String> rolloutFiles = files.namesIn("rollouts");
        if (rolloutFiles.size() != 1) {
            throw new AssertionFailedError("case " + name + " must hold exactly one desired rollout in rollouts/, found "
                    + rolloutFiles);
        }
        String source = "rollouts/" + rolloutFiles.get(0);
        RolloutFiles.FileResult desired = RolloutFiles.read(files.read(source, "the desired rollout"), source);
        Rollout rollout = desired.rollout().orElseThrow(() -> new AssertionFailedError(
                "case " + name + ": " + source + " does not validate: " + desired.problems()));

        Pass pass = Pass.read(files.read("pass.yaml", "now and the commit of this pass"), name + "/pass.yaml");
        Observed observed = ObservedYaml.read(files.read("observed.yaml", "what the target reports"),
                name + "/observed.yaml");
        String statusFile = "status/" + rollout.name() + ".yaml";
        Optional<String> lastText = files.readOptional(statusFile);
        Optional<RolloutStatus> last = lastText.map(t -> StatusYamlReader.read(t, name + "/" + statusFile));
        List<CheckStatus> measured = files.readOptional("measured.yaml")
                .map(t -> measured(t, name + "/measured.yaml")).orElse(List.of());
        String expectedDecision = DecisionYaml.normalize(
                files.read("expected-decision.yaml", "the decision this pass must give"), name + "/expected-decision.yaml");
        String expectedStatus = StatusYaml.write(StatusYamlReader.read(
                files.read("expected-status.yaml", "the status this pass must record"), name + "/expected-status.yaml"));

        List<String> problems = new ArrayList<>();
        pass.after().ifPresent(before -> {
            Optional<String> previous = readIfPresent(ROOT.resolve(before).resolve("expected-status.yaml"));
            if (previous.isEmpty()) {
                problems.add("pass.yaml names after: " + before + ", which is no case with an expected-status.yaml");
            } else if (last.isEmpty()) {
                problems.add("pass.yaml names after: " + before + " but the case has no " + statusFile);
            } else {
                String then = StatusYaml.write(StatusYamlReader.read(previous.get(), before + "/expected-status.yaml"));
                String now = StatusYaml.write(last.get());
                if (!then.equals(now) && UPDATE) {
                    write(ROOT.resolve(name).resolve(statusFile), then);
                } else if (!then.equals(now)) {
                    problems.add(statusFile + " is not the status " + before + " records (- there, + here):\n"
                            + LineDiff.of(then, now));
                }
            }
        });

        PlanInput in = new PlanInput(rollout, pass.desiredProblem(), pass.commit(), observed, last, measured, pass.now(),
                pass.lastWriteUnconfirmed());
        Decision decision = Planner.plan(in);
        if (!decision.equals(Planner.plan(in))) {
            problems.add("the same input gave two different decisions:\n  " + decision + "\n  " + Planner.plan(in));
        }
        String actualDecision = DecisionYaml.write(decision, Planner.analysisDue(rollout, last, pass.now()));
        String actualStatus = StatusYaml.write(decision.status());

        List<String> unused = files.unread();
        if (!unused.isEmpty()) {
            problems.add("files the case does not read (a misspelt name, or a status/ file not named after the"
                    + " rollout): " + unused);
        }
        if (UPDATE && !expectedDecision.equals(actualDecision)) {
            write(ROOT.resolve(name).resolve("expected-decision.yaml"), actualDecision);
        } else if (!expectedDecision.equals(actualDecision)) {
            problems.add("expected-decision.yaml (- expected, + planned):\n" + LineDiff.of(expectedDecision, actualDecision));
        }
        if (UPDATE && !expectedStatus.equals(actualStatus)) {
            write(ROOT.resolve(name).resolve("expected-status.yaml"), actualStatus);
        } else if (!expectedStatus.equals(actualStatus)) {
            problems.add("expected-status.yaml (- expected, + planned):\n" + LineDiff.of(expectedStatus, actualStatus));
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("case " + name + ":\n" + String.join("\n", problems),
                    expectedDecision + "---\n" + expectedStatus, actualDecision + "---\n" + actualStatus);
        }
    }

    /**
     * With {@code -Dgolden.update=true} a case whose planned decision or status differs has its expected
     * files rewritten to what was planned (and a later pass's status/ file to its earlier pass's new
     * expected status; run twice for chains): review the diff in Git before committing it.
     */
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code measured.yaml}: a {@code checks:} list as the status format writes it. */
    static List<CheckStatus> measured(String text, String file) {
        CaseYaml.read(text, file).only(Set.of("checks"));
        // the checks are read by the status reader; the two fields it requires come after them so
        // that the line numbers in its messages stay those of the file
        return StatusYamlReader.read(text + "\nrollout: measured\nphase: Progressing\n", file).checks();
    }

    private static Optional<String> readIfPresent(Path p) {
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code pass.yaml}: the clock and commit of this pass, and the flags of {@link PlanInput}.
     *
     * @param after the case whose expected status this case's last status must be (a sequence of passes)
     */
    record Pass(Instant now, String commit, Optional<String> desiredProblem, boolean lastWriteUnconfirmed,
                Optional<String> after) {
        static Pass read(String text, String file) {
            CaseYaml.Mapping m = CaseYaml.read(text, file)
                    .only(Set.of("now", "commit", "desiredProblem", "lastWriteUnconfirmed", "after"));
            Instant now;
            try {
                now = Instant.parse(m.required("now"));
            } catch (DateTimeParseException e) {
                throw m.fail("now", "expected an instant such as 2026-11-24T10:00:00Z");
            }
            return new Pass(now, m.required("commit"), m.text("desiredProblem"), m.bool("lastWriteUnconfirmed", false),
                    m.text("after"));
        }
    }
}
