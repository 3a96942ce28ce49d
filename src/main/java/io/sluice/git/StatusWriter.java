package io.sluice.git;

import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYaml;
import io.sluice.model.status.StatusYamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jboss.logging.Logger;

/**
 * Commits the status files of one pass in one commit and pushes it without force. The commit is
 * built on the branch head as last fetched; when the server refuses it because someone pushed
 * meanwhile, the writer fetches, builds the same file changes on the new head (keeping that
 * commit) and tries again with jittered backoff. What could not be pushed stays pending and goes
 * out with the next write, so no status is lost while Git is down.
 */
public final class StatusWriter {
    private static final Logger LOG = Logger.getLogger(StatusWriter.class);
    private static final int MAX_STATUS_BYTES = 4 * 1024 * 1024;

    /**
     * Where and as whom status is committed, and how hard a push is retried.
     *
     * @param recordBranch a branch only sluice writes, holding every status file: what a restart reads
     *     first, so that a force-push or reset of {@code branch} cannot make sluice forget a rollback
     */
    public record Settings(String branch, String folder, String botName, String botEmail, int pushAttempts,
                           Duration pushBackoff, Optional<String> recordBranch) {
        public Settings {
            folder = folder.replaceAll("^/+|/+$", "");
            if (pushAttempts < 1) {
                throw new IllegalArgumentException("pushAttempts must be at least 1");
            }
            recordBranch = recordBranch.filter(b -> !b.isBlank() && !b.equals(branch));
        }

        public Settings(String branch, String folder, String botName, String botEmail, int pushAttempts,
                        Duration pushBackoff) {
            this(branch, folder, botName, botEmail, pushAttempts, pushBackoff, Optional.empty());
        }
    }

    private final LocalClone clone;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, String> pending = new TreeMap<>();
    private final Map<String, String> recordPending = new TreeMap<>();
    private final AtomicReference<Optional<String>> lastPushed = new AtomicReference<>(Optional.empty());
    /** The head of each branch as this writer last left it (pushed, or compared in full); a different head was rewritten. */
    private final Map<String, Optional<ObjectId>> lastSynced = new java.util.concurrent.ConcurrentHashMap<>();

    public StatusWriter(LocalClone clone, Settings settings, Clock clock) {
        this.clone = clone;
        this.settings = settings;
        this.clock = clock;
    }

    /** The last status commit the server accepted. */
    public Optional<String> lastPushedCommit() {
        return lastPushed.get();
    }

    /** Status files waiting for a push that has not succeeded yet. */
    public List<String> pendingFiles() {
        java.util.Set<String> files = new java.util.TreeSet<>();
        synchronized (pending) {
            files.addAll(pending.keySet());
        }
        synchronized (recordPending) {
            files.addAll(recordPending.keySet());
        }
        return List.copyOf(files);
    }

    /** Writes the statuses of one pass; {@code summary} goes into the commit message. */
    public StatusPush write(List<RolloutStatus> statuses, String summary) {
        return write(statuses, Map.of(), summary);
    }

    /**
     * Writes the statuses that changed in one pass; when a branch was rewritten since this writer last
     * left it (a force-push, a reset, a deleted file), every status of {@code all} is compared with it
     * and whatever differs is written back in the same commit.
     */
    public StatusPush write(List<RolloutStatus> changed, Map<String, RolloutStatus> all, String summary) {
        clone.lock().lock();
        try {
            Map<String, String> texts = new TreeMap<>();
            changed.forEach(s -> texts.put(path(s.rollout()), StatusYaml.write(s)));
            Map<String, String> everything = new TreeMap<>(texts);
            all.values().forEach(s -> everything.putIfAbsent(path(s.rollout()), StatusYaml.write(s)));
            synchronized (pending) {
                pending.putAll(rewritten(settings.branch()) ? everything : texts);
            }
            // the record first: a crash between the two pushes leaves the record ahead, never behind
            if (settings.recordBranch().isPresent()) {
                synchronized (recordPending) {
                    recordPending.putAll(rewritten(settings.recordBranch().get()) ? everything : texts);
                }
                StatusPush record = pushPending(settings.recordBranch().get(), recordPending, summary);
                record.trouble().ifPresent(t -> LOG.warnf("status record not pushed to %s yet: %s",
                        settings.recordBranch().get(), t.message()));
            }
            return pushPending(settings.branch(), pending, summary);
        } finally {
            clone.lock().unlock();
        }
    }

    /** Whether a write should compare every status: the branch head is not where this writer left it. */
    public boolean rewrittenSinceLastWrite() {
        clone.lock().lock();
        try {
            return rewritten(settings.branch())
                    || settings.recordBranch().map(this::rewritten).orElse(false);
        } finally {
            clone.lock().unlock();
        }
    }

    private boolean rewritten(String branch) {
        try {
            Optional<ObjectId> head = clone.trackedHead(branch);
            return !lastSynced.containsKey(branch) || !lastSynced.get(branch).equals(head);
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads the status files of the status branch; pending (unpushed) statuses take precedence. */
    public RecordedStatus recorded() {
        clone.lock().lock();
        try {
            Optional<GitTrouble> trouble = Optional.empty();
            try {
                fetchIfPresent();
            } catch (GitAPIException | RuntimeException e) {
                trouble = Optional.of(GitTrouble.of(e, clone.remote(), "fetch"));
            } catch (IOException e) {
                trouble = Optional.of(new GitTrouble(GitTrouble.Reason.LocalFailure, "reading " + clone.dir() + ": " + e.getMessage()));
            }
            Map<String, String> texts = new TreeMap<>();
            Map<String, String> recordTexts = new TreeMap<>();
            try {
                Optional<ObjectId> head = clone.trackedHead(settings.branch());
                if (head.isPresent()) {
                    texts.putAll(statusTexts(head.get()));
                }
                if (settings.recordBranch().isPresent()) {
                    Optional<ObjectId> record = clone.trackedHead(settings.recordBranch().get());
                    if (record.isPresent()) {
                        recordTexts.putAll(statusTexts(record.get()));
                    }
                }
            } catch (IOException e) {
                trouble = Optional.of(new GitTrouble(GitTrouble.Reason.LocalFailure, "reading status in " + clone.dir()
                        + ": " + e.getMessage()));
            }
            synchronized (pending) {
                texts.putAll(pending);
            }
            Map<String, RolloutStatus> byRollout = new TreeMap<>();
            List<String> unreadable = new ArrayList<>();
            texts.forEach((path, text) -> {
                try {
                    RolloutStatus status = StatusYamlReader.read(text, path);
                    byRollout.put(status.rollout(), status);
                } catch (StatusYamlReader.StatusFormatException e) {
                    unreadable.add(e.getMessage());
                }
            });
            // only sluice writes the record: a status there wins over the branch's, unless the branch's is newer
            // (a crash between the two pushes of one write); a branch reset or force-pushed holds older ones
            recordTexts.forEach((path, text) -> {
                if (pendingHas(path)) {
                    return;
                }
                try {
                    RolloutStatus status = StatusYamlReader.read(text, path);
                    RolloutStatus onBranch = byRollout.get(status.rollout());
                    if (onBranch == null || !newer(onBranch, status)) {
                        byRollout.put(status.rollout(), status);
                    }
                } catch (StatusYamlReader.StatusFormatException e) {
                    unreadable.add(e.getMessage());
                }
            });
            return new RecordedStatus(byRollout, unreadable, trouble);
        } finally {
            clone.lock().unlock();
        }
    }

    private boolean pendingHas(String path) {
        synchronized (pending) {
            return pending.containsKey(path);
        }
    }

    /** Whether {@code a} was written after {@code b}: the latest moment either records (history, step, transition, condition). */
    static boolean newer(RolloutStatus a, RolloutStatus b) {
        return stamp(a).isAfter(stamp(b));
    }

    private static java.time.Instant stamp(RolloutStatus s) {
        java.time.Instant latest = java.time.Instant.EPOCH;
        List<java.time.Instant> moments = new ArrayList<>();
        s.history().stream().findFirst().ifPresent(h -> moments.add(h.at()));
        s.stepStartedAt().ifPresent(moments::add);
        s.lastTransition().ifPresent(moments::add);
        s.checks().forEach(c -> moments.add(c.at()));
        s.conditions().forEach(c -> moments.add(c.since()));
        for (java.time.Instant m : moments) {
            if (m.isAfter(latest)) {
                latest = m;
            }
        }
        return latest;
    }

    private Map<String, String> statusTexts(ObjectId commitId) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        Repository repo = clone.repository();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(commitId);
            TreeWalk folder = settings.folder().isEmpty() ? null : TreeWalk.forPath(reader, settings.folder(), commit.getTree());
            if (folder == null && !settings.folder().isEmpty()) {
                return texts;
            }
            try (TreeWalk files = new TreeWalk(reader)) {
                files.addTree(folder == null ? commit.getTree() : folder.getObjectId(0));
                files.setRecursive(false);
                while (files.next()) {
                    String name = files.getPathString();
                    if (name.endsWith(".yaml") && files.getFileMode(0).equals(FileMode.REGULAR_FILE)) {
                        byte[] bytes = reader.open(files.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_STATUS_BYTES);
                        texts.put(path(name.substring(0, name.length() - ".yaml".length())),
                                new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            } finally {
                if (folder != null) {
                    folder.close();
                }
            }
        }
        return texts;
    }

    private StatusPush pushPending(String branch, Map<String, String> pending, String summary) {
        Map<String, String> files;
        synchronized (pending) {
            files = new TreeMap<>(pending);
        }
        if (files.isEmpty()) {
            return new StatusPush(StatusPush.Outcome.Unchanged, Optional.empty(), List.of(), 0, Optional.empty());
        }
        GitTrouble trouble = null;
        for (int attempt = 1; attempt <= settings.pushAttempts(); attempt++) {
            if (attempt > 1) {
                sleep(backoff(attempt));
            }
            try {
                if (attempt > 1 || clone.trackedHead(branch).isEmpty()) {
                    fetchIfPresent(branch);
                }
                Optional<ObjectId> base = clone.trackedHead(branch);
                StatusCommit.Built built = StatusCommit.build(clone.repository(), base, files, summary,
                        new PersonIdent(settings.botName(), settings.botEmail(), clock.instant(), clock.getZone()));
                if (built.changed().isEmpty()) {
                    forget(pending, files);
                    lastSynced.put(branch, base);
                    return new StatusPush(StatusPush.Outcome.Unchanged, base.map(ObjectId::name), List.of(), attempt - 1,
                            Optional.empty());
                }
                RemoteRefUpdate.Status status = clone.push(built.commit(), branch);
                if (status == RemoteRefUpdate.Status.OK) {
                    forget(pending, files);
                    lastSynced.put(branch, Optional.of(built.commit()));
                    lastPushed.set(Optional.of(built.commit().name()));
                    return new StatusPush(StatusPush.Outcome.Pushed, Optional.of(built.commit().name()), built.changed(),
                            attempt, Optional.empty());
                }
                trouble = new GitTrouble(GitTrouble.Reason.PushRejected, "push of status to " + branch + " on "
                        + clone.remote().shownUrl() + " was refused (" + status + "); fetching and trying again");
            } catch (GitAPIException | RuntimeException e) {
                trouble = GitTrouble.of(e, clone.remote(), "push");
            } catch (IOException e) {
                trouble = new GitTrouble(GitTrouble.Reason.LocalFailure, "building the status commit in " + clone.dir()
                        + " failed: " + e.getMessage());
            }
            LOG.debugf("status push attempt %d: %s", attempt, trouble);
        }
        LOG.warnf("status of %s not pushed after %d attempts, kept for the next pass: %s", files.keySet(),
                settings.pushAttempts(), trouble);
        return new StatusPush(StatusPush.Outcome.Pending, Optional.empty(), List.copyOf(files.keySet()),
                settings.pushAttempts(), Optional.ofNullable(trouble));
    }

    private void fetchIfPresent() throws GitAPIException, IOException {
        fetchIfPresent(settings.branch());
        if (settings.recordBranch().isPresent()) {
            fetchIfPresent(settings.recordBranch().get());
        }
    }

    private void fetchIfPresent(String branch) throws GitAPIException, IOException {
        if (clone.remoteHead(branch).isPresent()) {
            clone.fetch(branch);
        }
    }

    /** Drops pending files that were pushed, unless a newer write replaced them meanwhile. */
    private static void forget(Map<String, String> pending, Map<String, String> pushed) {
        synchronized (pending) {
            pushed.forEach((file, text) -> pending.remove(file, text));
        }
    }

    String path(String rollout) {
        return (settings.folder().isEmpty() ? "" : settings.folder() + "/") + rollout + ".yaml";
    }

    /** Doubles per attempt from the configured base, with up to half of it random so racing writers spread out. */
    private Duration backoff(int attempt) {
        long base = settings.pushBackoff().toMillis() << Math.min(attempt - 2, 10);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
