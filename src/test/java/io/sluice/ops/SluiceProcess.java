package io.sluice.ops;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged sluice jar running in its own JVM, started as the README says, its output going to a
 * log file whose tail goes into failure messages.
 */
final class SluiceProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private SluiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The jar Maven's package phase built (Failsafe passes its path; from the IDE the default applies). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("sluice.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run ./mvnw package (or verify) first");
        }
        return jar;
    }

    /**
     * Starts {@code java <jvmOptions> -jar quarkus-run.jar <args>} in the project folder (where the
     * example repo and scenario are) with extra environment variables.
     */
    static SluiceProcess start(String name, List<String> jvmOptions, List<String> args, Map<String, String> env, Path logDir)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new SluiceProcess(name, pb.start(), log);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Process id, for log lines and for {@code kill -9} by hand. */
    long pid() {
        return process.pid();
    }

    /**
     * Ends the process with SIGKILL, as a crash or the OOM killer would ({@link Process#destroyForcibly()}
     * is SIGKILL on Linux), and waits until it is gone: no shutdown hook, no pending status push runs.
     */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still running 20 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file the process writes its output to. */
    Path log() {
        return log;
    }

    /** Waits until an HTTP server answers at {@code uri} (any status), failing early if the process died. */
    void awaitHttp(URI uri, Duration atMost) {
        Await.until(atMost, name + " answering at " + uri, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + tail());
            }
            return Http.get(uri);
        }, r -> r.status() > 0, this::tail);
    }

    /** The last lines of the process output, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output of " + name + ": " + e.getMessage() + ")";
        }
    }

    /** Asks the process to stop, then kills it if it has not within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
