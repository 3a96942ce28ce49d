package io.sluice.reconcile;

import io.sluice.analysis.Analyzer;
import io.sluice.aws.AwsConfig;
import io.sluice.git.DesiredSnapshot;
import io.sluice.git.GitConfig;
import io.sluice.git.GitSource;
import io.sluice.git.PollResult;
import io.sluice.git.PollTrigger;
import io.sluice.git.StatusPush;
import io.sluice.git.StatusWriter;
import io.sluice.lease.Leases;
import io.sluice.lease.Shards;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus;
import io.sluice.traffic.TrafficTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The daemon's heartbeat: poll Git, run a reconcile pass, push the statuses that changed. Passes
 * run on one thread, so they never overlap; a webhook wakes it at once. AWS actions happen inside
 * the pass, before any Git write, so a rollback never waits on Git.
 */
@ApplicationScoped
public class ReconcileLoop {
    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final GitSource git;
    private final StatusWriter statusWriter;
    private final PollTrigger trigger;
    private final TrafficTargets targets;
    private final Analyzer analyzer;
    private final RolloutBoard board;
    private final ReconcileConfig config;
    private final Instance<PassListener> listeners;
    private final Leases leases;
    private final String defaultRegion;
    /** The statuses in Git of the rollouts another instance holds, as read at the last poll. */
    private volatile Map<String, RolloutStatus> standbyStatuses = Map.of();
    private final Duration gitPollInterval;
    private final Clock wall;
    private final AtomicReference<Instant> lastPassAt = new AtomicReference<>();
    private final AtomicReference<Optional<String>> lastGitTrouble = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Instant> lastGitSyncAt = new AtomicReference<>();
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile Consumer<PassReport> listener = r -> { };

    public ReconcileLoop(GitSource git, StatusWriter statusWriter, PollTrigger trigger, TrafficTargets targets,
                         Analyzer analyzer, RolloutBoard board, ReconcileConfig config, GitConfig gitConfig,
                         Instance<PassListener> listeners, Clock wall, Leases leases, AwsConfig aws) {
        this.listeners = listeners;
        this.leases = leases;
        this.defaultRegion = aws.region();
        this.wall = wall;
        this.gitPollInterval = gitConfig.pollInterval();
        this.git = git;
        this.statusWriter = statusWriter;
        this.trigger = trigger;
        this.targets = targets;
        this.analyzer = analyzer;
        this.board = board;
        this.config = config;
    }

    /** Starts the loop on its own thread with the given clock (the system clock, or a simulated one). */
    public synchronized void start(Clock clock, Consumer<PassReport> afterEachPass) {
        if (thread != null) {
            throw new IllegalStateException("the reconcile loop is already running");
        }
        this.listener = afterEachPass;
        Reconciler reconciler = new Reconciler(targets, analyzer, clock, config.concurrency(), board,
                config.idleInterval());
        thread = new Thread(() -> run(reconciler, clock), "sluice-reconcile");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Reconciler reconciler, Clock clock) {
        var recorded = statusWriter.recorded();
        reconciler.restore(recorded.byRollout());
        tell(l -> l.started(recorded.byRollout()));
        recorded.trouble().ifPresent(t -> LOG.warnf("status files could not be read back: %s", t.message()));
        boolean pollGit = true;
        Instant lastPoll = Instant.MIN;
        while (!stopping) {
            try {
                if (pollGit) {
                    lastPoll = wall.instant();
                }
                passOnce(reconciler, clock, pollGit);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.error("reconcile pass failed; the next pass retries", e);
            } finally {
                // liveness says the loop runs; what is wrong with one rollout is that rollout's status
                lastPassAt.set(wall.instant());
            }
            try {
                boolean asked = trigger.awaitRequest(config.interval());
                pollGit = asked || !wall.instant().isBefore(lastPoll.plus(gitPollInterval));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        pushPending();
        reconciler.close();
    }

    void passOnce(Reconciler reconciler, Clock clock, boolean pollGit) {
        Optional<DesiredSnapshot> snapshot = git.lastSnapshot();
        if (pollGit || snapshot.isEmpty()) {
            Instant pollStart = wall.instant();
            PollResult poll = git.poll().took(Duration.between(pollStart, wall.instant()));
            tell(l -> l.polled(poll));
            lastGitTrouble.set(poll.trouble().map(t -> t.message()));
            if (poll.ok()) {
                lastGitSyncAt.set(wall.instant());
            }
            poll.notices().forEach(n -> LOG.infof("git: %s", n));
            snapshot = poll.snapshot();
        }
        if (snapshot.isEmpty()) {
            return;
        }
        DesiredSnapshot s = snapshot.get();
        Ownership own = ownership(s, pollGit);
        PassReport report = reconciler.pass(s.desired(), own);
        lastPassAt.set(wall.instant());
        Instant pushStart = wall.instant();
        writeStatus(statusWriter, report, mayRecord(s, own), leaseNote()).map(push -> push.took(Duration.between(pushStart, wall.instant())))
                .ifPresent(push -> {
                    tell(l -> l.pushed(push));
                    push.trouble().ifPresent(t -> LOG.warnf("status not pushed yet (%s): %s", push.outcome(), t.message()));
                });
        tell(l -> l.passed(report));
        try {
            listener.accept(report);
        } catch (RuntimeException e) {
            LOG.error("the pass listener failed", e);
        }
    }

    /** Feeds every reader of the loop; one that fails is logged and the others still hear. */
    private void tell(Consumer<PassListener> event) {
        for (PassListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.errorf(e, "a reader of the reconcile loop (%s) failed", l.getClass().getSimpleName());
            }
        }
    }

    /**
     * One status write after a pass: the statuses that changed, what is still pending, and, when a branch
     * was rewritten since the last write (a force-push, a reset), every status, so that none stays lost.
     */
    static Optional<StatusPush> writeStatus(StatusWriter writer, PassReport report) {
        return writeStatus(writer, report, name -> true, "");
    }

    /** The leases this instance writes under, for the commit message: {@code (leases: shard epoch N, ...)}. */
    private String leaseNote() {
        Map<String, Long> held = leases.held();
        if (!leases.enabled() || held.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        held.forEach((shard, epoch) -> parts.add(shard + " epoch " + epoch));
        return " (leases: " + String.join(", ", parts) + ")";
    }

    /**
     * The same, for the statuses {@code mayRecord} lets this instance write at this moment: those of
     * the rollouts it still holds the lease for (another instance writes the others').
     */
    static Optional<StatusPush> writeStatus(StatusWriter writer, PassReport report, Predicate<String> mayRecord,
                                            String note) {
        boolean rewritten = writer.rewrittenSinceLastWrite();
        if (report.changedStatuses().isEmpty() && writer.pendingFiles().isEmpty() && !rewritten) {
            return Optional.empty();
        }
        List<RolloutStatus> changed = report.changedStatuses().stream().filter(mayRecord)
                .map(n -> report.statuses().get(n)).toList();
        Map<String, RolloutStatus> all = new LinkedHashMap<>();
        if (rewritten) {
            report.statuses().forEach((n, st) -> {
                if (mayRecord.test(n) && !report.shownOnly().contains(n)) {
                    all.put(n, st);
                }
            });
        }
        return Optional.of(writer.write(changed, all, (changed.isEmpty() ? "status files restored" : summary(report))
                + note));
    }

    /**
     * Whose statuses this instance may write now, asked again at write time: a lease may have lapsed
     * since the pass began. A name with no readable rollout (a broken file) goes with the repository's lease.
     */
    private static Predicate<String> mayRecord(DesiredSnapshot s, Ownership own) {
        Map<String, Rollout> byName = new HashMap<>();
        s.rollouts().forEach(r -> byName.put(r.name(), r));
        return name -> byName.containsKey(name) ? own.mayWrite(byName.get(name)) : own.repository();
    }

    /**
     * Which rollouts this instance acts for in this pass: with leases, those of the shards it holds
     * (asked again right before each AWS write); the statuses of the others come from Git.
     */
    private Ownership ownership(DesiredSnapshot s, boolean polled) {
        if (!leases.enabled()) {
            return Ownership.ALL;
        }
        Set<String> shards = new TreeSet<>();
        shards.add(Shards.REPOSITORY);
        s.rollouts().forEach(r -> shards.add(Shards.of(r, defaultRegion)));
        leases.want(shards);
        boolean all = shards.stream().allMatch(leases::mayWrite);
        if (all) {
            standbyStatuses = Map.of();
        } else if (polled || standbyStatuses.isEmpty()) {
            // read with each Git poll, not each pass: the other instances' statuses change no faster
            standbyStatuses = statusWriter.recorded().byRollout();
        }
        Map<String, RolloutStatus> recorded = standbyStatuses;
        return new Ownership() {
            @Override
            public boolean mayWrite(Rollout rollout) {
                return leases.mayWrite(Shards.of(rollout, defaultRegion));
            }

            @Override
            public boolean repository() {
                return leases.mayWrite(Shards.REPOSITORY);
            }

            @Override
            public Map<String, RolloutStatus> recorded() {
                return recorded;
            }
        };
    }

    private void pushPending() {
        if (!statusWriter.pendingFiles().isEmpty()) {
            StatusPush push = statusWriter.write(List.of(), "status kept while stopping");
            LOG.infof("pending status on shutdown: %s", push.outcome());
        }
    }

    static String summary(PassReport report) {
        List<String> parts = report.changedStatuses().stream().sorted().map(n -> {
            RolloutStatus s = report.statuses().get(n);
            return n + " " + s.phase() + s.step().map(p -> " " + p).orElse("");
        }).toList();
        String text = String.join(", ", parts);
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    void onShutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        if (thread != null) {
            LOG.info("stopping: finishing the pass in flight and pushing pending status");
            stop(Duration.ofSeconds(30));
        }
    }

    /** Stops after the pass in flight (its AWS call finishes), pushing pending status first. */
    public void stop(Duration wait) {
        stopping = true;
        trigger.request();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wall-clock time of the last finished pass (for liveness, whatever clock the rollouts run on). */
    public Optional<Instant> lastPassAt() {
        return Optional.ofNullable(lastPassAt.get());
    }

    public Optional<Instant> lastGitSyncAt() {
        return Optional.ofNullable(lastGitSyncAt.get());
    }

    public Optional<String> gitTrouble() {
        return lastGitTrouble.get();
    }

    public boolean running() {
        return thread != null && thread.isAlive();
    }
}
