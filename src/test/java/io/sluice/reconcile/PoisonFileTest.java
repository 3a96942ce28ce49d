package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One poisoned rollout file (a number that does not fit, an endless pause, bad UTF-8, a multi-line
 * value) beside a rollout whose check fails: the failing rollout is rolled back in the same pass as
 * without the poison, another rollout goes on, and the poisoned file shows its error on the board.
 */
class PoisonFileTest {
    static final Path NODEAPP = Path.of("config-repo-example/rollouts/nodeapp-alb.yaml");

    static Stream<Arguments> poisons() {
        return Stream.of(
                Arguments.of("startAfter beyond int", edit("  analysis:\n", "  analysis:\n    startAfter: 2147483648\n")),
                Arguments.of("pause in ms beyond long", edit("      - analysis: 2m", "      - pause: 99999999999999999999999ms")),
                Arguments.of("pause of 10^16 hours", edit("      - analysis: 2m", "      - pause: 9999999999999999h")),
                Arguments.of("interval beyond an hour", edit("    interval: 30s", "    interval: 2h")),
                Arguments.of("multi-line value", edit("  active: green", "  active: \"green\\nblue\"")),
                Arguments.of("invalid UTF-8", (UnaryOperator<byte[]>) b -> {
                    byte[] out = b.clone();
                    out[out.length / 2] = (byte) 0xC3;
                    out[out.length / 2 + 1] = (byte) 0x28;
                    return out;
                }));
    }

    static UnaryOperator<byte[]> edit(String from, String to) {
        return b -> {
            String text = new String(b, StandardCharsets.UTF_8);
            assertTrue(text.contains(from), from);
            return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisons")
    void aPoisonedFileNeverDelaysARollbackNorStopsAnotherRollout(String what, UnaryOperator<byte[]> poison)
            throws Exception {
        byte[] poisoned = poison.apply(Files.readAllBytes(NODEAPP));
        RolloutFiles.FileResult read = RolloutFiles.read(poisoned, "rollouts/nodeapp-alb.yaml");
        assertTrue(read.rollout().isEmpty(), what + " must be refused");
        for (Problem p : read.problems()) {
            assertTrue(p.toString().matches("rollouts/nodeapp-alb\\.yaml:\\d+:\\d+: [^\\n]*"), p.toString());
        }
        int clean = passesUntilRolledBack(List.of());
        int withPoison = passesUntilRolledBack(read.problems());
        assertEquals(clean, withPoison, what + ": the failing rollout is rolled back in its usual pass");
    }

    /** Runs isshoni-web (its green answers 4% 5xx after 12 minutes) and makenaide beside the poisoned file. */
    private static int passesUntilRolledBack(List<Problem> poisonProblems) throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(s -> s)) {
            Rollout isshoni = example("isshoni-web", s -> s);
            Rollout makenaide = example("makenaide-orchestrator", s -> s);
            List<Rollout> rollouts = new ArrayList<>(List.of(isshoni, makenaide));
            for (int pass = 1; pass <= 200; pass++) {
                PassReport report = h.reconciler.pass(new DesiredState("c1", rollouts, poisonProblems));
                RolloutStatus s = report.statuses().get("isshoni-web");
                if (!poisonProblems.isEmpty()) {
                    RolloutStatus poisoned = report.statuses().get("nodeapp-alb");
                    assertEquals(Phase.Degraded, poisoned.phase());
                    assertEquals(Reason.InvalidFile, poisoned.reason().orElseThrow());
                    assertTrue(h.board.picture().entry("nodeapp-alb").isPresent(), "on the board");
                    assertTrue(report.statuses().get("makenaide-orchestrator").phase() != Phase.Degraded,
                            report.statuses().get("makenaide-orchestrator").message());
                }
                if (s != null && s.phase() == Phase.RolledBack) {
                    assertEquals(Reason.CheckFailed, s.reason().orElseThrow(), s.message());
                    return pass;
                }
                h.clock.advance(Duration.ofSeconds(10));
            }
            throw new AssertionError("isshoni-web never rolled back");
        }
    }
}
