package io.sluice.git;

import io.sluice.model.DesiredState;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackInvalidException;
import org.eclipse.jgit.errors.PackMismatchException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jboss.logging.Logger;

/**
 * Polls the desired-state branch. A poll asks the server for the branch head only (ls-remote) and
 * fetches only when it moved; the rollout files are then read from that commit's tree. Whatever
 * goes wrong, the last good snapshot stays in force and the trouble is returned with it.
 */
public final class GitSource {
    private static final Logger LOG = Logger.getLogger(GitSource.class);
    private static final int MAX_WALK_TO_DESIRED = 200;

    private final LocalClone clone;
    private final String branch;
    private final SnapshotReader reader;
    private final Clock clock;
    private Optional<DesiredSnapshot> lastGood = Optional.empty();
    private Optional<ObjectId> lastFolderTree = Optional.empty();
    private ObjectId lastHead;

    public GitSource(LocalClone clone, String branch, String rolloutsFolder, Clock clock) {
        this.clone = clone;
        this.branch = branch;
        this.reader = new SnapshotReader(rolloutsFolder);
        this.clock = clock;
    }

    public String branch() {
        return branch;
    }

    /** The desired state now in force, without asking the server. */
    public Optional<DesiredSnapshot> lastSnapshot() {
        clone.lock().lock();
        try {
            return lastGood;
        } finally {
            clone.lock().unlock();
        }
    }

    public PollResult poll() {
        clone.lock().lock();
        try {
            Optional<ObjectId> head;
            try {
                head = clone.remoteHead(branch);
            } catch (GitAPIException | RuntimeException e) {
                return failed(GitTrouble.of(e, clone.remote(), "ls-remote"), List.of());
            }
            if (head.isEmpty()) {
                return failed(new GitTrouble(GitTrouble.Reason.BranchNotFound, "branch " + branch + " does not exist on "
                        + clone.remote().shownUrl() + "; check sluice.git.branch"), List.of());
            }
            if (head.get().equals(lastHead) && lastGood.isPresent()) {
                return new PollResult(lastGood, Optional.of(head.get().name()), false, false, List.of(), Optional.empty());
            }
            List<String> notices = new ArrayList<>();
            try {
                return read(head.get(), notices);
            } catch (IOException | GitAPIException e) {
                if (!isLocalDamage(e)) {
                    return failed(GitTrouble.of(e, clone.remote(), "fetch"), notices);
                }
                notices.add("the local clone " + clone.dir() + " was unreadable (" + e.getMessage() + "); cloned again");
                LOG.warnf("re-cloning %s: %s", clone.dir(), e.getMessage());
            }
            try {
                clone.discard();
                return read(head.get(), notices);
            } catch (IOException | GitAPIException e) {
                return failed(e instanceof GitAPIException && !isLocalDamage(e) ? GitTrouble.of(e, clone.remote(), "clone")
                        : new GitTrouble(GitTrouble.Reason.CloneCorrupt, "cannot clone " + clone.remote().shownUrl()
                        + " into " + clone.dir() + ": " + e.getMessage() + "; check the disk and sluice.git.work-dir"), notices);
            }
        } finally {
            clone.lock().unlock();
        }
    }

    private PollResult read(ObjectId remoteHead, List<String> notices) throws IOException, GitAPIException {
        if (!clone.trackedHead(branch).equals(Optional.of(remoteHead))) {
            clone.fetch(branch);
        }
        ObjectId head = clone.trackedHead(branch).orElseThrow(
                () -> new MissingObjectException(remoteHead, "commit"));
        Repository repo = clone.repository();
        try (ObjectReader objects = repo.newObjectReader(); RevWalk walk = new RevWalk(objects)) {
            RevCommit commit = walk.parseCommit(head);
            boolean rewritten = lastHead != null && !descends(walk, commit, lastHead, repo);
            if (rewritten) {
                notices.add("branch " + branch + " was force-pushed: " + lastHead.name() + " is not an ancestor of "
                        + head.name() + "; following the new history");
                LOG.warnf("branch %s was force-pushed from %s to %s", branch, lastHead.name(), head.name());
            }
            Optional<ObjectId> folderTree = reader.folderTree(objects, commit.getTree());
            boolean desiredChanged = lastGood.isEmpty() || !folderTree.equals(lastFolderTree);
            if (desiredChanged || rewritten) {
                SnapshotReader.Read read = reader.read(objects, commit.getTree(), commit.name());
                RevCommit desired = introducedBy(walk, commit, folderTree);
                lastGood = Optional.of(new DesiredSnapshot(new DesiredState(desired.name(), read.rollouts(),
                        read.problems()), clock.instant()));
            }
            lastFolderTree = folderTree;
            lastHead = head;
            return new PollResult(lastGood, Optional.of(head.name()), desiredChanged, rewritten, notices, Optional.empty());
        }
    }

    /**
     * The oldest commit on the first-parent line down from {@code head} with the same rollouts folder:
     * the commit that introduced this desired state. After a restart on top of status commits the
     * snapshot then names the person's commit, as it did before the restart. The walk is bounded
     * because only the bot's own commits are expected on top.
     */
    private RevCommit introducedBy(RevWalk walk, RevCommit head, Optional<ObjectId> folderTree) throws IOException {
        RevCommit current = head;
        for (int i = 0; i < MAX_WALK_TO_DESIRED && current.getParentCount() > 0; i++) {
            RevCommit parent = walk.parseCommit(current.getParent(0));
            if (!reader.folderTree(walk.getObjectReader(), parent.getTree()).equals(folderTree)) {
                break;
            }
            current = parent;
        }
        return current;
    }

    private static boolean descends(RevWalk walk, RevCommit commit, ObjectId previous, Repository repo) throws IOException {
        if (!repo.getObjectDatabase().has(previous)) {
            return false;
        }
        boolean merged = walk.isMergedInto(walk.parseCommit(previous), commit);
        walk.reset();
        return merged;
    }

    /**
     * Missing or corrupt objects in the local copy: a fresh clone fixes them, retrying does not. Every
     * IOException of a read is local (network failures arrive as GitAPIException).
     */
    private static boolean isLocalDamage(Exception e) {
        if (e instanceof IOException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MissingObjectException || t instanceof CorruptObjectException
                    || t instanceof PackInvalidException || t instanceof PackMismatchException
                    || t instanceof RepositoryNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private PollResult failed(GitTrouble trouble, List<String> notices) {
        LOG.warnf("git poll of %s kept the last good desired state%s: %s", branch,
                lastGood.map(s -> " (" + s.shortCommit() + ")").orElse(""), trouble);
        return new PollResult(lastGood, Optional.empty(), false, false, notices, Optional.of(trouble));
    }
}
