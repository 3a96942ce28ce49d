package io.sluice.git;

import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Poll cost on a big config repository served by git daemon: {@code commits} commits (each after the
 * first edits one rollout file) over {@code files} rollout files. Prints figures; never fails on a
 * timing. Run with {@code bench/git-poll}; {@code -Dbench.smoke=true} makes it small enough for a test.
 */
public final class GitPollBenchmark {
    /** What was measured, in milliseconds. */
    public record Figures(int commits, int files, double firstReadMs, double unchangedMedianMs, double oneFileMedianMs,
                          double statusOnlyMedianMs, int rollouts) {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        int commits = Integer.getInteger("bench.commits", smoke ? 60 : 5000);
        int files = Integer.getInteger("bench.files", smoke ? 20 : 1000);
        int rounds = Integer.getInteger("bench.rounds", smoke ? 3 : 20);
        Path dir = Files.createTempDirectory("sluice-git-bench");
        Figures f = run(dir, commits, files, rounds);
        System.out.printf("git poll over git:// on loopback: %d commits, %d rollout files, %d rounds each%n",
                f.commits(), f.files(), rounds);
        System.out.printf("  first clone + read of all files : %8.1f ms (%d rollouts valid)%n", f.firstReadMs(), f.rollouts());
        System.out.printf("  poll, nothing changed (median)  : %8.1f ms%n", f.unchangedMedianMs());
        System.out.printf("  poll, one rollout file changed  : %8.1f ms%n", f.oneFileMedianMs());
        System.out.printf("  poll, one status file changed   : %8.1f ms%n", f.statusOnlyMedianMs());
        deleteTree(dir);
    }

    public static Figures run(Path dir, int commits, int files, int rounds) throws IOException {
        Path served = dir.resolve("served");
        Path bare = served.resolve("config.git");
        Files.createDirectories(bare);
        GitCli.run(bare, "init", "-q", "--bare");
        fastImport(bare, history(commits, files));
        try (GitDaemonServer daemon = new GitDaemonServer(served).start();
             LocalClone clone = new LocalClone(dir.resolve("clone"), new Remote(daemon.url("config.git"),
                     new Credentials.Anonymous(), Duration.ofSeconds(60)))) {
            GitSource source = new GitSource(clone, "main", "rollouts", Clock.systemUTC());
            long start = System.nanoTime();
            PollResult first = source.poll();
            double firstMs = millisSince(start);
            if (!first.ok()) {
                throw new IllegalStateException("first poll failed: " + first.trouble());
            }
            int rollouts = first.snapshot().orElseThrow().rollouts().size();
            List<Double> unchanged = new ArrayList<>();
            List<Double> oneFile = new ArrayList<>();
            List<Double> statusOnly = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                unchanged.add(timed(source, false));
                fastImport(bare, oneCommit("rollouts/r-" + (round % files) + ".yaml",
                        rolloutText(round % files, commits + 1 + round), "Edit one rollout"));
                oneFile.add(timed(source, true));
                fastImport(bare, oneCommit("status/r-" + (round % files) + ".yaml",
                        "rollout: r-" + (round % files) + "\nphase: Healthy\nmessage: \"round " + round + "\"\n",
                        "sluice: status [skip ci]"));
                statusOnly.add(timed(source, false));
            }
            return new Figures(commits, files, firstMs, median(unchanged), median(oneFile), median(statusOnly), rollouts);
        }
    }

    private static double timed(GitSource source, boolean expectChange) {
        long start = System.nanoTime();
        PollResult result = source.poll();
        double ms = millisSince(start);
        if (!result.ok() || result.desiredChanged() != expectChange) {
            throw new IllegalStateException("unexpected poll result: head " + result.head() + ", desiredChanged "
                    + result.desiredChanged() + ", trouble " + result.trouble());
        }
        return ms;
    }

    static String rolloutText(int index, int revision) {
        return Fixtures.rollout("r-" + index, "green") + "# revision " + revision + "\n";
    }

    /** One fast-import stream: all files in the first commit, then one edited file per commit. */
    private static byte[] history(int commits, int files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, "Add " + files + " rollouts", 1);
        for (int i = 0; i < files; i++) {
            modify(out, "rollouts/r-" + i + ".yaml", rolloutText(i, 0));
        }
        for (int c = 2; c <= commits; c++) {
            header(out, "Edit r-" + (c % files), c);
            modify(out, "rollouts/r-" + (c % files) + ".yaml", rolloutText(c % files, c));
        }
        return out.toByteArray();
    }

    private static byte[] oneCommit(String path, String text, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, message, 0);
        out.write("from refs/heads/main^0\n".getBytes(StandardCharsets.UTF_8));
        modify(out, path, text);
        return out.toByteArray();
    }

    private static void header(OutputStream out, String message, int second) throws IOException {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        out.write(("commit refs/heads/main\ncommitter Dana <dana@example.com> " + (1_700_000_000L + second)
                + " +0000\ndata " + msg.length + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(msg);
        out.write('\n');
    }

    private static void modify(OutputStream out, String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(("M 100644 inline " + path + "\ndata " + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.write('\n');
    }

    private static void fastImport(Path bare, byte[] stream) throws IOException {
        Process p = new ProcessBuilder("git", "fast-import", "--quiet").directory(bare.toFile())
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stream);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("git fast-import failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
