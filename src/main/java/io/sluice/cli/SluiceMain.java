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
            if (args[0].equals("simulate") && !prepareSimulation(args)) {
                System.exit(2);
                return;
            }
            Quarkus.run(DaemonApplication.class, args);
            return;
        }
        System.exit(oneShot().execute(args));
    }

    /** Starts the simulated AWS, Git server and applications before the daemon boots against them. */
    private static boolean prepareSimulation(String[] args) {
        SimulateCommand options = new SimulateCommand();
        try {
            new CommandLine(options).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
            int awsPort = options.port == 4566 ? 0 : options.port;
            SimulateEnvironment.prepare(options.repo, options.workDirOrDefault(), options.speed, awsPort);
            return true;
        } catch (Exception e) {
            System.err.println("sluice simulate: " + e.getMessage());
            return false;
        }
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
