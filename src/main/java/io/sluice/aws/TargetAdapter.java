package io.sluice.aws;

import io.sluice.model.Rollout;
import io.sluice.plan.Split;
import java.util.List;
import java.util.Map;

/** One target kind's half of {@link TrafficTargets}: every rollout given is of that kind. */
interface TargetAdapter {

    Map<String, Observation> observe(List<Rollout> rollouts);

    void apply(Rollout rollout, Split split);
}
