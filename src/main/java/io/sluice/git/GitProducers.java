package io.sluice.git;

import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the Git beans from {@link GitConfig}; singletons because the classes are final and need no
 * proxy. Lazy: nothing touches the network or the disk until
 * the loop first uses them, and a missing {@code sluice.git.url} fails only then, with its key named.
 */
@ApplicationScoped
public class GitProducers {

    @Produces
    @Singleton
    LocalClone localClone(GitConfig config) {
        return new LocalClone(config.workDir(), Remote.fromConfig(config));
    }

    void close(@Disposes LocalClone clone) {
        clone.close();
    }

    @Produces
    @Singleton
    GitSource gitSource(GitConfig config, LocalClone clone, Clock clock) {
        return new GitSource(clone, config.branch(), config.rolloutsFolder(), clock);
    }

    @Produces
    @Singleton
    StatusWriter statusWriter(GitConfig config, LocalClone clone, Clock clock) {
        return new StatusWriter(clone, new StatusWriter.Settings(config.statusBranch().orElse(config.branch()),
                config.statusFolder(), config.botName(), config.botEmail(), config.pushAttempts(), config.pushBackoff(),
                Optional.of(config.recordBranch()).filter(b -> !b.equals("none"))),
                clock);
    }
}
