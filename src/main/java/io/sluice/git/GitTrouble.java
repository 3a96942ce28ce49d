package io.sluice.git;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Something that kept sluice from reading or writing the config repository, with a message a person
 * can act on. The last good desired state stays in force whatever the reason.
 */
public record GitTrouble(Reason reason, String message) {

    /** Transient troubles are retried every poll; stalled ones need a person to change something. */
    public enum Kind { TRANSIENT, STALLED }

    public enum Reason {
        Unreachable(Kind.TRANSIENT),
        Timeout(Kind.TRANSIENT),
        AuthenticationFailed(Kind.STALLED),
        HostKeyRejected(Kind.STALLED),
        RepositoryNotFound(Kind.STALLED),
        BranchNotFound(Kind.STALLED),
        CloneCorrupt(Kind.TRANSIENT),
        PushRejected(Kind.TRANSIENT),
        LocalFailure(Kind.TRANSIENT);

        public final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }
    }

    public Kind kind() {
        return reason.kind;
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }

    /** Names what went wrong talking to {@code remote}; the token never appears in the message. */
    static GitTrouble of(Exception e, Remote remote, String operation) {
        String detail = redact(chain(e), remote);
        String lower = detail.toLowerCase(Locale.ROOT);
        String where = operation + " " + remote.shownUrl();
        if (lower.contains("unknownhostkey") || lower.contains("reject hostkey") || lower.contains("hostkey has been changed")) {
            String knownHosts = remote.credentials() instanceof Credentials.SshKey k ? k.knownHosts().toString() : "known_hosts";
            return new GitTrouble(Reason.HostKeyRejected, where + ": the server's host key is not in " + knownHosts
                    + " (or differs from it); verify the key and add it, e.g. ssh-keyscan -p PORT HOST >> " + knownHosts
                    + " [" + detail + "]");
        }
        if (lower.contains("not authorized") || lower.contains("authentication is required") || lower.contains("auth fail")
                || lower.contains("auth cancel") || lower.contains(" 401") || lower.contains(" 403")
                || lower.contains("authentication not supported")) {
            String source = "no credentials (set sluice.git.token-file or sluice.git.ssh-key)";
            if (remote.credentials() instanceof Credentials.Token t) {
                source = "the token from " + t.source() + " (user " + t.username() + ")";
            } else if (remote.credentials() instanceof Credentials.SshKey k) {
                source = "the SSH key " + k.privateKey();
            }
            return new GitTrouble(Reason.AuthenticationFailed, where + ": the server refused " + source
                    + "; check that it is valid and may read and push the repository [" + detail + "]");
        }
        if (has(e, SocketTimeoutException.class) || lower.contains("timed out") || lower.contains("timeout")) {
            return new GitTrouble(Reason.Timeout, where + ": no answer within " + remote.timeout()
                    + " (sluice.git.timeout) [" + detail + "]");
        }
        if (e instanceof NoRemoteRepositoryException || lower.contains("repository not found")
                || lower.contains("not found")) {
            return new GitTrouble(Reason.RepositoryNotFound, where + ": no repository at this URL; check sluice.git.url ["
                    + detail + "]");
        }
        if (has(e, ConnectException.class) || has(e, UnknownHostException.class) || has(e, NoRouteToHostException.class)
                || lower.contains("connection refused") || lower.contains("connection reset")
                || lower.contains("cannot open git-upload-pack") || lower.contains("cannot open git-receive-pack")) {
            return new GitTrouble(Reason.Unreachable, where + ": the server cannot be reached; retrying every poll ["
                    + detail + "]");
        }
        return new GitTrouble(Reason.Unreachable, where + " failed; retrying every poll [" + detail + "]");
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 600; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (b.indexOf(m) < 0) {
                b.append(b.length() == 0 ? "" : "; ").append(m);
            }
        }
        return b.toString();
    }

    private static String redact(String text, Remote remote) {
        if (remote.credentials() instanceof Credentials.Token t && !t.secret().isEmpty()) {
            text = text.replace(t.secret(), "***");
        }
        return text.replaceAll("([a-z+]+://)[^/@\\s]*:[^/@\\s]*@", "$1***@");
    }
}
