package io.sluice.analysis;

import io.sluice.model.Analysis;
import io.sluice.model.Bounds;
import io.sluice.model.Check;
import io.sluice.model.status.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far back a check's samples count. A threshold check and a fixed cloudwatch judge: the look-back.
 * A sequential judge (and any prometheus judge, which has no look-back): everything since the check began measuring the current step (the step's start plus
 * the settle time), asked again whole at every interval so that its e-value stays valid at any time;
 * bounded to {@link Bounds#JUDGE_MAX_SAMPLES} samples and to a day.
 */
final class JudgeWindow {
    private JudgeWindow() {
    }

    static Duration of(DueCheck due, Instant now) {
        Check check = due.check();
        Duration lookback = check.source() instanceof Check.CloudWatch cw ? cw.lookback() : Duration.ZERO;
        boolean fixed = check.judge().map(j -> j.mode() == Check.Judge.Mode.FIXED).orElse(true);
        if (check.judge().isEmpty() || fixed && !lookback.isZero() || now.equals(Instant.EPOCH)) {
            return lookback;
        }
        Duration step = sampleStep(due);
        Optional<Instant> from = due.request().last().flatMap(RolloutStatus::stepStartedAt)
                .map(t -> t.plus(due.rollout().analysis().map(Analysis::settle).orElse(Duration.ZERO)));
        if (from.isEmpty() || !from.get().isBefore(now)) {
            return lookback.isZero() ? step : lookback;
        }
        Duration window = Duration.between(from.get(), now);
        Duration most = step.multipliedBy(Bounds.JUDGE_MAX_SAMPLES);
        if (most.compareTo(Bounds.LOOKBACK_MAX) > 0) {
            most = Bounds.LOOKBACK_MAX;
        }
        if (window.compareTo(most) > 0) {
            return most;
        }
        return window.compareTo(step) < 0 ? step : window;
    }

    /** One sample per CloudWatch period, or per Prometheus step (the judge's, else the analysis interval). */
    static Duration sampleStep(DueCheck due) {
        if (due.check().source() instanceof Check.CloudWatch cw) {
            return cw.period();
        }
        return due.check().judge().flatMap(Check.Judge::step)
                .or(() -> due.rollout().analysis().map(Analysis::interval)).orElse(Bounds.INTERVAL_DEFAULT);
    }
}
