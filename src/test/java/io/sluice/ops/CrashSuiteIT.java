package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.git.servers.UserClone;
import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.Step;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYamlReader;
import io.sluice.sim.apps.AppStandIns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon killed with SIGKILL over and over while every example rollout runs, and started
 * again on the same work dir, as a sidecar restarted by its orchestrator would be. The AWS simulator
 * (real clock) and a {@code git daemon} run in their own processes; the example repo is made fast
 * (pauses and analyses of 4 s, measurements every second) and each rollout runs several rounds: once
 * it is done, a commit moves it to another version (isshoni-web is retried instead, and rolls back at
 * 50% each time, as its green 5xx rate is above the rule from the start). Rollouts advance on their
 * own, so that one that is stuck does not stop the others from being crashed.
 *
 * <p>Kill points: right after an AWS write (ModifyListener, ModifyRule, UpdateAlias,
 * ChangeResourceRecordSets, UpdateService), seen by polling the simulator's call counts every few
 * milliseconds, and confirmed to be before the status commit that records it when neither the
 * desired-state branch nor the record branch moved between the write and the kill; between the two
 * pushes of one status write (one of {@code main} and {@code sluice-record} moved, the other not yet);
 * during a timed pause; during start-up; and at random.
 *
 * <p>What must hold, after every restart and at the end: no write is made twice (every successful
 * write call changed its resource, and each resource went through exactly the round's steps); no
 * pause or analysis step recorded in Git is restarted or ends before its time; no status (in any
 * commit of either branch) and no answer of {@code /api/rollouts} holds drift; every rollout ends
 * where the round says, with the status of both branches agreeing with the simulator.
 */
class CrashSuiteIT {
    private static final Path ARTIFACTS = Path.of("target", "crash-suite");
    private static final int MIN_KILLS = 50;
    private static final int MIN_IN_WINDOW = 10;
    private static final int MAX_ROUNDS = 12;
    /** Kills stop after this long even when the goals are not met (the assertions then say so). */
    private static final Duration KILL_PHASE = Duration.ofSeconds(240);
    /** The last daemon, never killed, has this long to finish every rollout's round. */
    private static final Duration FINISH = Duration.ofSeconds(75);
    /** How long a kill mode waits for its moment before it kills anyway. */
    private static final Duration MOMENT = Duration.ofSeconds(8);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String MAIN = "main";
    private static final String RECORD = "sluice-record";
    private static final String ISSHONI = "isshoni-web";
    private static final List<String> WRITE_OPS = List.of("elasticloadbalancing/ModifyListener",
            "elasticloadbalancing/ModifyRule", "lambda/UpdateAlias", "route53/ChangeResourceRecordSets", "ecs/UpdateService");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The kinds of target a write can be made to; the required ones must each see an in-window kill. */
    enum Kind {
        ALB_LISTENER("ALB listener", true), ALB_RULE("ALB rule", true), LAMBDA("Lambda", true),
        ROUTE53("Route 53", true), ECS_ROLLING("ECS rolling", true), ECS_BG_LISTENER("ECS blue/green listener", true),
        ECS_BG_DEPLOY("ECS blue/green deploy", false);

        final String label;
        final boolean required;

        Kind(String label, boolean required) {
            this.label = label;
            this.required = required;
        }
    }

    /** Each resource the example rollouts write, the rollout that writes it and the write operation. */
    enum Res {
        ISSHONI_LISTENER(ISSHONI, Kind.ALB_LISTENER, "elasticloadbalancing/ModifyListener"),
        NODEAPP_LISTENER("nodeapp-alb", Kind.ALB_LISTENER, "elasticloadbalancing/ModifyListener"),
        RAG_LISTENER("rag-backend-bluegreen", Kind.ECS_BG_LISTENER, "elasticloadbalancing/ModifyListener"),
        MODEL_RULE("model-platform", Kind.ALB_RULE, "elasticloadbalancing/ModifyRule"),
        ALIAS("makenaide-orchestrator", Kind.LAMBDA, "lambda/UpdateAlias"),
        RECORDS("nodeapp-dns", Kind.ROUTE53, "route53/ChangeResourceRecordSets"),
        RAG_SERVICE("rag-backend", Kind.ECS_ROLLING, "ecs/UpdateService"),
        RAG_BLUE_SERVICE("rag-backend-bluegreen", Kind.ECS_BG_DEPLOY, "ecs/UpdateService"),
        RAG_GREEN_SERVICE("rag-backend-bluegreen", Kind.ECS_BG_DEPLOY, "ecs/UpdateService");

        final String rollout;
        final Kind kind;
        final String op;

        Res(String rollout, Kind kind, String op) {
            this.rollout = rollout;
            this.kind = kind;
            this.op = op;
        }

        boolean weighted() {
            return kind != Kind.ECS_ROLLING && kind != Kind.ECS_BG_DEPLOY;
        }
    }

    /** What a resource holds: percent by target group, version or set identifier, or (ECS) the revision at 100. */
    record Reading(Map<String, Integer> percents, String text) {
    }

    /** A change of one resource, seen in the state read right after the call counts rose. */
    record Transition(Res res, int round, Reading from, Reading to, long notBefore, long seenAt, int life) {
    }

    /** What the watcher saw when it killed the daemon. */
    record Fired(String why, long at, Refs before, Set<String> ops, Set<Res> changed) {
    }

    record Refs(String main, String record) {
        @Override
        public String toString() {
            return "main " + abbrev(main) + ", " + RECORD + " " + abbrev(record);
        }
    }

    enum Mode { AFTER_WRITE, RANDOM, STARTUP, IN_PAUSE, BETWEEN_PUSHES }

    /** One kill point. */
    record Kill(int life, Mode mode, String detail, Boolean inWindow, Set<Kind> kinds, Set<Res> changed, long at) {
        boolean confirmedAfterWrite() {
            return mode == Mode.AFTER_WRITE && Boolean.TRUE.equals(inWindow);
        }
    }

    /** One status file as one commit of one branch holds it. */
    record Snapshot(String branch, String commit, int position, RolloutStatus status) {
    }

    // ---------------------------------------------------------------------------------------------

    /** Chooses kill modes and delays; {@code -Dcrash.seed=N} repeats a run's choices (not its timing). */
    private final Random random = new Random();
    private final Set<String> violations = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final List<Kill> kills = new ArrayList<>();
    /** Drift entries and Degraded statuses already reported (each is reported where it is first seen). */
    private final Set<String> reported = Collections.synchronizedSet(new LinkedHashSet<>());
    /** By rollout: the commit that started each of its rounds (index 0 = round 1). */
    private final Map<String, List<String>> roundCommits = new TreeMap<>();
    /** By rollout: the round it is in. */
    private final Map<String, Integer> rounds = new java.util.concurrent.ConcurrentHashMap<>();
    /** Rounds whose end was checked, as "rollout round". */
    private final Set<String> checkedRounds = new LinkedHashSet<>();
    /** The rolling ECS service writes once per round, at its start: the next life waits for that write. */
    private boolean rollingRoundStarted = true;
    private final Map<String, Rollout> fixture = new TreeMap<>();
    private volatile int life;
    private Path bare;
    private URI simBase;
    private URI apiBase;
    private String gitUrl;
    private Watcher watcher;
    private long lastApiPoll;

    @Test
    @Timeout(540)
    void everyRolloutResumesAfterSigkillAtAnyMoment() throws Exception {
        long started = System.nanoTime();
        long seed = Long.getLong("crash.seed", random.nextLong());
        random.setSeed(seed);
        Path repos = Files.createDirectories(tmp.resolve("git").resolve("repos"));
        Map<String, String> round1 = FastExample.roundFiles(1);
        readFixture(round1);
        bare = GitCli.seededBareRepo(repos, "config.git", round1);
        String seedCommit = GitCli.run(bare, "rev-parse", MAIN);
        for (String name : fixture.keySet()) {
            roundCommits.put(name, new ArrayList<>(List.of(seedCommit)));
            rounds.put(name, 1);
        }
        Path scenario = Files.writeString(tmp.resolve("scenario.yaml"), FastExample.scenario());
        int awsPort = GitCli.freePort();
        int httpPort = GitCli.freePort();
        simBase = URI.create("http://127.0.0.1:" + awsPort);
        apiBase = URI.create("http://127.0.0.1:" + httpPort);
        List<String> appHosts = Check.hostsOf(fixture.values(), Check.Kind.HTTP);
        List<String> promHosts = Check.hostsOf(fixture.values(), Check.Kind.PROMETHEUS);
        SluiceProcess daemon = null;
        try (GitDaemonServer git = new GitDaemonServer(repos).start();
             AppStandIns apps = new AppStandIns(appHosts, promHosts);
             SluiceProcess aws = SluiceProcess.start("sluice-aws-sim", List.of(), List.of("simulate", "--aws-only",
                     "--real-clock", "--port", Integer.toString(awsPort), "--scenario", scenario.toString()), Map.of(), tmp)) {
            aws.awaitHttp(simBase.resolve("/_sim/state"), WITHIN);
            Http.Response state = Http.get(simBase.resolve("/_sim/state"));
            assertTrue(state.status() == 200, "the simulator's state must be readable: " + state);
            gitUrl = git.url("config.git");
            UserClone user = new UserClone(tmp, gitUrl);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SLUICE_GIT_URL", gitUrl);
            env.put("SLUICE_GIT_WORK_DIR", tmp.resolve("daemon-clone").toString());
            env.put("SLUICE_GIT_POLL_INTERVAL", "1s");
            env.put("SLUICE_GIT_TIMEOUT", "5s");
            env.put("SLUICE_RECONCILE_INTERVAL", "1s");
            env.put("SLUICE_AWS_ENDPOINT_OVERRIDE", simBase.toString());
            env.put("SLUICE_AWS_ACCESS_KEY_ID", "AKIDCRASHTEST");
            env.put("SLUICE_AWS_SECRET_ACCESS_KEY", "crash-test");
            env.put("SLUICE_ANALYSIS_RESOLVE", String.join(",", apps.resolveEntries()));
            env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));

            watcher = new Watcher();
            watcher.start();
            long killDeadline = System.nanoTime() + KILL_PHASE.toNanos();
            try {
                while (true) {
                    boolean goals = kills.size() >= MIN_KILLS && inWindowGoalMet();
                    boolean timeUp = System.nanoTime() > killDeadline;
                    List<String> done = roundsDone();
                    if (goals || timeUp) {
                        break;
                    }
                    List<String> advance = done.stream().filter(n -> rounds.get(n) < MAX_ROUNDS).toList();
                    if (!advance.isEmpty()) {
                        pushRounds(user, advance);
                    }
                    life++;
                    Set<String> ops = targetOps();
                    Mode mode = chooseMode();
                    daemon = startDaemon(env, mode + (mode == Mode.AFTER_WRITE ? " " + ops : ""));
                    Kill kill = runLife(daemon, mode, ops);
                    daemon = null;
                    kills.add(kill);
                    System.out.printf("CrashSuiteIT: kill %d (life %d): %s %s%s%n", kills.size(), kill.life(), kill.mode(),
                            kill.detail(), kill.inWindow() == null ? "" : kill.inWindow() ? " [in window]" : " [not in window]");
                    checkpoint();
                    if (random.nextInt(3) == 0) {
                        Thread.sleep(random.nextInt(1500)); // a pause may run out while nothing runs
                    }
                }
                // the last daemon is left alone until every rollout is done with its round (or stuck)
                life++;
                daemon = startDaemon(env, "final, never killed");
                long deadline = System.nanoTime() + FINISH.toNanos();
                long stuckSince = 0;
                while (System.nanoTime() < deadline) {
                    pollApi();
                    Thread.sleep(250);
                    if (!daemon.alive()) {
                        violations.add("the final daemon exited on its own\n" + daemon.tail());
                        break;
                    }
                    List<String> done = roundsDone();
                    if (done.size() == fixture.size()) {
                        break;
                    }
                    // a rollout held for a person (Degraded) stays so: no need to wait the whole time for it
                    boolean onlyHeld = statuses(MAIN).entrySet().stream().filter(e -> !done.contains(e.getKey()))
                            .allMatch(e -> e.getValue().phase() == Phase.Degraded);
                    stuckSince = onlyHeld ? (stuckSince == 0 ? System.nanoTime() : stuckSince) : 0;
                    if (onlyHeld && System.nanoTime() - stuckSince > TimeUnit.SECONDS.toNanos(10)) {
                        break;
                    }
                }
                // quiet time: a write made twice after the end would show now
                long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (System.nanoTime() < quietUntil) {
                    pollApi();
                    Thread.sleep(250);
                }
                watcher.settle();
                List<String> done = roundsDone();
                checkpoint();
                checkFinal(done);
                checkHistory();
                noteRefusedWrites();
            } finally {
                watcher.halt();
                if (daemon != null) {
                    daemon.close();
                }
            }
        } finally {
            keepArtifacts();
        }
        String summary = summary(seed, Duration.ofNanos(System.nanoTime() - started));
        System.out.println(summary);
        assertTrue(kills.size() >= MIN_KILLS, "at least " + MIN_KILLS + " kill points\n" + summary);
        assertTrue(inWindowGoalMet(), "at least " + MIN_IN_WINDOW + " confirmed kills between an AWS write and its"
                + " status commit, covering every target kind\n" + summary);
        assertTrue(violations.isEmpty(), "sluice must resume after SIGKILL as if nothing happened\n" + summary);
    }

    // --- the fixture ---------------------------------------------------------------------------

    /**
     * The blue/green side that takes the round's revision: the service deployed to in the round (the
     * idle one), or, before that deploy, the side it will be when every round went right (green first,
     * then each round the other one).
     */
    private String blueGreenSide(int round) {
        for (Transition t : watcher.transitions()) {
            if (t.round() == round && (t.res() == Res.RAG_BLUE_SERVICE || t.res() == Res.RAG_GREEN_SERVICE)
                    && t.to().percents().containsKey(FastExample.blueGreenRevision(round))) {
                return t.res() == Res.RAG_BLUE_SERVICE ? "blue" : "green";
            }
        }
        return round % 2 == 1 ? "green" : "blue";
    }

    /** Parses the round-1 fixture as sluice would (refusing a broken one) for the steps the checks expect. */
    private void readFixture(Map<String, String> files) throws IOException {
        FastExample.read(files, tmp.resolve("fixture")).forEach(r -> fixture.put(r.name(), r));
        assertTrue(fixture.keySet().equals(Stream.of(Res.values()).map(r -> r.rollout).collect(Collectors.toSet())),
                "every example rollout is watched: " + fixture.keySet());
    }


    /** One commit that moves each of {@code names} to its next round. */
    private void pushRounds(UserClone user, List<String> names) throws IOException, InterruptedException {
        Map<String, Integer> next = new TreeMap<>();
        names.forEach(n -> next.put(n, rounds.get(n) + 1));
        for (int attempt = 1; ; attempt++) {
            try {
                user.pull();
                for (Map.Entry<String, Integer> e : next.entrySet()) {
                    String path = "rollouts/" + e.getKey() + ".yaml";
                    user.write(path, FastExample.roundFiles(e.getValue()).get(path));
                }
                String commit = user.commit("Next round: " + next);
                user.push();
                next.forEach((n, r) -> {
                    roundCommits.get(n).add(commit);
                    rounds.put(n, r);
                });
                rollingRoundStarted = next.containsKey("rag-backend");
                System.out.printf("CrashSuiteIT: %s pushed as %s%n", next, abbrev(commit));
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
                user.git("reset", "-q", "--hard", "origin/main");
                Thread.sleep(200);
            }
        }
    }

    // --- lives and kills ---------------------------------------------------------------------

    private SluiceProcess startDaemon(Map<String, String> env, String what) throws IOException {
        Path log = tmp.resolve("sluice-run.log");
        Files.writeString(log, String.format("%n===== CrashSuiteIT life %d (%s) at %s =====%n", life, what, Instant.now()),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // C1 only: a JVM that starts in under 2 s keeps 50 restarts within the time of a test
        SluiceProcess daemon = SluiceProcess.start("sluice-run", List.of("-XX:TieredStopAtLevel=1"), List.of("run"), env, tmp);
        watcher.daemon = daemon;
        watcher.life = life;
        return daemon;
    }

    private Mode chooseMode() {
        if (rollingRoundStarted) {
            return Mode.AFTER_WRITE;
        }
        return switch (life % 7) {
            case 0, 2, 4 -> Mode.AFTER_WRITE;
            case 1 -> Mode.RANDOM;
            case 3 -> Mode.IN_PAUSE;
            case 5 -> Mode.BETWEEN_PUSHES;
            default -> random.nextBoolean() ? Mode.STARTUP : Mode.AFTER_WRITE;
        };
    }

    /** The writes to kill after: those of kinds not yet confirmed in-window, else any. */
    private Set<String> targetOps() {
        Set<Kind> missing = EnumSet.noneOf(Kind.class);
        for (Kind k : Kind.values()) {
            if (k.required && confirmedKinds().getOrDefault(k, 0) == 0) {
                missing.add(k);
            }
        }
        boolean rollingStart = rollingRoundStarted;
        rollingRoundStarted = false;
        if (missing.contains(Kind.ECS_ROLLING) && rollingStart) {
            return Set.of("ecs/UpdateService"); // an ECS rolling update writes once per round, at its start
        }
        missing.remove(Kind.ECS_ROLLING);
        Set<String> ops = new LinkedHashSet<>();
        for (Res r : Res.values()) {
            if (missing.contains(r.kind)) {
                ops.add(r.op);
            }
        }
        return ops.isEmpty() ? new LinkedHashSet<>(WRITE_OPS) : ops;
    }

    private Kill runLife(SluiceProcess daemon, Mode mode, Set<String> ops) throws Exception {
        long start = System.nanoTime();
        switch (mode) {
            case AFTER_WRITE -> {
                Refs armedAt = watcher.refs();
                watcher.armWrites(ops);
                Fired fired = awaitFired(daemon, MOMENT);
                if (fired == null) {
                    daemon.kill();
                    return new Kill(life, Mode.RANDOM, "no " + ops + " write within " + MOMENT.toSeconds() + " s: killed then",
                            null, Set.of(), Set.of(), System.currentTimeMillis());
                }
                Thread.sleep(300); // a push the daemon had sent completely may still land
                Refs after = lsRemote();
                boolean inWindow = after.equals(fired.before());
                // a write that changed nothing covers no kind: it is a violation of its own
                Set<Kind> kinds = EnumSet.noneOf(Kind.class);
                fired.changed().forEach(r -> kinds.add(r.kind));
                String detail = "after " + fired.ops() + " changed " + fired.changed() + "; before the write " + fired.before()
                        + (inWindow ? ", unchanged after the kill" : ", after the kill " + after) + "; armed at " + armedAt;
                return new Kill(life, mode, detail, inWindow, kinds, fired.changed(), fired.at());
            }
            case BETWEEN_PUSHES -> {
                Refs armedAt = watcher.refs();
                watcher.armBetweenPushes(armedAt);
                Fired fired = awaitFired(daemon, MOMENT);
                if (fired == null) {
                    daemon.kill();
                    return new Kill(life, Mode.RANDOM, "no status push within " + MOMENT.toSeconds() + " s: killed then", null,
                            Set.of(), Set.of(), System.currentTimeMillis());
                }
                Thread.sleep(300);
                Refs after = lsRemote();
                boolean mainMoved = !after.main().equals(armedAt.main());
                boolean recordMoved = !after.record().equals(armedAt.record());
                String where = mainMoved == recordMoved ? "after the status pushes to both branches"
                        : "between the status pushes: " + (mainMoved ? MAIN : RECORD) + " moved, " + (mainMoved ? RECORD : MAIN)
                        + " not";
                return new Kill(life, mode, where + ": " + armedAt + " -> " + after, null, Set.of(), fired.changed(),
                        fired.at());
            }
            case IN_PAUSE -> {
                long deadline = System.nanoTime() + MOMENT.toNanos();
                while (System.nanoTime() < deadline && daemon.alive()) {
                    Optional<JsonNode> paused = pausedRollout();
                    if (paused.isPresent()) {
                        Instant until = Instant.parse(paused.get().path("pausedUntil").asText());
                        long left = Duration.between(Instant.now(), until).toMillis();
                        Thread.sleep(Math.max(0, (long) (random.nextDouble() * Math.max(0, left - 100))));
                        daemon.kill();
                        return new Kill(life, mode, "during the pause of " + paused.get().path("name").asText() + " at step "
                                + paused.get().path("step").path("index").asInt() + " (until " + until + ")", null, Set.of(),
                                Set.of(), System.currentTimeMillis());
                    }
                    Thread.sleep(100);
                }
                daemon.kill();
                return new Kill(life, Mode.RANDOM, "no timed pause within " + MOMENT.toSeconds() + " s: killed then", null,
                        Set.of(), Set.of(), System.currentTimeMillis());
            }
            case STARTUP, RANDOM -> {
                long delay = mode == Mode.STARTUP ? 50 + random.nextInt(2200) : 400 + random.nextInt(5600);
                long until = start + TimeUnit.MILLISECONDS.toNanos(delay);
                while (System.nanoTime() < until) {
                    pollApi();
                    Thread.sleep(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
                }
                daemon.kill();
                return new Kill(life, mode, delay + " ms after the process started", null, Set.of(), Set.of(),
                        System.currentTimeMillis());
            }
            default -> throw new IllegalStateException(mode.toString());
        }
    }

    /** Waits for the watcher to kill; null (and disarmed) when it did not within {@code atMost}. */
    private Fired awaitFired(SluiceProcess daemon, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            Fired f = watcher.fired.get();
            if (f != null) {
                watcher.fired.set(null);
                return f;
            }
            if (!daemon.alive() && watcher.armed.get() != null) {
                violations.add("life " + life + ": the daemon exited on its own\n" + daemon.tail());
                break;
            }
            pollApi();
            Thread.sleep(5);
        }
        if (watcher.disarm()) {
            return null;
        }
        // the watcher took the arm: its kill is under way
        while (watcher.fired.get() == null) {
            Thread.sleep(1);
        }
        return watcher.fired.getAndSet(null);
    }

    private Optional<JsonNode> pausedRollout() {
        Http.Response r = Http.get(apiBase.resolve("/api/rollouts"));
        if (r.status() != 200) {
            return Optional.empty();
        }
        JsonNode list = r.json();
        checkApi(list);
        for (JsonNode n : list) {
            if (n.hasNonNull("pausedUntil") && "Progressing".equals(n.path("phase").asText())) {
                Instant until = Instant.parse(n.path("pausedUntil").asText());
                if (until.isAfter(Instant.now().plusMillis(300))) {
                    return Optional.of(n);
                }
            }
        }
        return Optional.empty();
    }

    private boolean inWindowGoalMet() {
        Map<Kind, Integer> byKind = confirmedKinds();
        long confirmed = kills.stream().filter(Kill::confirmedAfterWrite).count();
        return confirmed >= MIN_IN_WINDOW
                && Stream.of(Kind.values()).filter(k -> k.required).allMatch(k -> byKind.getOrDefault(k, 0) > 0);
    }

    private Map<Kind, Integer> confirmedKinds() {
        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        kills.stream().filter(Kill::confirmedAfterWrite).forEach(k -> k.kinds().forEach(kind -> byKind.merge(kind, 1, Integer::sum)));
        return byKind;
    }

    // --- the watcher -------------------------------------------------------------------------

    /**
     * Polls the simulator's call counts as fast as it answers, kills the daemon when armed, and reads
     * the simulator's state after every rise of a write count to see which resource changed.
     */
    private final class Watcher extends Thread {
        volatile SluiceProcess daemon;
        volatile int life;
        /** Writes to kill after ({@code Set<String>}), or the refs a push must move away from ({@code Refs}). */
        final AtomicReference<Object> armed = new AtomicReference<>();
        final AtomicReference<Fired> fired = new AtomicReference<>();
        private final List<Transition> transitions = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Long> reportedExcess = new TreeMap<>();
        /** By write operation: each time a successful call of it was seen to change nothing. */
        final Map<String, List<String>> repeats = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean halted;
        private volatile Map<Res, Reading> readings;
        private volatile Map<String, Long> counts = Map.of();
        private volatile Refs lastRefs;
        private long polls;
        private long maxGap;
        private final Object settleLock = new Object();
        private volatile Throwable failure;

        Watcher() {
            super("crash-suite-watcher");
            setDaemon(true);
            readings = readingsOf(simState());
            lastRefs = readRefs();
        }

        List<Transition> transitions() {
            synchronized (transitions) {
                return List.copyOf(transitions);
            }
        }

        Refs refs() {
            return lastRefs;
        }

        void armWrites(Set<String> ops) {
            fired.set(null);
            armed.set(Set.copyOf(ops));
        }

        void armBetweenPushes(Refs from) {
            fired.set(null);
            armed.set(from);
        }

        /** True when the arm was still set (no kill will come from it). */
        boolean disarm() {
            return armed.getAndSet(null) != null;
        }

        void halt() throws InterruptedException {
            halted = true;
            join(5000);
        }

        /** One more full look (counts, then state) after everything is quiet. */
        void settle() {
            synchronized (settleLock) {
                look(true);
            }
        }

        @Override
        public void run() {
            long lastPollStart = System.currentTimeMillis();
            while (!halted) {
                try {
                    synchronized (settleLock) {
                        long begun = System.currentTimeMillis();
                        maxGap = polls > 0 ? Math.max(maxGap, begun - lastPollStart) : 0;
                        lastPollStart = begun;
                        polls++;
                        look(false);
                    }
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError e) {
                    failure = e;
                    violations.add("the watcher failed: " + e);
                    return;
                }
            }
        }

        private void look(boolean always) {
            Refs before = lastRefs;
            Refs refs = readRefs();
            long notBefore = System.currentTimeMillis();
            Object arm = armed.get();
            SluiceProcess d = daemon;
            // one branch moved and the other not yet: between the two pushes of one status write
            if (arm instanceof Refs from && d != null && d.alive()
                    && refs.main().equals(from.main()) != refs.record().equals(from.record()) && armed.compareAndSet(arm, null)) {
                d.kill();
                fired.set(new Fired("status push", System.currentTimeMillis(), refs, Set.of(), Set.of()));
            }
            lastRefs = refs;
            long sincePoll = previousPoll;
            previousPoll = notBefore;
            Map<String, Long> now = writeCounts();
            long countedAt = System.currentTimeMillis();
            Set<String> rose = new LinkedHashSet<>();
            now.forEach((op, n) -> {
                if (n > counts.getOrDefault(op, 0L)) {
                    rose.add(op);
                }
            });
            if (rose.isEmpty() && !always) {
                seenLastLook = EnumSet.noneOf(Res.class);
                roseLastLook = Set.of();
                return;
            }
            boolean kill = false;
            arm = armed.get();
            d = daemon;
            if (arm instanceof Set<?> ops && d != null && d.alive() && rose.stream().anyMatch(ops::contains)
                    && armed.compareAndSet(arm, null)) {
                d.kill();
                kill = true;
            }
            long killedAt = System.currentTimeMillis();
            Map<Res, Reading> state = readingsOf(simState());
            long seenAt = System.currentTimeMillis();
            Set<Res> changed = EnumSet.noneOf(Res.class);
            for (Res r : Res.values()) {
                Reading was = readings.get(r);
                Reading is = state.get(r);
                if (!is.text().equals(was.text())) {
                    changed.add(r);
                    transitions.add(new Transition(r, rounds.get(r.rollout), was, is, sincePoll, seenAt, life));
                }
            }
            readings = state;
            // a change already seen in the last look whose write was counted only now was also made after that look
            Set<Res> written = EnumSet.copyOf(changed);
            for (Res r : seenLastLook) {
                if (rose.contains(r.op) && !roseLastLook.contains(r.op)) {
                    written.add(r);
                }
            }
            seenLastLook = changed;
            roseLastLook = rose;
            // every write counted before this state was read shows in it, unless it changed nothing
            Map<String, Long> changes = new TreeMap<>();
            synchronized (transitions) {
                transitions.forEach(t -> changes.merge(t.res().op, 1L, Long::sum));
            }
            for (String op : WRITE_OPS) {
                long excess = now.getOrDefault(op, 0L) - changes.getOrDefault(op, 0L);
                if (excess > reportedExcess.getOrDefault(op, 0L)) {
                    reportedExcess.put(op, excess);
                    repeats.computeIfAbsent(op, x -> new ArrayList<>()).add(String.format("life %d at %s (%d successful"
                            + " calls, %d changes; now %s)", life, Instant.ofEpochMilli(countedAt), now.getOrDefault(op, 0L),
                            changes.getOrDefault(op, 0L), inFlight(op)));
                }
            }
            counts = now;
            if (kill) {
                fired.set(new Fired("write", killedAt, before, rose, written));
            }
        }

        private long previousPoll = System.currentTimeMillis();
        private Set<Res> seenLastLook = EnumSet.noneOf(Res.class);
        private Set<String> roseLastLook = Set.of();

        private String inFlight(String op) {
            List<String> out = new ArrayList<>();
            for (Res r : Res.values()) {
                if (r.op.equals(op)) {
                    out.add(r + " " + readings.get(r).text());
                }
            }
            return String.join("; ", out);
        }
    }

    // --- the simulator -------------------------------------------------------------------------

    private JsonNode simState() {
        Http.Response r = Http.get(simBase.resolve("/_sim/state"));
        if (r.status() != 200) {
            throw new IllegalStateException("simulator state: " + r);
        }
        return r.json();
    }

    /** Successful calls of each write operation ({@code service/operation}). */
    private Map<String, Long> writeCounts() {
        Http.Response r = Http.get(simBase.resolve("/_sim/calls"));
        if (r.status() != 200) {
            throw new IllegalStateException("simulator calls: " + r);
        }
        JsonNode calls = r.json();
        Map<String, Long> out = new TreeMap<>();
        for (String op : WRITE_OPS) {
            String[] parts = op.split("/");
            out.put(op, calls.path(parts[0]).path(parts[1]).path("ok").asLong(0));
        }
        return out;
    }

    private static Map<Res, Reading> readingsOf(JsonNode state) {
        JsonNode services = state.path("services");
        JsonNode elb = services.path("elasticloadbalancing").path("regions").path("us-east-1");
        Map<Res, Reading> out = new EnumMap<>(Res.class);
        out.put(Res.ISSHONI_LISTENER, forward(rule(elb, "isshoni", "default")));
        out.put(Res.NODEAPP_LISTENER, forward(rule(elb, "nodeapp", "default")));
        out.put(Res.RAG_LISTENER, forward(rule(elb, "rag", "default")));
        out.put(Res.MODEL_RULE, forward(rule(elb, "model-platform", "10")));
        JsonNode alias = null;
        for (JsonNode a : services.path("lambda").path("functions").path("us-east-1")
                .path("makenaide-integrated-orchestrator").path("aliases")) {
            if ("live".equals(a.path("name").asText())) {
                alias = a;
            }
        }
        if (alias == null) {
            throw new IllegalStateException("no alias live in " + services.path("lambda"));
        }
        Map<String, Integer> versions = new TreeMap<>();
        double others = 0;
        for (Map.Entry<String, JsonNode> w : iterable(alias.path("weights"))) {
            versions.put(w.getKey(), (int) Math.round(w.getValue().asDouble() * 100));
            others += w.getValue().asDouble();
        }
        versions.put(alias.path("functionVersion").asText(), (int) Math.round((1 - others) * 100));
        out.put(Res.ALIAS, new Reading(versions, "version " + alias.path("functionVersion").asText() + " weights "
                + alias.path("weights")));
        Map<String, Long> sets = new TreeMap<>();
        for (JsonNode rec : services.path("route53").path("hostedZones").path("Z0123456789EXAMPLE").path("records")) {
            if (rec.hasNonNull("setIdentifier") && "app.example.com.".equals(rec.path("name").asText())) {
                sets.put(rec.path("setIdentifier").asText(), rec.path("weight").asLong());
            }
        }
        out.put(Res.RECORDS, new Reading(percents(sets), sets.toString()));
        JsonNode cluster = services.path("ecs").path("us-east-1").path("clusters").path("rag");
        out.put(Res.RAG_SERVICE, service(cluster.path("rag-backend")));
        out.put(Res.RAG_BLUE_SERVICE, service(cluster.path("rag-backend-blue")));
        out.put(Res.RAG_GREEN_SERVICE, service(cluster.path("rag-backend-green")));
        return out;
    }

    private static JsonNode rule(JsonNode elbRegion, String loadBalancer, String priority) {
        for (JsonNode lb : elbRegion.path("loadBalancers")) {
            if (loadBalancer.equals(lb.path("name").asText())) {
                for (JsonNode rule : lb.path("listeners").get(0).path("rules")) {
                    if (priority.equals(rule.path("priority").asText())) {
                        return rule;
                    }
                }
            }
        }
        throw new IllegalStateException("no rule " + priority + " of " + loadBalancer);
    }

    private static Reading forward(JsonNode rule) {
        Map<String, Long> weights = new TreeMap<>();
        for (JsonNode action : rule.path("actions")) {
            if ("forward".equals(action.path("Type").asText())) {
                for (JsonNode tg : action.path("ForwardConfig").path("TargetGroups")) {
                    weights.put(tg.path("TargetGroupArn").asText().split("/")[1], tg.path("Weight").asLong());
                }
            }
        }
        return new Reading(percents(weights), weights.toString());
    }

    private static Reading service(JsonNode service) {
        String arn = service.path("taskDefinition").asText();
        String revision = arn.substring(arn.lastIndexOf('/') + 1);
        JsonNode primary = service.path("deployments").get(0);
        return new Reading(Map.of(revision, 100), revision + " (deployment " + primary.path("id").asText() + ")");
    }

    private static Map<String, Integer> percents(Map<String, Long> amounts) {
        long sum = amounts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Integer> out = new TreeMap<>();
        amounts.forEach((k, v) -> out.put(k, sum == 0 ? 0 : (int) Math.round(100.0 * v / sum)));
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        object.fields().forEachRemaining(out::add);
        return out;
    }

    // --- Git -----------------------------------------------------------------------------------

    /** The two branch heads as the served bare repository holds them (read from its files: fast enough to poll). */
    private Refs readRefs() {
        return new Refs(ref(MAIN), ref(RECORD));
    }

    private String ref(String branch) {
        try {
            Path loose = bare.resolve("refs").resolve("heads").resolve(branch);
            if (Files.exists(loose)) {
                return Files.readString(loose).strip();
            }
            Path packed = bare.resolve("packed-refs");
            if (Files.exists(packed)) {
                for (String line : Files.readAllLines(packed)) {
                    if (line.endsWith(" refs/heads/" + branch)) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
            return "";
        } catch (IOException e) {
            // a ref being renamed into place: read again
            return ref(branch);
        }
    }

    /** The branch heads as a client sees them from the server. */
    private Refs lsRemote() {
        String out = GitCli.run(tmp, "ls-remote", gitUrl);
        String main = "";
        String record = "";
        for (String line : out.split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length == 2 && parts[1].equals("refs/heads/" + MAIN)) {
                main = parts[0];
            } else if (parts.length == 2 && parts[1].equals("refs/heads/" + RECORD)) {
                record = parts[0];
            }
        }
        return new Refs(main, record);
    }

    /** Every status file in every commit of {@code branch}, oldest first (consecutive repeats dropped). */
    private List<Snapshot> snapshots(String branch, Map<String, Integer> mainPositions) throws IOException {
        String revs;
        try {
            revs = GitCli.run(bare, "rev-list", "--reverse", branch);
        } catch (IllegalStateException noBranch) {
            return List.of();
        }
        List<String> commits = revs.isBlank() ? List.of() : List.of(revs.split("\n"));
        List<String> names = new ArrayList<>(fixture.keySet());
        StringBuilder in = new StringBuilder();
        for (String c : commits) {
            for (String n : names) {
                in.append(c).append(":status/").append(n).append(".yaml\n");
            }
        }
        List<String> blobs = catFile(in.toString());
        List<Snapshot> out = new ArrayList<>();
        Map<String, String> lastText = new TreeMap<>();
        int i = 0;
        for (String c : commits) {
            for (String n : names) {
                String text = blobs.get(i++);
                if (text == null || text.equals(lastText.get(n))) {
                    continue;
                }
                lastText.put(n, text);
                try {
                    out.add(new Snapshot(branch, c, mainPositions.getOrDefault(c, -1), StatusYamlReader.read(text, n)));
                } catch (IllegalArgumentException e) {
                    violations.add("status/" + n + ".yaml in " + branch + " commit " + abbrev(c) + " is unreadable: "
                            + e.getMessage());
                }
            }
        }
        return out;
    }

    /** {@code git cat-file --batch}: the text of each object named on a line of {@code request}, null when missing. */
    private List<String> catFile(String request) throws IOException {
        Process p = new ProcessBuilder("git", "cat-file", "--batch").directory(bare.toFile()).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream os = p.getOutputStream()) {
                os.write(request.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the reader below reports what came back
            }
        });
        feeder.start();
        List<String> out = new ArrayList<>();
        try (InputStream is = new java.io.BufferedInputStream(p.getInputStream())) {
            for (String ignored : request.split("\n")) {
                if (request.isEmpty()) {
                    break;
                }
                String header = readLine(is);
                if (header.endsWith(" missing")) {
                    out.add(null);
                    continue;
                }
                String[] h = header.split(" ");
                int size = Integer.parseInt(h[2]);
                byte[] body = is.readNBytes(size);
                is.read(); // the newline after each object
                out.add(new String(body, StandardCharsets.UTF_8));
            }
        }
        try {
            feeder.join();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static String readLine(InputStream is) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = is.read()) != -1 && c != '\n') {
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Position of each commit of main, oldest first. */
    private Map<String, Integer> mainPositions() {
        Map<String, Integer> out = new LinkedHashMap<>();
        String[] revs = GitCli.run(bare, "rev-list", "--reverse", MAIN).split("\n");
        for (int i = 0; i < revs.length; i++) {
            out.put(revs[i], i);
        }
        return out;
    }

    /** The round of {@code rollout} whose desired state a commit of main holds (0 when unknown). */
    private int roundOf(String rollout, String commit, Map<String, Integer> positions) {
        Integer at = positions.get(commit);
        if (at == null) {
            return 0;
        }
        List<String> starts = roundCommits.get(rollout);
        int round = 0;
        for (int r = 0; r < starts.size(); r++) {
            Integer start = positions.get(starts.get(r));
            if (start != null && start <= at) {
                round = r + 1;
            }
        }
        return round;
    }

    /** The newest status of every rollout on {@code branch}. */
    private Map<String, RolloutStatus> statuses(String branch) throws IOException {
        List<String> names = new ArrayList<>(fixture.keySet());
        String head;
        try {
            head = GitCli.run(bare, "rev-parse", "--verify", "-q", branch);
        } catch (IllegalStateException none) {
            return Map.of();
        }
        StringBuilder in = new StringBuilder();
        names.forEach(n -> in.append(head).append(":status/").append(n).append(".yaml\n"));
        List<String> texts = catFile(in.toString());
        Map<String, RolloutStatus> out = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (texts.get(i) != null) {
                out.put(names.get(i), StatusYamlReader.read(texts.get(i), names.get(i)));
            }
        }
        return out;
    }

    /**
     * The rollouts that are done with their round as the status on main says (Healthy on the round's
     * version; isshoni-web RolledBack on its retry); each round's writes are checked once when it is done.
     */
    private List<String> roundsDone() throws IOException {
        Map<String, RolloutStatus> main = statuses(MAIN);
        Map<String, Integer> positions = mainPositions();
        List<String> done = new ArrayList<>();
        for (String name : fixture.keySet()) {
            RolloutStatus s = main.get(name);
            int round = rounds.get(name);
            Phase finished = name.equals(ISSHONI) ? Phase.RolledBack : Phase.Healthy;
            if (s != null && s.phase() == finished && roundOf(name, s.observedCommit().orElse(""), positions) == round
                    && (!name.equals(ISSHONI) || s.retry() == round - 1)) {
                done.add(name);
                if (checkedRounds.add(name + " " + round)) {
                    checkRound(name, round);
                }
            }
        }
        return done;
    }

    // --- checks ----------------------------------------------------------------------------------

    /** Polls {@code /api/rollouts} (at most every 250 ms) while the daemon is up: drift must never show. */
    private void pollApi() {
        long now = System.currentTimeMillis();
        if (now - lastApiPoll < 250) {
            return;
        }
        lastApiPoll = now;
        Http.Response r = Http.get(apiBase.resolve("/api/rollouts"));
        if (r.status() == 200) {
            checkApi(r.json());
        }
    }

    private void checkApi(JsonNode list) {
        for (JsonNode n : list) {
            String phase = n.path("phase").asText();
            String message = n.path("message").asText();
            if (("Degraded".equals(phase) || message.contains("outside sluice"))
                    && reported.add("api " + n.path("name").asText() + " " + phase + " " + message)) {
                violations.add("life " + life + " (first seen): /api/rollouts shows " + n.path("name").asText() + " " + phase
                        + ": " + message);
            }
        }
    }

    /** After each restart: the resources went only through the round's steps so far, and Git holds no drift. */
    private void checkpoint() throws IOException {
        if (watcher.failure != null) {
            throw new IllegalStateException("the watcher failed", watcher.failure);
        }
        for (Res res : Res.values()) {
            int round = rounds.get(res.rollout);
            for (int r = Math.max(1, round - 1); r <= round; r++) {
                List<String> seen = valuesIn(res, r);
                List<String> expected = expectedValues(res, r);
                if ((seen.size() > expected.size() || !expected.subList(0, seen.size()).equals(seen))
                        && reported.add("prefix " + res + " " + r)) {
                    violations.add(res.rollout + " round " + r + " (first seen after kill " + kills.size() + "): " + res
                            + " went through " + seen + ", expected (a prefix of) " + expected + "; last kill: "
                            + (kills.isEmpty() ? "none" : kills.get(kills.size() - 1)));
                }
            }
        }
        for (Map.Entry<String, RolloutStatus> e : statuses(MAIN).entrySet()) {
            driftIn(e.getValue(), MAIN + " head after kill " + kills.size());
        }
    }

    /** The values a resource took in a round (percent of the round's new side, or the ECS revision). */
    private List<String> valuesIn(Res res, int round) {
        return watcher.transitions().stream().filter(t -> t.res() == res && t.round() == round)
                .map(t -> valueOf(res, t.to(), round)).toList();
    }

    private String valueOf(Res res, Reading reading, int round) {
        if (!res.weighted()) {
            return reading.percents().keySet().iterator().next();
        }
        return Integer.toString(reading.percents().getOrDefault(canaryKey(res, round), 0));
    }

    /** The target group, version or set identifier that is new in {@code round}. */
    private String canaryKey(Res res, int round) {
        boolean odd = round % 2 == 1;
        return switch (res) {
            case ISSHONI_LISTENER -> "isshoni-green";
            case NODEAPP_LISTENER -> "nodeapp-" + (odd ? "green" : "blue");
            case RAG_LISTENER -> "rag-backend-" + blueGreenSide(round);
            case MODEL_RULE -> "model-api-" + (odd ? "green" : "blue");
            case ALIAS -> odd ? "2" : "1";
            case RECORDS -> odd ? "app-alb" : "app-single-host";
            default -> throw new IllegalArgumentException(res.toString());
        };
    }

    /** What a resource goes through in a round: each setWeight once (isshoni-web: then its rollback), or one deploy. */
    private List<String> expectedValues(Res res, int round) {
        switch (res) {
            case RAG_SERVICE:
                return List.of(FastExample.ragRevision(round));
            case RAG_BLUE_SERVICE:
            case RAG_GREEN_SERVICE:
                boolean deployedHere = (res == Res.RAG_GREEN_SERVICE) == blueGreenSide(round).equals("green");
                return deployedHere ? List.of(FastExample.blueGreenRevision(round)) : List.of();
            default:
                List<String> out = new ArrayList<>();
                for (Step s : fixture.get(res.rollout).strategy().steps()) {
                    if (s instanceof Step.SetWeight w) {
                        out.add(Integer.toString(w.percent()));
                        if (res == Res.ISSHONI_LISTENER && w.percent() == FastExample.ISSHONI_ROLLBACK_AT) {
                            out.add("0");
                            break;
                        }
                    }
                }
                return out;
        }
    }

    private void driftIn(RolloutStatus s, String where) {
        for (RolloutStatus.HistoryEntry h : s.history()) {
            if ((h.event().equals("drift") || h.event().equals("heal")) && reported.add(s.rollout() + " " + h)) {
                violations.add(where + ": " + s.rollout() + " has a " + h.event() + " entry at " + h.at() + " (" + h.from().orElse("")
                        + " -> " + h.to().orElse("") + ", " + h.reason().orElse("") + "); phase " + s.phase() + ": " + s.message());
            }
        }
        if (s.phase() == Phase.Degraded && reported.add(s.rollout() + " Degraded " + s.message())) {
            violations.add(where + ": " + s.rollout() + " is Degraded: " + s.message());
        }
    }

    /** A rollout is done with a round: each of its resources went through exactly the round's steps. */
    private void checkRound(String rollout, int round) {
        watcher.settle();
        for (Res res : Res.values()) {
            if (!res.rollout.equals(rollout)) {
                continue;
            }
            List<String> seen = valuesIn(res, round);
            List<String> expected = expectedValues(res, round);
            if (!seen.equals(expected)) {
                violations.add(rollout + " round " + round + " done: " + res + " went through " + seen + ", expected " + expected);
            }
        }
    }

    /** The end: every rollout where its round says, both branches agreeing with each other and with the simulator. */
    private void checkFinal(List<String> done) throws IOException {
        watcher.repeats.forEach((op, times) -> violations.add(op + ": " + times.size() + " successful call(s) changed"
                + " nothing (a write made again), first " + times.get(0) + (times.size() > 1 ? "; then in " + times.subList(1,
                times.size()).stream().map(t -> t.substring(0, t.indexOf(" at "))).toList() : "")));
        Map<String, RolloutStatus> main = statuses(MAIN);
        Map<String, RolloutStatus> record = statuses(RECORD);
        Map<Res, Reading> sim = readingsOf(simState());
        for (String name : fixture.keySet()) {
            RolloutStatus s = main.get(name);
            int round = rounds.get(name);
            if (!done.contains(name)) {
                violations.add("end: " + name + " is not done with round " + round + " " + FINISH.toSeconds() + " s after the"
                        + " last restart: " + (s == null ? "no status" : s.phase() + " " + s.step().map(Object::toString)
                        .orElse("") + ": " + s.message()));
                continue;
            }
            if (!s.equals(record.get(name))) {
                violations.add("end: status of " + name + " differs between " + MAIN + " and " + RECORD + ":\n  " + s + "\n  "
                        + record.get(name));
            }
            boolean odd = round % 2 == 1;
            String stable = switch (name) {
                case ISSHONI -> "blue";
                case "nodeapp-alb", "model-platform" -> odd ? "green" : "blue";
                case "nodeapp-dns" -> odd ? "alb" : "single-host";
                case "makenaide-orchestrator" -> canaryKey(Res.ALIAS, round);
                case "rag-backend" -> FastExample.ragRevision(round);
                case "rag-backend-bluegreen" -> FastExample.blueGreenRevision(round);
                default -> throw new IllegalStateException(name);
            };
            expectSide(s, s.stable(), stable, 100);
            if (name.equals(ISSHONI)) {
                expectSide(s, s.canary(), "green", 0);
            } else if (s.canary().isPresent()) {
                violations.add("end: " + name + " is " + s.phase() + " but still records a canary " + s.canary().get());
            }
            for (Res res : Res.values()) {
                if (!res.rollout.equals(name)) {
                    continue;
                }
                Reading live = sim.get(res);
                if (res.weighted()) {
                    int percent = live.percents().getOrDefault(canaryKey(res, round), 0);
                    int expected = res == Res.ISSHONI_LISTENER ? 0 : 100;
                    if (percent != expected) {
                        violations.add("end: " + res + " holds " + live.text() + ": " + canaryKey(res, round) + " at " + percent
                                + "%, while the status of " + name + " says " + expected + "%");
                    }
                } else if (res == Res.RAG_SERVICE && !live.percents().containsKey(FastExample.ragRevision(round))
                        || res == (blueGreenSide(round).equals("green") ? Res.RAG_GREEN_SERVICE : Res.RAG_BLUE_SERVICE)
                        && !live.percents().containsKey(FastExample.blueGreenRevision(round))) {
                    violations.add("end: " + res + " runs " + live.text() + ", while the status of " + name + " says "
                            + s.stable().map(Object::toString).orElse("nothing"));
                }
            }
        }
    }

    private void expectSide(RolloutStatus s, Optional<RolloutStatus.Side> side, String name, double weight) {
        if (side.isEmpty() || !side.get().name().equals(name) || side.get().weight() != weight) {
            violations.add("end: " + s.rollout() + " (" + s.phase() + ") records " + side.map(Object::toString).orElse("no side")
                    + ", expected " + name + " at " + weight + "%: " + s.message());
        }
    }

    /**
     * Every status in every commit of both branches: no drift, no Degraded; each timed pause or analysis
     * step recorded with one start (and one deadline) only; the write after it not before its end; and
     * it starting no earlier than the write before it.
     */
    private void checkHistory() throws IOException {
        Map<String, Integer> positions = mainPositions();
        List<Snapshot> all = new ArrayList<>(snapshots(MAIN, positions));
        all.addAll(snapshots(RECORD, positions));
        Map<String, Set<Instant>> starts = new TreeMap<>();
        Map<String, Set<Instant>> deadlines = new TreeMap<>();
        Map<String, String> firstSeen = new TreeMap<>();
        for (Snapshot snap : all) {
            RolloutStatus s = snap.status();
            driftIn(s, snap.branch() + " commit " + abbrev(snap.commit()));
            int round = roundOf(s.rollout(), s.observedCommit().orElse(""), positions);
            if (round == 0 || s.step().isEmpty() || s.stepStartedAt().isEmpty()
                    || !(s.phase() == Phase.Progressing || s.phase() == Phase.Paused)) {
                continue;
            }
            if (s.rollout().equals(ISSHONI) && s.retry() != round - 1) {
                continue;
            }
            int k = s.step().get().index();
            List<Step> steps = fixture.get(s.rollout()).strategy().steps();
            if (k < 1 || k > steps.size() || !timed(steps.get(k - 1))) {
                continue;
            }
            String key = s.rollout() + " round " + round + " step " + k;
            starts.computeIfAbsent(key, x -> new LinkedHashSet<>()).add(s.stepStartedAt().get());
            s.pausedUntil().ifPresent(u -> deadlines.computeIfAbsent(key, x -> new LinkedHashSet<>()).add(u));
            firstSeen.putIfAbsent(key + " " + s.stepStartedAt().get(), snap.branch() + " " + abbrev(snap.commit()));
        }
        starts.forEach((key, set) -> {
            if (set.size() > 1) {
                List<String> where = set.stream().map(t -> t + " (first in " + firstSeen.get(key + " " + t) + ")").toList();
                violations.add("pause restarted: " + key + " was recorded as starting at " + where);
            }
        });
        deadlines.forEach((key, set) -> {
            if (set.size() > 1) {
                violations.add("pause deadline moved: " + key + " was recorded with pausedUntil " + set);
            }
        });
        // the write after a timed step is not made before the step's end; the step starts after the write before it
        for (Res res : Res.values()) {
            for (int round = 1; round <= rounds.get(res.rollout); round++) {
                if (!res.weighted()) {
                    continue;
                }
                List<Step> steps = fixture.get(res.rollout).strategy().steps();
                int finalRound = round;
                List<Transition> writes = watcher.transitions().stream()
                        .filter(t -> t.res() == res && t.round() == finalRound).toList();
                int w = 0;
                for (int k = 1; k <= steps.size(); k++) {
                    Step step = steps.get(k - 1);
                    if (step instanceof Step.SetWeight) {
                        w++;
                        continue;
                    }
                    String key = res.rollout + " round " + round + " step " + k;
                    if (!timed(step) || !starts.containsKey(key) || w == 0 || w > writes.size()) {
                        continue;
                    }
                    Instant start = starts.get(key).iterator().next();
                    Duration length = step instanceof Step.Pause p ? p.duration().get() : ((Step.Analysis) step).duration();
                    Transition before = writes.get(w - 1);
                    Instant writtenNotBefore = Instant.ofEpochMilli(before.notBefore()).truncatedTo(ChronoUnit.SECONDS);
                    if (start.isBefore(writtenNotBefore)) {
                        violations.add("pause started early: " + key + " recorded as starting at " + start + ", but the write"
                                + " before it (" + valueOf(res, before.to(), round) + "%) was made after " + Instant.ofEpochMilli(before.notBefore()));
                    }
                    int nextWeight = nextSetWeight(steps, k);
                    if (w < writes.size() && valueOf(res, writes.get(w).to(), round).equals(Integer.toString(nextWeight))) {
                        Transition next = writes.get(w); // not a rollback, which may come at any time
                        Instant end = start.plus(length);
                        if (Instant.ofEpochMilli(next.seenAt()).isBefore(end)) {
                            violations.add("pause shortened: " + key + " (" + length.toSeconds() + " s from " + start + ") was"
                                    + " followed by the write to " + valueOf(res, next.to(), round) + "% at or before "
                                    + Instant.ofEpochMilli(next.seenAt()) + " (life " + next.life() + ")");
                        }
                    }
                }
            }
        }
    }

    private static int nextSetWeight(List<Step> steps, int index) {
        for (int i = index; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.SetWeight w) {
                return w.percent();
            }
        }
        return -1;
    }

    /** Write calls the simulator refused (for the record: a refused write is retried, never a repeated step). */
    private void noteRefusedWrites() {
        JsonNode calls = Http.get(simBase.resolve("/_sim/calls")).json();
        for (String op : WRITE_OPS) {
            String[] parts = op.split("/");
            iterable(calls.path(parts[0]).path(parts[1])).forEach(outcome -> {
                if (!outcome.getKey().equals("ok")) {
                    notes.add(op + " answered " + outcome.getKey() + " " + outcome.getValue().asLong() + " time(s)");
                }
            });
        }
    }

    private static boolean timed(Step step) {
        return step instanceof Step.Analysis || step instanceof Step.Pause p && p.duration().isPresent();
    }

    // --- reporting -------------------------------------------------------------------------------

    private String summary(long seed, Duration took) {
        Map<Kind, Integer> byKind = confirmedKinds();
        Map<Mode, Long> byMode = kills.stream().collect(Collectors.groupingBy(Kill::mode, () -> new EnumMap<>(Mode.class),
                Collectors.counting()));
        long confirmed = kills.stream().filter(Kill::confirmedAfterWrite).count();
        long afterWrite = kills.stream().filter(k -> k.mode() == Mode.AFTER_WRITE).count();
        long betweenPushes = kills.stream().filter(k -> k.mode() == Mode.BETWEEN_PUSHES && k.detail().startsWith("between")).count();
        long mainFirst = kills.stream().filter(k -> k.mode() == Mode.BETWEEN_PUSHES
                && k.detail().startsWith("between the status pushes: " + MAIN)).count();
        StringBuilder kinds = new StringBuilder();
        for (Kind k : Kind.values()) {
            kinds.append(kinds.length() == 0 ? "" : ", ").append(k.label).append(' ').append(byKind.getOrDefault(k, 0));
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("CrashSuiteIT: %d kill points in %d s (%s); %d after an AWS write, %d of them"
                        + " confirmed before the status commit (%s); %d between the pushes of one status write to %s and"
                        + " %s (%d with %s pushed first); rounds reached %s; %d violation(s); seed %d",
                kills.size(), took.toSeconds(), byMode, afterWrite, confirmed, kinds, betweenPushes, MAIN, RECORD, mainFirst,
                MAIN, new TreeMap<>(rounds), violations.size(), seed));
        b.append(String.format("%n  watcher: %d polls, longest gap between two polls %d ms", watcher.polls, watcher.maxGap));
        synchronized (violations) {
            for (String v : violations) {
                b.append("\n  VIOLATION ").append(v);
            }
        }
        notes.forEach(n -> b.append("\n  note ").append(n));
        b.append("\n  artifacts (daemon log, simulator log, served repository): ").append(ARTIFACTS.toAbsolutePath());
        return b.toString();
    }

    /** The daemon and simulator logs, the served repository and a kill list, kept for reading after the run. */
    private void keepArtifacts() {
        try {
            if (Files.exists(ARTIFACTS)) {
                try (Stream<Path> walk = Files.walk(ARTIFACTS)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(ARTIFACTS);
            for (String log : List.of("sluice-run.log", "sluice-aws-sim.log")) {
                if (Files.exists(tmp.resolve(log))) {
                    Files.copy(tmp.resolve(log), ARTIFACTS.resolve(log), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            StringBuilder k = new StringBuilder();
            kills.forEach(x -> k.append(x).append('\n'));
            if (watcher != null) {
                watcher.transitions().forEach(t -> k.append(t).append('\n'));
            }
            Files.writeString(ARTIFACTS.resolve("kills-and-writes.txt"), k.toString());
            if (bare != null && Files.isDirectory(bare)) {
                GitCli.run(tmp, "clone", "-q", "--mirror", bare.toString(), ARTIFACTS.toAbsolutePath().resolve("config.git").toString());
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("CrashSuiteIT: could not keep the artifacts: " + e);
        }
    }

    private static String abbrev(String sha) {
        return sha == null || sha.length() < 8 ? String.valueOf(sha) : sha.substring(0, 8);
    }
}
