package io.sluice.metrics;

import io.sluice.model.Rollout;
import io.sluice.model.Step;
import io.sluice.model.status.RolloutStatus;
import java.util.List;

/** How long a step should take by its definition, for the "stuck in a step" alert. */
final class StepTimes {
    private StepTimes() {
    }

    /** Seconds the current step should last; NaN when no step runs. */
    static double expectedSeconds(Rollout rollout, RolloutStatus status) {
        List<Step> steps = rollout.strategy().steps();
        int index = status.step().map(RolloutStatus.StepProgress::index).orElse(0);
        if (index < 1 || index > steps.size()) {
            return Double.NaN;
        }
        Step step = steps.get(index - 1);
        if (step instanceof Step.Pause p) {
            return p.duration().map(d -> (double) d.toSeconds()).orElse(Double.POSITIVE_INFINITY);
        }
        if (step instanceof Step.Analysis a) {
            return a.duration().toSeconds();
        }
        return 0;
    }
}
