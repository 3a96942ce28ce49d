package io.sluice.traffic;


/** What observing one rollout's target gave: the live state, or why it could not be read. */
public sealed interface Observation {

    record Seen(Observed observed) implements Observation {
    }

    record Failed(TargetFailure failure) implements Observation {
    }
}
