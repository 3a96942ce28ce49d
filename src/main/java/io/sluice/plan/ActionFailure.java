package io.sluice.plan;

import io.sluice.model.status.Reason;

/**
 * How the action the planner decided failed when it was made: its typed reason and what AWS said.
 * Given back to the planner, which then records it in the status.
 */
public record ActionFailure(Reason reason, String message) {
}
