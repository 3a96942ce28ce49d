package io.sluice.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.util.FS;
import org.jboss.logging.Logger;

/**
 * The bare local copy of the config repository that the source and the status writer share. Files
 * are read from commit trees, never from a checkout, so a pass sees exactly one commit. Callers hold
 * {@link #lock()} around a sequence of operations that must not interleave.
 */
public final class LocalClone implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalClone.class);
    private static final String TRACKING = "refs/remotes/origin/";
    private static final String OUTGOING = "refs/sluice/outgoing";

    static {
        // JGit times a new file system's timestamp resolution on first use (seconds on an empty volume);
        // measured in the background, the first clone does not wait for it
        FS.FileStoreAttributes.setBackground(true);
    }

    private final Path dir;
    private final Remote remote;
    private final ReentrantLock lock = new ReentrantLock();
    private Repository repository;

    public LocalClone(Path dir, Remote remote) {
        this.dir = dir;
        this.remote = remote;
    }

    public Remote remote() {
        return remote;
    }

    public Path dir() {
        return dir;
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Opens the clone, creating an empty one on first use; throws if what is there is not a repository. */
    Repository repository() throws IOException {
        if (repository == null) {
            if (!Files.exists(dir) || isEmptyDir(dir)) {
                Files.createDirectories(dir);
                try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call()) {
                    // opened again below through the builder, which reports a half-written repository
                } catch (GitAPIException e) {
                    throw new IOException("cannot create a repository in " + dir + ": " + e.getMessage(), e);
                }
            }
            removeStaleLocks();
            Repository opened;
            try {
                opened = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
            } catch (IllegalArgumentException e) { // JGit's answer to an unreadable config file
                throw new IOException(dir + " is not a usable Git repository: " + e.getMessage(), e);
            }
            if (!opened.getObjectDatabase().exists() || opened.exactRef("HEAD") == null) {
                opened.close();
                throw new IOException(dir + " is not a usable Git repository (objects or HEAD missing)");
            }
            repository = opened;
        }
        return repository;
    }

    /**
     * A process killed while it updated a ref leaves {@code <ref>.lock} behind, and every later update of
     * that ref fails; this process is the clone's only user, so the locks found when it opens it are stale.
     */
    private void removeStaleLocks() throws IOException {
        for (Path root : List.of(dir.resolve("refs"), dir)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = root.equals(dir) ? Files.list(root) : Files.walk(root)) {
                for (Path lock : walk.filter(f -> f.getFileName().toString().endsWith(".lock") && Files.isRegularFile(f))
                        .toList()) {
                    Files.deleteIfExists(lock);
                    LOG.warnf("removed %s, left behind by a process that stopped while updating it", lock);
                }
            }
        }
    }

    /** Deletes the local copy so that the next use starts from a fresh clone. */
    void discard() throws IOException {
        close();
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** The commit the branch points at on the server, or empty when the branch does not exist there. */
    Optional<ObjectId> remoteHead(String branch) throws GitAPIException {
        Map<String, Ref> refs = Transports.configure(Git.lsRemoteRepository(), remote)
                .setRemote(remote.url()).setHeads(true).callAsMap();
        return Optional.ofNullable(refs.get("refs/heads/" + branch)).map(Ref::getObjectId);
    }

    /** Fetches the branch, following a force-push: the local copy mirrors the server, never the reverse. */
    void fetch(String branch) throws GitAPIException, IOException {
        try (Git git = Git.wrap(repository())) {
            var result = Transports.configure(git.fetch(), remote).setRemote(remote.url())
                    .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + TRACKING + branch)).call();
            for (var update : result.getTrackingRefUpdates()) {
                if (update.getResult() == RefUpdate.Result.LOCK_FAILURE || update.getResult() == RefUpdate.Result.IO_FAILURE
                        || update.getResult() == RefUpdate.Result.REJECTED) {
                    throw new IOException("cannot update " + update.getLocalName() + " in " + dir + " after fetching "
                            + branch + ": " + update.getResult());
                }
            }
        }
    }

    /** The last fetched or pushed commit of the branch. */
    Optional<ObjectId> trackedHead(String branch) throws IOException {
        return Optional.ofNullable(repository().exactRef(TRACKING + branch)).map(Ref::getObjectId);
    }

    boolean hasCommit(ObjectId id) throws IOException {
        return repository().getObjectDatabase().has(id);
    }

    /**
     * Pushes {@code commit} to the branch without force; the server refuses it unless it descends from
     * the branch's head there. Returns the server's verdict.
     */
    RemoteRefUpdate.Status push(ObjectId commit, String branch) throws GitAPIException, IOException {
        setRef(OUTGOING, commit);
        try (Git git = Git.wrap(repository())) {
            Iterable<PushResult> results = Transports.configure(git.push(), remote).setRemote(remote.url())
                    .setForce(false).setRefSpecs(new RefSpec(OUTGOING + ":refs/heads/" + branch)).call();
            for (PushResult result : results) {
                RemoteRefUpdate update = result.getRemoteUpdate("refs/heads/" + branch);
                if (update != null) {
                    if (update.getStatus() == RemoteRefUpdate.Status.OK
                            || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE) {
                        setRef(TRACKING + branch, commit);
                    }
                    return update.getStatus();
                }
            }
            return RemoteRefUpdate.Status.REJECTED_OTHER_REASON;
        }
    }

    private void setRef(String name, ObjectId id) throws IOException {
        RefUpdate update = repository().updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (!List.of(RefUpdate.Result.NEW, RefUpdate.Result.FORCED, RefUpdate.Result.NO_CHANGE,
                RefUpdate.Result.FAST_FORWARD).contains(result)) {
            throw new IOException("cannot set " + name + " in " + dir + ": " + result);
        }
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    @Override
    public void close() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }
}
