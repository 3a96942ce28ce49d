package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYaml;
import io.sluice.model.status.StatusYamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StatusYamlTest {

    @ParameterizedTest
    @ValueSource(strings = {"isshoni-web.yaml", "makenaide-orchestrator.yaml"})
    void statusFilesRoundTripByteForByte(String name) throws IOException {
        String text = Files.readString(Path.of("src/test/resources/status", name));
        RolloutStatus status = StatusYamlReader.read(text, name);
        assertEquals(text, StatusYaml.write(status));
    }

    @Test
    void readsTheValuesItWrote() throws IOException {
        RolloutStatus s = StatusYamlReader.read(Files.readString(Path.of("src/test/resources/status/isshoni-web.yaml")), "x");
        assertEquals(Phase.Progressing, s.phase());
        assertEquals(new RolloutStatus.StepProgress(3, 5), s.step().orElseThrow());
        assertEquals(new RolloutStatus.Side("green", "v1.1", 50), s.canary().orElseThrow());
        assertEquals(Instant.parse("2026-11-22T10:20:00Z"), s.pausedUntil().orElseThrow());
        assertEquals(Optional.of(0.0004), s.checks().get(0).value());
        assertEquals(RolloutStatus.Result.fail, s.checks().get(3).result());
        assertEquals(1, s.checks().get(3).consecutiveFailures());
        assertEquals(Optional.of("90/10"), s.history().get(0).from());
    }

    @Test
    void aJudgeDryRunAndSampleCountsRoundTripAndOldCheckLinesStillRead() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        RolloutStatus.CheckStatus judged = new RolloutStatus.CheckStatus("latency-judge", Optional.of(0.71),
                RolloutStatus.Result.fail, t, 1, 0, 0, Optional.of("canary 98% slower than stable"), Optional.of(12),
                Optional.of(7200L), true, Optional.of(new RolloutStatus.JudgeResult("welch-t", 9.5, 1.0e-12,
                Double.POSITIVE_INFINITY, 0.98, true)));
        RolloutStatus.CheckStatus thin = new RolloutStatus.CheckStatus("five-xx-rate", Optional.of(0.5),
                RolloutStatus.Result.inconclusive, t, 0, 0, 1, Optional.of("3 requests in the measured 1m period, 30 needed"))
                .withSamples(Optional.of(1), Optional.of(3L));
        RolloutStatus s = new RolloutStatus("r", Optional.empty(), 0, Phase.Progressing, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(judged, thin), "m", List.of());
        String text = StatusYaml.write(s);
        assertTrue(text.contains("dryRun: true, judge: { test: welch-t, statistic: 9.5, pValue: 0.000000000001, eValue: Infinity,"
                + " effect: 0.98, varianceRise: true }"), text);
        RolloutStatus back = StatusYamlReader.read(text, "s.yaml");
        assertEquals(s, back, text);
        assertEquals(text, StatusYaml.write(back));

        RolloutStatus old = StatusYamlReader.read("""
                rollout: r
                phase: Progressing
                checks:
                  - { name: five-xx-rate, value: 0.0004, result: pass, at: 2026-11-22T10:00:00Z }
                message: ""
                """, "old.yaml");
        RolloutStatus.CheckStatus c = old.checks().get(0);
        assertEquals(false, c.dryRun());
        assertEquals(Optional.empty(), c.judge());
        assertEquals(Optional.empty(), c.samples());
    }

    @Test
    void aJudgeLineWithoutItsStatisticIsRefusedWithItsPlace() {
        StatusYamlReader.StatusFormatException e = assertThrows(StatusYamlReader.StatusFormatException.class,
                () -> StatusYamlReader.read("""
                        rollout: r
                        phase: Progressing
                        checks:
                          - { name: j, result: pass, at: 2026-11-22T10:00:00Z, dryRun: maybe }
                        message: ""
                        """, "bad.yaml"));
        assertTrue(e.getMessage().startsWith("bad.yaml:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("checks.dryRun: expected true or false, got 'maybe'"), e.getMessage());
    }

    @Test
    void textThatWouldReadAsAnotherTypeIsQuotedAndSurvives() {
        List<String> awkward = List.of("7", "true", "null", "1.0", "v1.0", "2026-11-22", "a: b", "#x", "- x", "{x}",
                "quote \" and \\ backslash", "line\nbreak", "", "yes", "0x1F", "12:30", "1.2.3");
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        for (String v : awkward) {
            RolloutStatus s = new RolloutStatus("r", Optional.of(v), 0, Phase.Healthy, Optional.empty(),
                    Optional.of(new RolloutStatus.Side(v, v, 12.5)), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(), v, List.of(new RolloutStatus.HistoryEntry(t, "note", Optional.of(v),
                    Optional.empty(), Optional.empty(), Optional.of(v))));
            String text = StatusYaml.write(s);
            RolloutStatus back = StatusYamlReader.read(text, "s.yaml");
            assertEquals(s, back, text);
            assertEquals(text, StatusYaml.write(back));
        }
    }

    @Test
    void keepsOnlyTheNewestHistory() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        List<RolloutStatus.HistoryEntry> many = java.util.stream.IntStream.range(0, 80)
                .mapToObj(i -> new RolloutStatus.HistoryEntry(t.minusSeconds(i), "e" + i, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty())).toList();
        RolloutStatus s = new RolloutStatus("r", Optional.empty(), 0, Phase.Healthy, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), "", many);
        assertEquals(RolloutStatus.MAX_HISTORY, s.history().size());
        assertEquals("e0", s.history().get(0).event());
    }

    @Test
    void refusesAnUnknownPhaseWithItsPosition() {
        StatusYamlReader.StatusFormatException e = assertThrows(StatusYamlReader.StatusFormatException.class,
                () -> StatusYamlReader.read("rollout: r\nphase: Exploded\nmessage: \"\"\n", "status/r.yaml"));
        assertEquals("status/r.yaml:2:8: phase: unknown phase 'Exploded'", e.getMessage());
        assertTrue(assertThrows(StatusYamlReader.StatusFormatException.class,
                () -> StatusYamlReader.read("rollout: r\nphase: Healthy\nmood: good\n", "s")).getMessage().contains("mood"));
    }
}
