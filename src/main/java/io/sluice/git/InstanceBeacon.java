package io.sluice.git;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * A heartbeat in the config repository that only sluice writes: each instance moves its own ref
 * {@code refs/sluice/instances/<name>} to a new, empty commit at every beat, and lists the others'.
 * An instance whose ref moved between two listings is running. Refs outside {@code refs/heads/} are
 * not branches: no CI runs on them, no pull request shows them, and the rollouts and status are
 * untouched. The beacon keeps its objects in memory, apart from the clone the reconcile loop uses.
 */
public final class InstanceBeacon implements AutoCloseable {
    public static final String PREFIX = "refs/sluice/instances/";

    private final Remote remote;
    private final String instance;
    private final InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("sluice-beacon"));
    private long beats;

    public InstanceBeacon(Remote remote, String instance) {
        if (!instance.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("instance name '" + instance + "' must be letters, digits, '.', '_' or '-'");
        }
        this.remote = remote;
        this.instance = instance;
    }

    /** Moves this instance's ref to a new commit. */
    public void beat() throws GitAPIException, IOException {
        ObjectId commit;
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId emptyTree = inserter.insert(new TreeFormatter());
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(emptyTree);
            PersonIdent who = new PersonIdent("sluice", "sluice@localhost");
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage("sluice instance " + instance + " is running (beat " + (++beats) + ")\n");
            commit = inserter.insert(c);
            inserter.flush();
        }
        try (Git git = Git.wrap(repo)) {
            Iterable<PushResult> results = Transports.configure(git.push(), remote).setRemote(remote.url()).setForce(true)
                    .setRefSpecs(new RefSpec("+" + commit.name() + ":" + PREFIX + instance)).call();
            for (PushResult r : results) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new IOException("the server refused " + PREFIX + instance + ": " + u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                    }
                }
            }
        }
    }

    /** The other instances' refs on the server now: name and commit id. */
    public Map<String, String> others() throws GitAPIException {
        Map<String, String> out = new TreeMap<>();
        for (Ref ref : Transports.configure(Git.lsRemoteRepository(), remote).setRemote(remote.url()).call()) {
            String name = ref.getName();
            if (name.startsWith(PREFIX) && !name.equals(PREFIX + instance)) {
                out.put(name.substring(PREFIX.length()), ref.getObjectId().name());
            }
        }
        return out;
    }

    /** Deletes this instance's ref, at shutdown. */
    public void remove() throws GitAPIException {
        try (Git git = Git.wrap(repo)) {
            Transports.configure(git.push(), remote).setRemote(remote.url())
                    .setRefSpecs(new RefSpec(":" + PREFIX + instance)).call();
        }
    }

    public String instance() {
        return instance;
    }

    @Override
    public void close() {
        repo.close();
    }
}
