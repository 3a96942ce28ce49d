package io.sluice.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Set;
import picocli.CommandLine;

/**
 * Entry point. One-shot commands ({@code validate}, {@code plan}, {@code --help}) run without
 * booting Quarkus, so they open no port, start no scheduler and finish in well under a second;
 * the long-running commands ({@code run}, {@code simulate}) start the Quarkus application.
 */
@QuarkusMain
public final class SluiceMain {
    private static final Set<String> DAEMON_COMMANDS = Set.of("run", "simulate");

    SluiceMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && DAEMON_COMMANDS.contains(args[0]) && !wantsHelp(args) && !has(args, "--aws-only")) {
            Quarkus.run(DaemonApplication.class, args);
            return;
        }
        System.exit(oneShot().execute(args));
    }

    static CommandLine oneShot() {
        return new CommandLine(new SluiceCommand());
    }

    private static boolean wantsHelp(String[] args) {
        return has(args, "--help") || has(args, "-h");
    }

    private static boolean has(String[] args, String flag) {
        for (String a : args) {
            if (a.equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
