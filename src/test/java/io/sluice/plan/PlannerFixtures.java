package io.sluice.plan;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYamlReader;
import io.sluice.traffic.Observed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rollouts, observations and statuses for planner tests, written as people would write them. */
final class PlannerFixtures {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private PlannerFixtures() {
    }

    static Rollout example(String name) {
        try {
            return rollout(Files.readString(Path.of("config-repo-example/rollouts/" + name + ".yaml")), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rollout rollout(String text, String name) {
        RolloutFiles.FileResult r = RolloutFiles.read(text, "rollouts/" + name + ".yaml");
        if (r.rollout().isEmpty()) {
            throw new IllegalArgumentException("fixture does not validate: " + r.problems());
        }
        return r.rollout().get();
    }

    static Rollout edited(String example, String from, String to) {
        try {
            String text = Files.readString(Path.of("config-repo-example/rollouts/" + example + ".yaml"));
            if (!text.contains(from)) {
                throw new IllegalArgumentException("'" + from + "' not in " + example);
            }
            return rollout(text.replace(from, to), example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ALB-like two-sided observation: the canary side's weight, the rest on the other side. */
    static Observed split(String stable, String canary, int canaryWeight) {
        return new Observed(Map.of(stable, 100 - canaryWeight, canary, canaryWeight), Map.of(), Observed.SETTLED,
                Observed.READY);
    }

    static Observed notReady(String stable, String canary, String reason) {
        return new Observed(Map.of(stable, 100, canary, 0), Map.of(), Observed.SETTLED, new Observed.NotReady(reason));
    }

    static Observed settling(Observed o, Observed.Settlement s) {
        return new Observed(o.weights(), o.versions(), s, o.canaryReadiness());
    }

    static RolloutStatus status(String yaml) {
        return StatusYamlReader.read(yaml, "status/test.yaml");
    }

    static PlanInput input(Rollout r, Observed o, Optional<RolloutStatus> last, Instant now) {
        return new PlanInput(r, Optional.empty(), "c0ffee1", o, last, List.of(), now);
    }

    static Decision plan(Rollout r, Observed o, RolloutStatus last, Instant now) {
        return Planner.plan(input(r, o, Optional.of(last), now));
    }

    static Decision plan(Rollout r, Observed o, Instant now) {
        return Planner.plan(input(r, o, Optional.empty(), now));
    }

    /** Runs the planner pass after pass, feeding each decision's status into the next, as the loop does. */
    static Decision replan(Decision d, Rollout r, Observed o, Instant now) {
        return plan(r, o, d.status(), now);
    }
}
