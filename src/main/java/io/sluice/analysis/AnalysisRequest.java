package io.sluice.analysis;

import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus;
import java.util.Optional;

/**
 * One rollout whose checks are due in this pass.
 *
 * @param canaryId the new version's id (side name, Lambda version, task definition)
 * @param stableId the stable version's id, for compareToStable and {{version}} / {{targetGroup}}
 * @param last the last status, whose check counters the new measurements continue
 */
public record AnalysisRequest(Rollout rollout, String canaryId, String stableId, Optional<RolloutStatus> last) {
}
