package io.sluice.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

/** One Git server endpoint as sluice uses it: URL, credentials and the timeout of every network call. */
public record Remote(String url, Credentials credentials, Duration timeout) {

    public Remote {
        if (isSsh(url) && !(credentials instanceof Credentials.SshKey)) {
            throw new IllegalArgumentException("ssh URL " + url
                    + " needs sluice.git.ssh-key and sluice.git.known-hosts: host keys are always verified");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    static boolean isSsh(String url) {
        return url.startsWith("ssh://") || url.matches("^[A-Za-z0-9._-]+@[^:/]+:.*");
    }

    /** The URL with any password removed, for messages. */
    public String shownUrl() {
        return url.replaceFirst("^([a-z+]+://)[^/@]*:[^/@]*@", "$1***@");
    }

    /** Timeout in whole seconds, as JGit takes it (at least one). */
    int timeoutSeconds() {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Builds the remote from configuration, reading the token file if one is set. */
    public static Remote fromConfig(GitConfig config) {
        String url = config.url().orElseThrow(() -> new IllegalStateException(
                "sluice.git.url (SLUICE_GIT_URL) is not set: sluice needs the config repository's URL"));
        return new Remote(url, credentials(config), config.timeout());
    }

    static Credentials credentials(GitConfig config) {
        if (config.sshKey().isPresent() || config.knownHosts().isPresent()) {
            if (config.sshKey().isEmpty() || config.knownHosts().isEmpty()) {
                throw new IllegalStateException("set both sluice.git.ssh-key and sluice.git.known-hosts");
            }
            return new Credentials.SshKey(config.sshKey().get(), config.knownHosts().get());
        }
        if (config.tokenFile().isPresent()) {
            try {
                String token = Files.readString(config.tokenFile().get(), StandardCharsets.UTF_8).strip();
                return new Credentials.Token(config.username(), token, "file " + config.tokenFile().get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sluice.git.token-file " + config.tokenFile().get(), e);
            }
        }
        return config.token().<Credentials>map(t -> new Credentials.Token(config.username(), t.strip(),
                "sluice.git.token (SLUICE_GIT_TOKEN)")).orElse(new Credentials.Anonymous());
    }
}
