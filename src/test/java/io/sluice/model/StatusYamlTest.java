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
