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
 * @param alarmAtStart what an alarm already in ALARM before the first traffic move does to the start
 */
public record Analysis(Duration interval, int startAfterStep, Duration settle, int maxConsecutiveErrors,
                       List<Check> checks, AlarmAtStart alarmAtStart) {

    /** {@code analysis.alarmAtStart}: {@code hold} the start while an alarms check fails, or {@code ignore} it. */
    public enum AlarmAtStart { HOLD, IGNORE }

    public Analysis {
        checks = List.copyOf(checks);
    }

    public Analysis(Duration interval, int startAfterStep, Duration settle, int maxConsecutiveErrors, List<Check> checks) {
        this(interval, startAfterStep, settle, maxConsecutiveErrors, checks, AlarmAtStart.HOLD);
    }

    /**
     * The checks read before the first traffic moves, and that hold the start while they fail: the alarms
     * checks that are not dry runs, unless {@code alarmAtStart: ignore}.
     */
    public List<Check> startGate() {
        if (alarmAtStart == AlarmAtStart.IGNORE) {
            return List.of();
        }
        return checks.stream().filter(c -> c.source() instanceof Check.Alarms && !c.dryRun()).toList();
    }
}
