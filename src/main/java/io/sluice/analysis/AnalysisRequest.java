package io.sluice.analysis;

import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rollout whose checks are due in this pass.
 *
 * @param canaryId the new version's id (side name, Lambda version, task definition)
 * @param stableId the stable version's id, for compareToStable and {{version}} / {{targetGroup}}
 * @param last the last status, whose check counters the new measurements continue
 * @param trafficSides ECS blue/green: the target group side each version id runs on, for
 *     {{targetGroup}} and target health; empty where the ids are the sides
 * @param firstPass the first pass of a rollout without any status: only its start gate is read
 */
public record AnalysisRequest(Rollout rollout, String canaryId, String stableId, Optional<RolloutStatus> last,
                              Map<String, String> trafficSides, boolean firstPass) {
    public AnalysisRequest {
        trafficSides = Map.copyOf(trafficSides);
    }

    public AnalysisRequest(Rollout rollout, String canaryId, String stableId, Optional<RolloutStatus> last,
                           Map<String, String> trafficSides) {
        this(rollout, canaryId, stableId, last, trafficSides, false);
    }

    /** The start gate's reading in the first pass of a rollout sluice has never written a status for. */
    public static AnalysisRequest firstPass(Rollout rollout, Map<String, String> trafficSides) {
        return new AnalysisRequest(rollout, rollout.desiredVersion(), "", Optional.empty(), trafficSides, true);
    }

    public AnalysisRequest(Rollout rollout, String canaryId, String stableId, Optional<RolloutStatus> last) {
        this(rollout, canaryId, stableId, last, Map.of());
    }

    /**
     * The checks this request measures: before the attempt's first step (the first pass of a rollout
     * without any status, or a last status that says no step was taken) only the alarms of the start
     * gate, else every check.
     */
    public List<Check> checksDue() {
        var analysis = rollout.analysis();
        if (analysis.isEmpty()) {
            return List.of();
        }
        boolean beforeStart = firstPass || last.map(s -> !s.started()).orElse(false);
        return beforeStart ? analysis.get().startGate() : analysis.get().checks();
    }

    /** The target group side of a version id: itself, unless the target says where it runs. */
    public String sideOf(String id) {
        return trafficSides.getOrDefault(id, id);
    }
}
