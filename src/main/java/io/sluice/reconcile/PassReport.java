package io.sluice.reconcile;

import io.sluice.model.status.RolloutStatus;
import io.sluice.plan.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one pass did: the decision per rollout, the statuses that changed materially (to write
 * back), the actions that failed, how long it took, and how long after its start every decision was
 * made (observations and measurements in), which is when rollbacks begin; and the rollouts shown
 * only, which another instance acts for.
 */
public record PassReport(Map<String, Decision> decisions, Map<String, RolloutStatus> statuses,
                         List<String> changedStatuses, Map<String, String> actionFailures, Duration took,
                         Duration decidedAfter, Set<String> shownOnly) {

    public PassReport(Map<String, Decision> decisions, Map<String, RolloutStatus> statuses, List<String> changedStatuses,
                      Map<String, String> actionFailures, Duration took, Duration decidedAfter) {
        this(decisions, statuses, changedStatuses, actionFailures, took, decidedAfter, Set.of());
    }
}
