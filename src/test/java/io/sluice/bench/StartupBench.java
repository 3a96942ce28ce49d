package io.sluice.bench;

import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Startup of sluice as the JVM image runs it, with and without an archive of the startup's classes:
 * the Java runtime cut down with jlink from a JDK 25 with the image's modules, the aot-jar layout, the
 * image's JAVA_OPTS with the heap of a 256 MiB limit. Three variants side by side: no archive (only the
 * JDK's own CDS), AppCDS archives and JDK 25 AOT caches, for the daemon recorded by the image's training
 * run ({@code deploy/docker/aot-train}), for the short commands by a {@code validate} run. Figures: time from the process start to the first
 * {@code /q/health/ready} UP of {@code sluice run} against a git daemon serving the example repo and the
 * AWS simulator (a fresh clone each time; JGit's file system timing already recorded in the user's
 * config), the process RSS then, and the wall time of {@code sluice validate config-repo-example} with the
 * image's flags for short commands (C1 only). Medians of N runs.
 *
 * <p>Usage: bench/run startup [--runs N] [--smoke]. Needs a JDK 25 (JDK25_HOME, else /usr/lib/jvm/*25*)
 * and {@code target/image-app} (scripts/image makes it; this bench packages it when missing).
 */
public final class StartupBench {
    private static final Path APP = Path.of("target/image-app");
    private static final Path WORK = Path.of("target/bench-startup").toAbsolutePath();
    private static final Path DOCKERFILE = Path.of("deploy/docker/Dockerfile.jvm");

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int runs = smoke ? 1 : intArg(args, "--runs", 5);
        Path jdk = jdk25();
        packageAppIfMissing();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Path java = jlink(jdk);
        List<String> opts = new ArrayList<>(imageJavaOpts());
        opts.add("-XX:MaxRAM=256m");

        Path aot = WORK.resolve("sluice.aot");
        Path jsa = WORK.resolve("sluice.jsa");
        Path cliAot = WORK.resolve("sluice-cli.aot");
        Path cliJsa = WORK.resolve("sluice-cli.jsa");
        train(java, aot, opts, smoke);
        train(java, jsa, opts, smoke);
        trainCli(java, cliAot, "-XX:AOTCacheOutput=", opts);
        trainCli(java, cliJsa, "-XX:ArchiveClassesAtExit=", opts);
        List<Variant> variants = List.of(
                new Variant("no archive (JDK's CDS only)", List.of(), List.of(), List.of()),
                new Variant("AppCDS (dynamic archives)", List.of("-XX:SharedArchiveFile=" + jsa),
                        List.of("-XX:SharedArchiveFile=" + cliJsa), List.of(jsa, cliJsa)),
                new Variant("JDK 25 AOT caches", List.of("-XX:AOTCache=" + aot), List.of("-XX:AOTCache=" + cliAot),
                        List.of(aot, cliAot)));

        Path repos = Files.createDirectories(WORK.resolve("git"));
        GitCli.seededBareRepo(repos, "config.git", exampleFiles());
        int awsPort = GitCli.freePort();
        Process sim = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", APP.resolve("quarkus-run.jar").toString(),
                "simulate", "--aws-only", "--real-clock", "--port", Integer.toString(awsPort),
                "--scenario", "src/main/resources/sim/example-scenario.yaml")
                .redirectErrorStream(true).redirectOutput(WORK.resolve("simulator.log").toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try (GitDaemonServer git = new GitDaemonServer(repos).start()) {
            awaitUp(http, URI.create("http://127.0.0.1:" + awsPort + "/_sim/state"), sim);
            Map<String, String> env = Map.of("SLUICE_GIT_URL", git.url("config.git"),
                    "SLUICE_AWS_ENDPOINT_OVERRIDE", "http://127.0.0.1:" + awsPort,
                    "SLUICE_AWS_ACCESS_KEY_ID", "AKIDSTARTUPBENCH", "SLUICE_AWS_SECRET_ACCESS_KEY", "startup-bench");
            System.out.printf("sluice startup, %s (jlink runtime with the image's modules), aot-jar, %s%n",
                    version(java), String.join(" ", opts));
            System.out.printf("medians of %d run%s on %d cores; daemon: sluice run against a git daemon and the AWS"
                    + " simulator%n%n", runs, runs == 1 ? "" : "s", Runtime.getRuntime().availableProcessors());
            System.out.printf("%-30s %16s %14s %18s %14s%n", "variant", "daemon ready", "RSS at ready",
                    "validate (C1)", "archive");
            for (Variant v : variants) {
                List<Long> ready = new ArrayList<>();
                List<Long> rss = new ArrayList<>();
                List<Long> validate = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long[] r = daemonReady(http, java, opts, v.daemon(), env, i);
                    ready.add(r[0]);
                    rss.add(r[1]);
                    validate.add(validateMillis(java, opts, v.cli()));
                }
                long bytes = 0;
                for (Path a : v.archives()) {
                    bytes += Files.size(a);
                }
                System.out.printf("%-30s %13d ms %11d MB %15d ms %14s%n", v.name(), median(ready), median(rss) / 1024,
                        median(validate), bytes == 0 ? "-" : (bytes / 1_000_000) + " MB");
            }
            System.out.println("\n(archives: one recorded by the image's training run of the daemon, one by a validate run"
                    + " for the short commands, as the image does)");
        } finally {
            sim.destroy();
            sim.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** JVM options per command kind, and the archive files they read. */
    private record Variant(String name, List<String> daemon, List<String> cli, List<Path> archives) {
    }

    /** Records an archive of {@code validate config-repo-example} as the image does for its short commands. */
    private static void trainCli(Path java, Path archive, String recordFlag, List<String> opts) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString(), recordFlag + archive, "-XX:TieredStopAtLevel=1"));
        command.addAll(opts);
        command.addAll(List.of("-jar", APP.resolve("quarkus-run.jar").toString(), "validate", "config-repo-example"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("recording " + archive + " failed: " + out);
        }
    }

    /** Starts {@code sluice run}, returns milliseconds to the first ready UP and the RSS (KiB) then, and stops it. */
    private static long[] daemonReady(HttpClient http, Path java, List<String> opts, List<String> archive,
                                      Map<String, String> env, int run) throws Exception {
        int port = GitCli.freePort();
        Path clone = WORK.resolve("clone-" + run);
        deleteRecursively(clone);
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(archive);
        command.addAll(opts);
        command.addAll(List.of("-jar", APP.resolve("quarkus-run.jar").toString(), "run"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("daemon.log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("SLUICE_GIT_WORK_DIR", clone.toAbsolutePath().toString());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        long start = System.nanoTime();
        Process daemon = pb.start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
            while (true) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("sluice run exited with " + daemon.exitValue() + ": "
                            + Files.readString(WORK.resolve("daemon.log")));
                }
                if (status(http, ready) == 200) {
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    return new long[] {millis, rssKiB(daemon.pid())};
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("not ready within 120 s: " + Files.readString(WORK.resolve("daemon.log")));
                }
                Thread.sleep(10);
            }
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static long validateMillis(Path java, List<String> opts, List<String> archive) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(archive);
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(opts);
        command.addAll(List.of("-jar", APP.resolve("quarkus-run.jar").toString(), "validate", "config-repo-example"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !out.contains("valid")) {
            throw new IllegalStateException("validate failed: " + out);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void train(Path java, Path archive, List<String> opts, boolean smoke) throws Exception {
        List<String> command = new ArrayList<>(List.of("deploy/docker/aot-train", java.toString(), APP.toString(),
                archive.toString(), "config-repo-example"));
        command.addAll(opts);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("train-" + archive.getFileName() + ".log").toFile());
        pb.environment().put("AOT_TRAIN_PORT", Integer.toString(GitCli.freePort()));
        pb.environment().put("AOT_TRAIN_SECONDS", smoke ? "2" : "15");
        if (pb.start().waitFor() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("training " + archive + " failed: "
                    + Files.readString(WORK.resolve("train-" + archive.getFileName() + ".log")));
        }
    }

    /** The JAVA_OPTS the JVM image sets. */
    static List<String> imageJavaOpts() throws IOException {
        Matcher m = Pattern.compile("JAVA_OPTS=\"([^\"]+)\"").matcher(Files.readString(DOCKERFILE));
        if (!m.find()) {
            throw new IllegalStateException("no JAVA_OPTS in " + DOCKERFILE);
        }
        return List.of(m.group(1).trim().split("\\s+"));
    }

    /** A runtime with the image's modules (its JAVA_MODULES build argument), as the image's jlink stage makes it. */
    private static Path jlink(Path jdk) throws Exception {
        Matcher m = Pattern.compile("ARG JAVA_MODULES=(\\S+)").matcher(Files.readString(DOCKERFILE));
        if (!m.find()) {
            throw new IllegalStateException("no JAVA_MODULES in " + DOCKERFILE);
        }
        Path out = WORK.resolve("java");
        Process p = new ProcessBuilder(jdk.resolve("bin/jlink").toString(), "--add-modules", m.group(1),
                "--strip-java-debug-attributes", "--no-man-pages", "--no-header-files", "--generate-cds-archive",
                "--output", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jlink failed: " + log);
        }
        return out.resolve("bin/java");
    }

    private static Path jdk25() throws IOException {
        String env = System.getenv("JDK25_HOME");
        if (env != null) {
            return Path.of(env);
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(p -> p.getFileName().toString().matches(".*\\b25\\b.*|.*-25.*"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/jlink"))).sorted(Comparator.reverseOrder()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no JDK 25 under /usr/lib/jvm: set JDK25_HOME"));
        }
    }

    private static void packageAppIfMissing() throws Exception {
        if (Files.isRegularFile(APP.resolve("quarkus-run.jar"))) {
            return;
        }
        System.out.println("packaging target/image-app (aot-jar) ...");
        Process p = new ProcessBuilder("./mvnw", "-B", "-q", "package", "-DskipTests", "-Dquarkus.package.jar.type=aot-jar",
                "-Dquarkus.package.output-directory=image-app").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("packaging target/image-app failed");
        }
    }

    private static String version(Path java) throws Exception {
        Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().filter(l -> l.contains("Runtime Environment")).findFirst().orElse(out.lines().findFirst().orElse(""))
                .trim();
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void awaitUp(HttpClient http, URI uri, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (status(http, uri) != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(uri + " did not answer; see " + WORK.resolve("simulator.log"));
            }
            Thread.sleep(100);
        }
    }

    private static Map<String, String> exampleFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path example = Path.of("config-repo-example");
        try (Stream<Path> walk = Files.walk(example)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(example.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
