package io.sluice.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYamlReader;
import io.sluice.traffic.Observed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Drift is one episode however long it lasts. The other planner rules are golden cases under
 * {@code src/test/resources/plan}; this one takes thirty passes in a row, which no single case shows.
 */
class PlannerSafetyNetTest {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** Step 2/5 of isshoni-web (pause 10m at 90/10), started at 09:58, due at 10:08. */
    static final String PAUSED_AT_10 = """
            rollout: isshoni-web
            observedCommit: c0ffee1
            phase: Progressing
            step: 2/5
            stable: { name: blue, version: blue, weight: 90 }
            canary: { name: green, version: green, weight: 10 }
            stepStartedAt: 2026-11-24T09:58:00Z
            pausedUntil: 2026-11-24T10:08:00Z
            message: ""
            """;

    static Rollout isshoni() throws IOException {
        String file = "rollouts/isshoni-web.yaml";
        return RolloutFiles.read(Files.readString(Path.of("config-repo-example", file)), file).rollout().orElseThrow();
    }

    static Observed split(int canaryWeight) {
        return new Observed(Map.of("blue", 100 - canaryWeight, "green", canaryWeight), Map.of(), Observed.SETTLED,
                Observed.READY);
    }

    static Decision plan(Rollout r, Observed live, RolloutStatus last, Instant now) {
        return Planner.plan(new PlanInput(r, Optional.empty(), "c0ffee1", live, Optional.of(last), List.of(), now, false));
    }

    @Test
    void thirtyPassesOfUnchangedDriftRecordOneEntryAndItsEndAnother() throws IOException {
        Rollout isshoni = isshoni();
        RolloutStatus s = StatusYamlReader.read(PAUSED_AT_10, "status/isshoni-web.yaml");
        Instant t = T0;
        for (int pass = 0; pass < 30; pass++) {
            t = t.plusSeconds(10);
            s = plan(isshoni, split(0), s, t).status();
            assertEquals(Phase.Degraded, s.phase());
        }
        assertEquals(1, s.history().stream().filter(h -> h.event().equals("drift")).count(), s.history().toString());
        Decision back = plan(isshoni, split(10), s, t.plusSeconds(10));
        assertEquals(Phase.Progressing, back.status().phase());
        assertEquals("driftCleared", back.status().history().get(0).event());
        assertEquals(2, back.status().history().size());
        RolloutStatus after = plan(isshoni, split(10), back.status(), t.plusSeconds(20)).status();
        assertEquals(2, after.history().size(), "the end of the drift is recorded once");
    }
}
