package io.sluice.git.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The git command line, as a person or a CI job would use it; fails loudly with git's own output. */
public final class GitCli {
    private GitCli() {
    }

    public static String run(Path dir, String... args) {
        return run(dir, Map.of(), args);
    }

    public static String run(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("GIT_AUTHOR_NAME", "Dana Developer", "GIT_AUTHOR_EMAIL", "dana@example.com",
                "GIT_COMMITTER_NAME", "Dana Developer", "GIT_COMMITTER_EMAIL", "dana@example.com",
                "GIT_TERMINAL_PROMPT", "0", "GIT_CONFIG_NOSYSTEM", "1", "HOME", dir.toString()));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + dir + ":\n" + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bare repository {@code name} under {@code root} whose main branch holds the given files in one commit. */
    public static Path seededBareRepo(Path root, String name, Map<String, String> files) throws IOException {
        Path bare = root.resolve(name);
        Files.createDirectories(bare);
        run(bare, "init", "--bare", "-q");
        run(bare, "config", "http.receivepack", "true");
        Path work = Files.createTempDirectory(root, "seed");
        run(work, "init", "-q");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = work.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        run(work, "add", "-A");
        run(work, "commit", "-q", "-m", "Add rollouts");
        run(work, "push", "-q", bare.toString(), "HEAD:refs/heads/main");
        return bare;
    }

    /** Free loopback port (a race with other processes is possible but unlikely in a test run). */
    public static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void awaitPort(int port, Process process, String what) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited with " + process.exitValue() + ": "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            try (var s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException(what + " did not listen on port " + port + " within 20s");
    }

    static void stop(Process process) {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
