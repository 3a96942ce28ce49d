package io.sluice.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate every rollout file under DIR. Exit 0: valid, 1: errors, 2: DIR unreadable.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "config repository (or its rollouts folder)")
    Path dir;

    @Override
    public Integer call() {
        System.err.println("sluice validate: not built yet");
        return 3;
    }
}
