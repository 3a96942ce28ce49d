package io.sluice.cli;

import io.quarkus.runtime.Quarkus;
import io.sluice.git.GitConfig;
import io.sluice.metrics.RolloutMetrics;
import io.sluice.reconcile.ReconcileLoop;
import io.sluice.reconcile.RolloutBoard;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the reconciler daemon against the configured Git repository and AWS.",
                "Configured with application.properties or SLUICE_* environment variables (see the README);",
                "at least sluice.git.url (SLUICE_GIT_URL). Serves /, /api/rollouts, /q/health and /q/metrics."})
public final class RunCommand implements Callable<Integer> {
    @Inject
    ReconcileLoop loop;

    @Inject
    RolloutMetrics metrics;

    @Inject
    RolloutBoard board;

    @Inject
    GitConfig git;

    @Override
    public Integer call() {
        if (git.url().isEmpty()) {
            System.err.println("sluice run: no config repository: set sluice.git.url (env SLUICE_GIT_URL), e.g."
                    + " https://github.com/example/config-repo.git");
            return 2;
        }
        loop.start(Clock.systemUTC(), report -> metrics.updateFrom(board.picture()));
        Quarkus.waitForExit();
        return 0;
    }
}
