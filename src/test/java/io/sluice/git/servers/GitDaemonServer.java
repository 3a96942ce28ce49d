package io.sluice.git.servers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code git daemon} serving every repository under a folder over git://, push enabled. */
public final class GitDaemonServer implements AutoCloseable {
    private final Path base;
    private final int port;
    private Process process;

    public GitDaemonServer(Path base) throws IOException {
        this.base = base;
        this.port = GitCli.freePort();
    }

    public GitDaemonServer start() throws IOException {
        process = new ProcessBuilder(List.of("git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                "--informative-errors", "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port, base.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolveSibling("git-daemon.log").toFile())).start();
        GitCli.awaitPort(port, process, "git daemon");
        return this;
    }

    public String url(String repo) {
        return "git://127.0.0.1:" + port + "/" + repo;
    }

    /** Stops the daemon; {@link #start()} brings it back on the same port. */
    public void stop() {
        GitCli.stop(process);
    }

    @Override
    public void close() {
        stop();
    }
}
