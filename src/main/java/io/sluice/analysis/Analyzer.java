package io.sluice.analysis;

import io.sluice.model.status.RolloutStatus.CheckStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Measures every check of every due rollout in one pass (CloudWatch queries of all rollouts batched
 * into as few GetMetricData calls as allowed) and assesses each measurement.
 */
public interface Analyzer {

    /** Keyed by rollout name; each list holds one assessed status per check of that rollout. */
    Map<String, List<CheckStatus>> measure(Collection<AnalysisRequest> requests, Instant now);
}
