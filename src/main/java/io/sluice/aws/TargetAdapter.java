package io.sluice.aws;

import io.sluice.model.Rollout;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.TrafficTargets;
import io.sluice.traffic.Urgency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One target kind's half of {@link TrafficTargets}: every rollout given is of that kind. */
public interface TargetAdapter {

    Map<String, Observation> observe(List<Rollout> rollouts, Urgency urgency);

    void apply(Rollout rollout, Split split, Urgency urgency);

    default void deploy(Rollout rollout, String side, String revision) {
        throw AwsFailures.invalid(rollout.name() + ": a " + rollout.target().kind() + " target has no service to deploy to");
    }

    /** For kinds whose API reads one target per call: each rollout observed alone, a failure kept to its own. */
    static Map<String, Observation> eachAlone(List<Rollout> rollouts, Function<Rollout, Observed> observe) {
        Map<String, Observation> out = new LinkedHashMap<>();
        for (Rollout r : rollouts) {
            try {
                out.put(r.name(), new Observation.Seen(observe.apply(r)));
            } catch (TargetFailure f) {
                out.put(r.name(), new Observation.Failed(f));
            }
        }
        return out;
    }
}
