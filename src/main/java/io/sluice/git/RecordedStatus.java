package io.sluice.git;

import io.sluice.model.status.RolloutStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status files as the status branch holds them (plus any not pushed yet): where a restarted
 * daemon carries on from.
 *
 * @param byRollout status per rollout name
 * @param unreadable status files that are not in the status format, with the reason
 * @param trouble why the branch could not be fetched; what was read before is still returned
 */
public record RecordedStatus(Map<String, RolloutStatus> byRollout, List<String> unreadable,
                             Optional<GitTrouble> trouble) {
    public RecordedStatus {
        byRollout = Map.copyOf(byRollout);
        unreadable = List.copyOf(unreadable);
    }
}
