package io.sluice.git.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenSSH's sshd on a loopback port with its own host key and one authorized deploy key; Git runs
 * over it as for any SSH remote. {@link #knownHosts()} lists the host key, {@link #deployKey()} is
 * the client's private key.
 */
public final class SshGitServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private Process process;

    public SshGitServer(Path dir) throws IOException {
        this.dir = dir;
        this.port = GitCli.freePort();
        Files.createDirectories(dir);
        keygen("host_key");
        keygen("deploy_key");
        Files.copy(dir.resolve("deploy_key.pub"), dir.resolve("authorized_keys"));
        String[] hostKey = Files.readString(dir.resolve("host_key.pub")).trim().split(" ");
        Files.writeString(knownHosts(), "[127.0.0.1]:" + port + " " + hostKey[0] + " " + hostKey[1] + "\n");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "LogLevel ERROR", ""));
    }

    private void keygen(String name) throws IOException {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-m", "PEM", "-N", "",
                    "-C", name, "-f", dir.resolve(name).toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("ssh-keygen failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public SshGitServer start() throws IOException {
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep)) {
            Files.createDirectories(privsep);
        }
        process = new ProcessBuilder(List.of(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        GitCli.awaitPort(port, process, "sshd");
        return this;
    }

    /** ssh:// URL of a repository given by its absolute path, logged in as the user running the tests. */
    public String url(Path repo) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + repo.toAbsolutePath();
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path deployKey() {
        return dir.resolve("deploy_key");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        GitCli.stop(process);
    }
}
