package io.sluice.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One step of a rollout strategy. */
public sealed interface Step {

    /** Send this percentage (0..100) of traffic to the new version. */
    record SetWeight(int percent) implements Step {
    }

    /** Wait for a duration, or (no duration) until a person approves in Git. */
    record Pause(Optional<Duration> duration) implements Step {
        public boolean needsApproval() {
            return duration.isEmpty();
        }
    }

    /** Run checks (all of the rollout's, or the named ones) for a while before the next step. */
    record Analysis(Duration duration, List<String> checks) implements Step {
    }
}
