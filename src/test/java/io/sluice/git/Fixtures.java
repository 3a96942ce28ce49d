package io.sluice.git;

import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Rollout and status texts shared by the Git tests, built from the example config repository. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final String TEMPLATE = read("config-repo-example/rollouts/isshoni-web.yaml");

    private Fixtures() {
    }

    /** A valid ALB rollout named {@code name} whose desired side is {@code active} (blue or green). */
    static String rollout(String name, String active) {
        return TEMPLATE.replace("name: isshoni-web", "name: " + name).replace("active: green", "active: " + active);
    }

    /** rollouts/a.yaml .. rollouts/c.yaml plus a README outside the rollouts folder. */
    static Map<String, String> threeRollouts() {
        Map<String, String> files = new TreeMap<>();
        for (String name : List.of("orders-api", "isshoni-web", "billing")) {
            files.put("rollouts/" + name + ".yaml", rollout(name, "green"));
        }
        files.put("README.md", "config repo\n");
        return files;
    }

    static RolloutStatus status(String rollout, Phase phase, String message) {
        return new RolloutStatus(rollout, Optional.of("3f2c9e1"), 0, phase, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), message, List.of());
    }

    static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
