package io.sluice.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, without Quarkus:
 * {@code java -cp ... io.sluice.sim.SimMain [--port 4566] [--host 127.0.0.1] [--scenario FILE]
 * [--real-clock | --start 2026-11-24T10:00:00Z]}. The clock is manual (moved with
 * {@code POST /_sim/clock/advance}) and starts at {@code --start}, else the scenario's
 * {@code clock.start}, else the current time; {@code --real-clock} follows the system clock.
 */
public final class SimMain {
    private SimMain() {
    }

    record Options(String host, int port, Optional<Path> scenario, boolean realClock, Optional<Instant> start) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: SimMain [--port N] [--host H] [--scenario FILE] [--real-clock | --start ISO-INSTANT]");
            System.exit(2);
            return;
        }
        Optional<Scenario> scenario = Optional.empty();
        if (options.scenario().isPresent()) {
            try {
                scenario = Optional.of(Scenario.parse(Files.readString(options.scenario().get(), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                System.err.println("error: scenario " + options.scenario().get() + ": " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        Optional<Instant> scenarioStart = scenario.flatMap(Scenario::clockStart);
        SimClock clock = options.realClock() ? SimClock.real()
                : SimClock.manual(options.start().or(() -> scenarioStart).orElseGet(Instant::now));
        SimServer server = SimServer.start(options.host(), options.port(), clock, SimServices.all(clock));
        try {
            if (scenario.isPresent()) {
                // --start or --real-clock win over the file's clock.start.
                Scenario s = scenario.get();
                (options.realClock() || options.start().isPresent()
                        ? new Scenario(s.sections(), Optional.empty(), s.faults(), s.events(), s.quotas()) : s)
                        .applyTo(server);
            }
        } catch (IllegalArgumentException e) {
            server.close();
            System.err.println("error: scenario " + options.scenario().get() + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("AWS simulator listening on " + server.endpoint()
                + " (clock " + (clock.isManual() ? "manual at " + clock.now() : "real") + ")");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "aws-sim-shutdown"));
        stopped.await();
    }

    static Options parse(String[] args) {
        String host = "127.0.0.1";
        int port = 4566;
        Optional<Path> scenario = Optional.empty();
        boolean realClock = false;
        Optional<Instant> start = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = portOf(value(args, ++i, arg));
                case "--host" -> host = value(args, ++i, arg);
                case "--scenario" -> scenario = Optional.of(Path.of(value(args, ++i, arg)));
                case "--real-clock" -> realClock = true;
                case "--start" -> start = Optional.of(instantOf(value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (realClock && start.isPresent()) {
            throw new IllegalArgumentException("--real-clock and --start exclude each other");
        }
        return new Options(host, port, scenario, realClock, start);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int portOf(String s) {
        try {
            int port = Integer.parseInt(s);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port expects 0..65535, got '" + s + "'");
        }
    }

    private static Instant instantOf(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start expects an ISO-8601 instant like 2026-11-24T10:00:00Z, got '" + s + "'");
        }
    }
}
