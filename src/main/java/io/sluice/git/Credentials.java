package io.sluice.git;

import java.nio.file.Path;

/** How sluice proves who it is to the Git server. */
public sealed interface Credentials {

    /** git://, file:// and public http(s) repositories. */
    record Anonymous() implements Credentials {
    }

    /**
     * HTTP(S) basic authentication with a token as the password. {@code source} says where the token
     * came from (a file or an environment variable), so errors can point at it without showing it.
     */
    record Token(String username, String secret, String source) implements Credentials {
        @Override
        public String toString() {
            return "Token[username=" + username + ", secret=***, source=" + source + "]";
        }
    }

    /** SSH with a private key; the server's host key must be listed in {@code knownHosts}. */
    record SshKey(Path privateKey, Path knownHosts) implements Credentials {
    }
}
