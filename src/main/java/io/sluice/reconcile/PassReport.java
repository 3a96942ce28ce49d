package io.sluice.reconcile;

import io.sluice.model.status.RolloutStatus;
import io.sluice.plan.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one pass did: the decision per rollout, the statuses that changed materially (to write
 * back), the actions that failed, and how long it took.
 */
public record PassReport(Map<String, Decision> decisions, Map<String, RolloutStatus> statuses,
                         List<String> changedStatuses, Map<String, String> actionFailures, Duration took) {
}
