package io.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the reconciler daemon against the configured Git repository and AWS.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("sluice run: the reconcile loop is not built yet");
        return 3;
    }
}
