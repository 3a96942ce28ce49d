package io.sluice.cli;

import io.quarkus.runtime.Quarkus;
import io.sluice.aws.AwsConfig;
import io.sluice.git.GitConfig;
import io.sluice.git.Remote;
import io.sluice.metrics.RolloutMetrics;
import io.sluice.reconcile.ReconcileConfig;
import io.sluice.reconcile.ReconcileLoop;
import io.sluice.reconcile.RolloutBoard;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the reconciler daemon against the configured Git repository and AWS.",
                "Configured with application.properties or SLUICE_* environment variables (see the README); at"
                + " least sluice.git.url (SLUICE_GIT_URL).",
                "Serves /, /api/rollouts, /q/health and /q/metrics on quarkus.http.host:quarkus.http.port"
                + " (default 0.0.0.0:8080)."})
public final class RunCommand implements Callable<Integer> {
    @Inject
    Clock clock;

    @Inject
    ReconcileLoop loop;

    @Inject
    RolloutMetrics metrics;

    @Inject
    RolloutBoard board;

    @Inject
    GitConfig git;

    @Inject
    AwsConfig aws;

    @Inject
    ReconcileConfig reconcile;

    @Override
    public Integer call() {
        if (git.url().isEmpty()) {
            System.err.println("sluice run: no config repository: set sluice.git.url (env SLUICE_GIT_URL), e.g."
                    + " https://github.com/example/config-repo.git");
            return 2;
        }
        org.jboss.logging.Logger.getLogger(RunCommand.class).info(startLine(git, aws, reconcile));
        loop.start(clock, report -> metrics.updateFrom(board.picture()));
        Quarkus.waitForExit();
        return 0;
    }

    /** What the daemon works on, in one line a person checks first; never a secret. */
    static String startLine(GitConfig git, AwsConfig aws, ReconcileConfig reconcile) {
        String url = new Remote(git.url().orElse(""), null, git.timeout()).shownUrl();
        return "sluice run: repository " + url + " branch " + git.branch() + " (rollouts in " + git.rolloutsFolder()
                + "/, status to " + git.statusBranch().orElse(git.branch()) + ":" + git.statusFolder() + "/, record branch "
                + git.recordBranch() + "), default region " + aws.region() + " (each ARN's own region is used for its"
                + " resource), endpoint " + aws.endpointOverride().map(Object::toString).orElse("AWS (no override)")
                + ", credentials " + (aws.accessKeyId().isPresent() ? "static key " + mask(aws.accessKeyId().get())
                : "default chain") + ", pass every " + reconcile.interval() + ", Git poll every " + git.pollInterval()
                + ", idle rollouts every " + reconcile.idleInterval();
    }

    private static String mask(String keyId) {
        return keyId.length() <= 4 ? "****" : keyId.substring(0, 4) + "****";
    }
}
