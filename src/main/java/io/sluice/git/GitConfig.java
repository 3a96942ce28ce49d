package io.sluice.git;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the config repository is and how to talk to it; every key is documented in the README. */
@ConfigMapping(prefix = "sluice.git")
public interface GitConfig {
    /** https://, http://, ssh://, git:// or file:// URL of the config repository. */
    Optional<String> url();

    @WithDefault("main")
    String branch();

    /** Folder of the rollout files inside the repository. */
    @WithDefault("rollouts")
    String rolloutsFolder();

    /** Folder the status files are written to. */
    @WithDefault("status")
    String statusFolder();

    /** Branch the status commits go to; the desired-state branch when absent. */
    Optional<String> statusBranch();

    /**
     * A branch only sluice writes, holding every status file; a restart reads it before the status
     * branch, so a force-push or reset there never brings back a release sluice rolled back.
     * {@code none} turns it off.
     */
    @WithDefault("sluice-record")
    String recordBranch();

    /** Local clone (bare); created on first use, re-created when found corrupt. */
    @WithDefault("${java.io.tmpdir}/sluice/config-repo")
    Path workDir();

    @WithDefault("30s")
    Duration pollInterval();

    /** Applies to every network operation: ls-remote, fetch, push. */
    @WithDefault("30s")
    Duration timeout();

    /** User name sent with the token over HTTP(S); GitHub accepts any, GitLab wants oauth2 or the token's user. */
    @WithDefault("x-access-token")
    String username();

    /** HTTP(S) token; prefer token-file. Never logged. */
    Optional<String> token();

    /** File holding the HTTP(S) token (read at start; surrounding whitespace ignored). */
    Optional<Path> tokenFile();

    /** SSH private key (PEM or OpenSSH format, without passphrase). */
    Optional<Path> sshKey();

    /** known_hosts file the SSH host key must be listed in; required for ssh:// URLs. */
    Optional<Path> knownHosts();

    @WithDefault("sluice")
    String botName();

    @WithDefault("sluice@localhost")
    String botEmail();

    /** Push attempts of one status write before the status is kept for the next pass. */
    @WithDefault("5")
    int pushAttempts();

    /** First retry delay after a rejected push; doubles each attempt, with jitter. */
    @WithDefault("200ms")
    Duration pushBackoff();

    /** Shared secret of the webhook (GitHub signature key or GitLab token); the webhook refuses everything without it. */
    Optional<String> webhookSecret();
}
