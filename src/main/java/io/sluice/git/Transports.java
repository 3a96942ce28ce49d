package io.sluice.git;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.ssh.jsch.JschConfigSessionFactory;
import org.eclipse.jgit.transport.ssh.jsch.OpenSshConfig;
import org.eclipse.jgit.util.FS;

/** Puts a remote's credentials and timeout on every JGit network command, and nothing from ~/.ssh. */
final class Transports {
    private Transports() {
    }

    static <C extends TransportCommand<C, ?>> C configure(C command, Remote remote) {
        command.setTimeout(remote.timeoutSeconds());
        if (remote.credentials() instanceof Credentials.Token t) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(t.username(), t.secret()));
        } else if (remote.credentials() instanceof Credentials.SshKey k) {
            PinnedHostKeys factory = new PinnedHostKeys(k);
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport ssh) {
                    ssh.setSshSessionFactory(factory);
                }
            });
        }
        return command;
    }

    /**
     * SSH sessions with exactly one identity and one known_hosts file, and strict host key checking:
     * an unknown or changed host key fails the connection instead of being trusted on first use.
     */
    static final class PinnedHostKeys extends JschConfigSessionFactory {
        private final Credentials.SshKey key;

        PinnedHostKeys(Credentials.SshKey key) {
            this.key = key;
        }

        @Override
        protected void configure(OpenSshConfig.Host host, Session session) {
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
        }

        @Override
        protected JSch getJSch(OpenSshConfig.Host host, FS fs) throws JSchException {
            return createDefaultJSch(fs);
        }

        @Override
        protected JSch createDefaultJSch(FS fs) throws JSchException {
            JSch jsch = new JSch();
            jsch.setKnownHosts(key.knownHosts().toString());
            jsch.addIdentity(key.privateKey().toString());
            return jsch;
        }
    }
}
