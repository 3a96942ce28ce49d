package io.sluice.model;

import java.time.Duration;
import java.util.List;

/**
 * How a rollout is watched.
 *
 * @param interval time between two measurements of every check
 * @param startAfterStep measurements start once this 1-based step is done (0: from the first step)
 * @param settle time to let a verified weight change take effect before measuring the new split
 * @param maxConsecutiveErrors provider errors in a row after which the rollout is held and reported
 */
public record Analysis(Duration interval, int startAfterStep, Duration settle, int maxConsecutiveErrors,
                       List<Check> checks) {
    public Analysis {
        checks = List.copyOf(checks);
    }
}
