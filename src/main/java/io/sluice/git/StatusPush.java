package io.sluice.git;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one status write.
 *
 * @param outcome what happened to the pending status files
 * @param commit the commit that now holds them on the server (when pushed)
 * @param files the status files this commit changed, repository paths
 * @param attempts push attempts made
 * @param trouble why the status is still pending
 * @param took how long the write took, wall time (zero until the writer's caller stamps it)
 */
public record StatusPush(Outcome outcome, Optional<String> commit, List<String> files, int attempts,
                         Optional<GitTrouble> trouble, Duration took) {

    public enum Outcome {
        /** One commit with the changed files is on the server. */
        Pushed,
        /** The server already holds exactly this text for every file: nothing committed. */
        Unchanged,
        /** Not pushed this time; kept and pushed with the next write. */
        Pending
    }

    public StatusPush {
        files = List.copyOf(files);
    }

    public StatusPush(Outcome outcome, Optional<String> commit, List<String> files, int attempts,
                      Optional<GitTrouble> trouble) {
        this(outcome, commit, files, attempts, trouble, Duration.ZERO);
    }

    /** This outcome, stamped with how long the write took. */
    public StatusPush took(Duration took) {
        return new StatusPush(outcome, commit, files, attempts, trouble, took);
    }
}
