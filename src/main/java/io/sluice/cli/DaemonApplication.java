package io.sluice.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs a long-running command inside the Quarkus application, with CDI available to it. */
public final class DaemonApplication implements QuarkusApplication {
    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return new CommandLine(new SluiceCommand(), factory).execute(args);
    }
}
