package io.sluice.model;

import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import java.util.List;

/**
 * The rollout files of one commit: the rollouts that validated, and the problems of those that did
 * not (a problem's file tells which rollout it concerns).
 */
public record DesiredState(String commit, List<Rollout> rollouts, List<Problem> problems) {
    public DesiredState {
        rollouts = List.copyOf(rollouts);
        problems = List.copyOf(problems);
    }
}
