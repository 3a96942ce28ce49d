package io.sluice.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitDaemonServer;
import io.sluice.git.servers.UserClone;
import io.sluice.lease.Shards;
import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.StatusYamlReader;
import io.sluice.sim.apps.AppStandIns;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Three packaged daemons with DynamoDB leases on one repository and one simulator, the owner killed
 * with SIGKILL again and again at random moments (a new instance starting in its place; a new round of
 * every rollout pushed whenever all have ended, so that kills land mid-step), sometimes
 * cut off DynamoDB instead (a partition: it keeps AWS), sometimes with its wall clock jumped 30 s
 * ahead or back first. What is measured, from outside the daemons:
 * <ul>
 *   <li>takeover time: from the kill (or the cut) until another instance holds the shard in the table;
 *   <li>overlapping writes: from the simulator's call log, each AWS write (one access key per
 *       instance) must come while its writer held the shard in the table, and per shard the writes
 *       of one instance must form one unbroken run that ends before the next instance's first
 *       write begins;
 *   <li>the rollouts: every one ends as it must (isshoni-web rolled back, the others healthy), no pause
 *       was started twice, and no instance took another's write for drift.
 * </ul>
 */
public final class Failover {
    private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
    private static final String TABLE = "sluice-leases";
    private static final String ISSHONI = "isshoni-web";
    private static final int DAEMONS = 3;

    /**
     * @param kills how many times the owner is taken away
     * @param partitionEvery every this many kills, the owner is cut off DynamoDB instead of killed (0: never)
     * @param clockJumpEvery every this many kills, the owner's wall clock first jumps 30 s (0: never)
     */
    public record Settings(int kills, Duration lease, Duration renew, long seed, Path dir, int partitionEvery,
                           int clockJumpEvery, Duration pause) {
    }

    /** One takeover: what happened to the owner, and how long until another instance held its shard. */
    public record Takeover(int kill, String how, String from, String to, Duration took) {
    }

    public record Result(List<Takeover> takeovers, List<String> overlaps, List<String> violations, int writes,
                         int instances, Map<String, String> ended) {
        public List<Duration> times() {
            return takeovers.stream().map(Takeover::took).toList();
        }
    }

    private final Settings settings;
    private final Random random;
    private final List<String> violations = new ArrayList<>();
    private final List<Takeover> takeovers = new ArrayList<>();
    private final Map<String, Rollout> fixture = new TreeMap<>();
    private final Map<Integer, Life> lives = new ConcurrentHashMap<>();
    private final Map<String, String> baseEnv = new LinkedHashMap<>();
    private URI simBase;
    private DynamoDbClient dynamo;
    private Path bare;
    private int nextLife = 1;
    private UserClone user;
    /** The round each rollout is in, and the commit that started it. */
    private int round = 1;
    private String roundCommit;
    private final List<String> roundCommits = new ArrayList<>();

    /** One instance of sluice: a process with its own name, access key and clock file. */
    private record Life(int n, int slot, SluiceProcess process, Path clock, URI api) {
        String instance() {
            return "life-" + n;
        }

        String accessKey() {
            return accessKeyOf(n);
        }
    }

    private Failover(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    static String accessKeyOf(int life) {
        return String.format("AKIDFAILOVER%08d", life);
    }

    /** Whether wall-clock jumps can be made here (libfaketime, which scripts/setup installs). */
    public static boolean canJumpClocks() {
        return Files.isRegularFile(FAKETIME);
    }

    public static Result run(Settings settings) throws Exception {
        return new Failover(settings).go();
    }

    private Result go() throws Exception {
        if (settings.clockJumpEvery() > 0 && !canJumpClocks()) {
            throw new IllegalStateException(FAKETIME + " is missing: run scripts/setup (it installs libfaketime)");
        }
        Path tmp = settings.dir();
        Path repos = Files.createDirectories(tmp.resolve("git"));
        Map<String, String> files = slowedDown(FastExample.roundFiles(1));
        readFixture(files);
        bare = GitCli.seededBareRepo(repos, "config.git", files);
        roundCommit = GitCli.run(bare, "rev-parse", "main").trim();
        roundCommits.add(roundCommit);
        Path scenario = Files.writeString(tmp.resolve("scenario.yaml"), FastExample.scenario());
        int awsPort = GitCli.freePort();
        simBase = URI.create("http://127.0.0.1:" + awsPort);
        try (GitDaemonServer git = new GitDaemonServer(repos).start();
             AppStandIns apps = new AppStandIns(Check.hostsOf(fixture.values(), Check.Kind.HTTP),
                     Check.hostsOf(fixture.values(), Check.Kind.PROMETHEUS));
             SluiceProcess aws = SluiceProcess.start("aws-sim", List.of(), List.of("simulate", "--aws-only",
                     "--real-clock", "--port", Integer.toString(awsPort), "--scenario", scenario.toString()), Map.of(), tmp)) {
            aws.awaitHttp(simBase.resolve("/_sim/state"), Duration.ofSeconds(60));
            dynamo = DynamoDbClient.builder().endpointOverride(simBase).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAILOVERWATCHER", "w")))
                    .build();
            dynamo.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("shard").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("shard").keyType(KeyType.HASH)));
            baseEnv.put("SLUICE_GIT_URL", git.url("config.git"));
            user = new UserClone(tmp, git.url("config.git"));
            baseEnv.put("SLUICE_GIT_POLL_INTERVAL", "1s");
            baseEnv.put("SLUICE_GIT_TIMEOUT", "5s");
            baseEnv.put("SLUICE_RECONCILE_INTERVAL", "1s");
            baseEnv.put("SLUICE_AWS_ENDPOINT_OVERRIDE", simBase.toString());
            baseEnv.put("SLUICE_AWS_SECRET_ACCESS_KEY", "failover");
            baseEnv.put("SLUICE_ANALYSIS_RESOLVE", String.join(",", apps.resolveEntries()));
            baseEnv.put("SLUICE_LEASE_BACKEND", "dynamodb");
            baseEnv.put("SLUICE_LEASE_TABLE", TABLE);
            baseEnv.put("SLUICE_LEASE_DURATION", settings.lease().toMillis() + "ms");
            baseEnv.put("SLUICE_LEASE_RENEW_EVERY", settings.renew().toMillis() + "ms");
            try {
                for (int slot = 1; slot <= DAEMONS; slot++) {
                    start(slot);
                }
                String shard = mainShard();
                tenures.start(fixture.values().stream().map(r -> Shards.of(r, "us-east-1")).collect(Collectors.toSet()));
                Holder first = awaitHolder(shard, h -> true, Duration.ofSeconds(90), "a first holder of " + shard);
                log("%s holds %s (epoch %d)", first.holder(), shard, first.epoch());
                for (int k = 1; k <= settings.kills(); k++) {
                    takeAway(k, shard);
                }
                finish();
                tenures.stop();
                checkWrites();
                checkHistory();
            } finally {
                lives.values().forEach(l -> l.process().close());
                dynamo.close();
            }
            return new Result(List.copyOf(takeovers), overlaps, List.copyOf(violations), writes, nextLife - 1, ended);
        }
    }

    // --- the fixture ------------------------------------------------------------------------------

    /** Longer pauses than the crash suite's, so that the owner is often killed in the middle of a step. */
    private Map<String, String> slowedDown(Map<String, String> files) {
        String pause = "pause: " + settings.pause().toSeconds() + "s";
        files.replaceAll((path, text) -> path.startsWith("rollouts/") ? text.replace("pause: 4s", pause)
                .replace("analysis: 4s", "analysis: " + settings.pause().toSeconds() + "s") : text);
        return files;
    }

    private void readFixture(Map<String, String> files) throws IOException {
        FastExample.read(files, settings.dir().resolve("fixture")).forEach(r -> fixture.put(r.name(), r));
    }


    /** The shard with the most rollouts: the one whose owner is taken away. */
    private String mainShard() {
        Map<String, Long> counts = fixture.values().stream()
                .collect(Collectors.groupingBy(r -> Shards.of(r, "us-east-1"), TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** The shards whose AWS writes go through each service (an ECS blue/green rollout also writes its listener). */
    private Map<String, Set<String>> shardsByService() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Rollout r : fixture.values()) {
            String shard = Shards.of(r, "us-east-1");
            List<String> services = switch (r.target().kind()) {
                case ALB -> List.of("elasticloadbalancing");
                case LAMBDA -> List.of("lambda");
                case ROUTE53 -> List.of("route53");
                case ECS -> List.of("ecs", "elasticloadbalancing");
            };
            services.forEach(s -> out.computeIfAbsent(s, x -> new TreeSet<>()).add(shard));
        }
        return out;
    }

    // --- lives ------------------------------------------------------------------------------------

    private Life start(int slot) throws IOException {
        int n = nextLife++;
        Map<String, String> env = new LinkedHashMap<>(baseEnv);
        env.put("SLUICE_GIT_WORK_DIR", settings.dir().resolve("clone-" + slot).toString());
        env.put("SLUICE_AWS_ACCESS_KEY_ID", accessKeyOf(n));
        env.put("SLUICE_LEASE_INSTANCE", "life-" + n);
        int port = GitCli.freePort();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Path clock = settings.dir().resolve("clock-" + n);
        if (settings.clockJumpEvery() > 0) {
            Files.writeString(clock, "+0s\n");
            env.put("LD_PRELOAD", FAKETIME.toString());
            env.put("FAKETIME_TIMESTAMP_FILE", clock.toString());
            env.put("FAKETIME_CACHE_DURATION", "1");
            env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
            // without this, libfaketime turns the JVM's timed waits into busy loops
            env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
        }
        SluiceProcess p = SluiceProcess.start("life-" + n, List.of("-XX:TieredStopAtLevel=1"), List.of("run"), env,
                settings.dir());
        Life life = new Life(n, slot, p, clock, URI.create("http://127.0.0.1:" + port));
        lives.put(n, life);
        return life;
    }

    private Optional<Life> lifeOf(String instance) {
        return lives.values().stream().filter(l -> l.instance().equals(instance)).findFirst();
    }

    /** Takes the shard's owner away once: a kill, a partition or a clock jump then a kill. */
    private void takeAway(int k, String shard) throws Exception {
        advanceIfEnded();
        Holder before = awaitHolder(shard, h -> lifeOf(h.holder()).map(l -> l.process().alive()).orElse(false),
                Duration.ofSeconds(60), "a live holder of " + shard);
        awaitStandbys(before.holder());
        Thread.sleep(1000 + random.nextInt(5000)); // a random moment of its tenure: mid-step, mid-write, idle
        Holder now = holder(shard).orElseThrow();
        if (!now.equals(before)) {
            violations.add("kill " + k + ": the lease of " + shard + " moved from " + before + " to " + now + " with nobody killed");
        }
        Life owner = lifeOf(now.holder()).orElseThrow();
        if (settings.clockJumpEvery() > 0 && k % settings.clockJumpEvery() == 0) {
            String jump = random.nextBoolean() ? "+30s" : "-30s";
            Files.writeString(owner.clock(), jump + "\n");
            Thread.sleep(settings.renew().multipliedBy(2).toMillis() + 1000);
            Optional<Holder> after = holder(shard);
            if (!after.equals(Optional.of(now)) && !(after.isPresent() && after.get().holder().equals(now.holder()))) {
                violations.add("kill " + k + ": " + owner.instance() + "'s wall clock jumped " + jump + " and it lost "
                        + shard + " to " + after.map(Holder::holder).orElse("nobody"));
            }
            log("kill %d: %s's wall clock jumped %s, it still holds %s", k, owner.instance(), jump, shard);
        }
        boolean partition = settings.partitionEvery() > 0 && k % settings.partitionEvery() == 0;
        long taken = System.nanoTime();
        if (partition) {
            Http.Response r = Http.post(simBase.resolve("/_sim/faults"), "{\"service\": \"dynamodb\","
                    + " \"accessKeyId\": \"" + owner.accessKey() + "\", \"kind\": \"drop\"}");
            if (r.status() != 200) {
                throw new IllegalStateException("the partition was refused: " + r);
            }
        } else {
            owner.process().kill();
            lives.remove(owner.n());
            start(owner.slot());
        }
        Duration bound = settings.lease().plus(settings.renew()).plus(Duration.ofSeconds(20));
        Holder next = awaitHolder(shard, h -> !h.holder().equals(now.holder()), bound, "a takeover of " + shard);
        Duration took = Duration.ofNanos(System.nanoTime() - taken);
        String how = partition ? "cut off DynamoDB" : "SIGKILL";
        takeovers.add(new Takeover(k, how, now.holder(), next.holder(), took));
        log("kill %d: %s %s; %s took %s over after %d ms (epoch %d)", k, now.holder(), how, next.holder(), shard,
                took.toMillis(), next.epoch());
        if (next.epoch() != now.epoch() + 1) {
            violations.add("kill " + k + ": the takeover of " + shard + " went from epoch " + now.epoch() + " to " + next.epoch());
        }
        if (partition) {
            Thread.sleep(settings.renew().multipliedBy(2).toMillis());
            Http.delete(simBase.resolve("/_sim/faults"));
            // healed: the old holder finds its epoch gone and stays a standby; it is retired at the next kill
            Thread.sleep(settings.renew().multipliedBy(2).toMillis());
            owner.process().close();
            lives.remove(owner.n());
            start(owner.slot());
        }
    }

    /** Waits until every other live instance is ready (a standby, or holding its share of other shards). */
    private void awaitStandbys(String owner) {
        for (Life l : List.copyOf(lives.values())) {
            if (!l.instance().equals(owner)) {
                l.process().awaitHttp(l.api().resolve("/q/health/ready"), Duration.ofSeconds(120));
                Await.until(Duration.ofSeconds(120), l.instance() + " ready",
                        () -> Http.get(l.api().resolve("/q/health/ready")),
                        r -> r.status() == 200 && r.body().contains("\"role\""), l.process()::tail);
            }
        }
    }

    /**
     * When every rollout has ended its round, starts the next one (each rollout to its other version,
     * isshoni-web retried), so that the owner keeps being killed in the middle of steps.
     */
    private void advanceIfEnded() throws IOException {
        Map<String, RolloutStatus> now = statuses("main");
        if (!fixture.keySet().stream().allMatch(n -> now.containsKey(n) && endedThisRound(n, now.get(n)))) {
            return;
        }
        round++;
        Map<String, String> files = slowedDown(FastExample.roundFiles(round));
        user.pull();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().startsWith("rollouts/")) {
                user.write(f.getKey(), f.getValue());
            }
        }
        user.commit("Round " + round + " of every rollout");
        for (int attempt = 1; ; attempt++) {
            try {
                user.push();
                break;
            } catch (IllegalStateException rejected) {
                // a status commit landed meanwhile: put the round on top of it
                if (attempt == 5) {
                    throw rejected;
                }
                user.git("pull", "-q", "--rebase", "origin", "main");
            }
        }
        roundCommit = user.git("rev-parse", "HEAD").trim();
        roundCommits.add(roundCommit);
        log("round %d pushed as %s", round, roundCommit.substring(0, 8));
    }

    /** Ended as it must, answering the commit of the current round or a later one. */
    private boolean endedThisRound(String name, RolloutStatus s) {
        if (!ended(name, s) || s.observedCommit().isEmpty()) {
            return false;
        }
        try {
            GitCli.run(bare, "merge-base", "--is-ancestor", roundCommit, s.observedCommit().get());
            return true;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    /** After the last kill the instances run on until every rollout has ended its round (or a time limit). */
    private void finish() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, RolloutStatus> now = statuses("main");
            if (fixture.keySet().stream().allMatch(n -> now.containsKey(n) && endedThisRound(n, now.get(n)))) {
                break;
            }
            Thread.sleep(1000);
        }
        Map<String, RolloutStatus> last = statuses("main");
        for (String name : fixture.keySet()) {
            RolloutStatus s = last.get(name);
            ended.put(name, s == null ? "no status" : s.phase() + " in round " + round);
            if (s == null || !endedThisRound(name, s)) {
                violations.add(name + " did not end as it must (" + (name.equals(ISSHONI) ? "RolledBack" : "Healthy")
                        + "): " + (s == null ? "no status on main" : s.phase() + " " + s.message()));
            }
        }
        Thread.sleep(3000); // quiet time: a write made twice after the end would show in the log
    }

    private final Map<String, String> ended = new TreeMap<>();

    private static boolean ended(String name, RolloutStatus s) {
        return s.phase() == (name.equals(ISSHONI) ? Phase.RolledBack : Phase.Healthy);
    }

    // --- the lease table --------------------------------------------------------------------------

    record Holder(String holder, long epoch) {
    }

    private Optional<Holder> holder(String shard) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(TABLE).consistentRead(true)
                .key(Map.of("shard", AttributeValue.fromS(shard)))).item();
        if (item == null || item.isEmpty() || !item.containsKey("holder") || item.get("holder").s().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Holder(item.get("holder").s(), Long.parseLong(item.get("epoch").n())));
    }

    private Holder awaitHolder(String shard, java.util.function.Predicate<Holder> wanted, Duration atMost, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            Optional<Holder> h = holder(shard);
            if (h.isPresent() && wanted.test(h.get())) {
                return h.get();
            }
            if (System.nanoTime() > deadline) {
                String tails = lives.values().stream().map(l -> l.process().tail()).collect(Collectors.joining("\n"));
                throw new IllegalStateException("no " + what + " within " + atMost.toSeconds() + " s (table: "
                        + h.orElse(null) + ")\n" + tails);
            }
            Thread.sleep(50);
        }
    }

    // --- who held what, when ------------------------------------------------------------------------

    private final Tenures tenures = new Tenures();

    private static String instanceOf(String accessKey) {
        return "life-" + Integer.parseInt(accessKey.substring("AKIDFAILOVER".length()));
    }

    /**
     * The holders of every shard as seen by polling the table every 100 ms, on the same clock as the
     * simulator's call log (microseconds since the epoch). A holder's tenure runs from 300 ms before it
     * was first seen (it may write right after taking the lease, before a poll sees it) to 100 ms
     * after it was last seen.
     */
    final class Tenures {
        private record Seen(String shard, String holder, long at) {
        }

        private final List<Seen> seen = new ArrayList<>();
        private volatile boolean running = true;
        private Thread thread;

        void start(Set<String> shards) {
            thread = new Thread(() -> {
                while (running) {
                    for (String shard : shards) {
                        long at = System.currentTimeMillis() * 1000;
                        try {
                            String h = holder(shard).map(Holder::holder).orElse("");
                            synchronized (seen) {
                                seen.add(new Seen(shard, h, at));
                            }
                        } catch (RuntimeException e) {
                            // the simulator is going away
                        }
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "failover-tenures");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        boolean heldAt(String shard, String instance, long at) {
            List<Seen> mine;
            synchronized (seen) {
                mine = seen.stream().filter(x -> x.shard().equals(shard)).toList();
            }
            for (int i = 0; i < mine.size(); i++) {
                if (!mine.get(i).holder().equals(instance)) {
                    continue;
                }
                int j = i;
                while (j + 1 < mine.size() && mine.get(j + 1).holder().equals(instance)) {
                    j++;
                }
                if (at >= mine.get(i).at() - 300_000 && at <= mine.get(j).at() + 100_000) {
                    return true;
                }
                i = j;
            }
            return false;
        }
    }

    // --- the call log -----------------------------------------------------------------------------

    private final List<String> overlaps = new ArrayList<>();
    private int writes;

    /** One AWS write as the simulator logged it. */
    record Write(long start, long end, String service, String operation, String key, String outcome) {
    }

    private void checkWrites() {
        List<Write> all = new ArrayList<>();
        long since = 0;
        while (true) {
            JsonNode page = Http.get(simBase.resolve("/_sim/calls/log?since=" + since + "&limit=10000")).json();
            if (page.get("dropped").asLong() > 0) {
                violations.add("the simulator's call log dropped " + page.get("dropped").asLong() + " calls");
            }
            for (JsonNode c : page.get("calls")) {
                String op = c.get("operation").asText();
                String service = c.get("service").asText();
                if (!service.equals("dynamodb") && !service.equals("sts") && !op.startsWith("Describe")
                        && !op.startsWith("Get") && !op.startsWith("List")) {
                    all.add(new Write(c.get("start").asLong(), c.get("end").asLong(), service, op,
                            c.get("accessKeyId").asText(), c.get("outcome").asText()));
                }
            }
            if (page.get("calls").isEmpty()) {
                break;
            }
            since = page.get("next").asLong();
        }
        writes = all.size();
        Map<String, Set<String>> shards = shardsByService();
        Map<String, List<Write>> byShard = new TreeMap<>();
        for (Write w : all) {
            Set<String> candidates = shards.getOrDefault(w.service(), Set.of("?"));
            // the shard of a write: of those whose rollouts use its service, the ones its writer held then
            Set<String> held = new TreeSet<>();
            for (String shard : candidates) {
                if (tenures.heldAt(shard, instanceOf(w.key()), w.start())) {
                    held.add(shard);
                }
            }
            if (held.isEmpty()) {
                overlaps.add(w.key() + "'s " + w.operation() + " at " + w.start() + " µs came while it held none of "
                        + candidates + " in the lease table");
                continue;
            }
            byShard.computeIfAbsent(String.join("+", held), x -> new ArrayList<>()).add(w);
        }
        byShard.forEach((shard, list) -> {
            list.sort((a, b) -> Long.compare(a.start(), b.start()));
            Set<String> finished = new LinkedHashSet<>();
            Write lastOfRun = null;
            for (Write w : list) {
                if (lastOfRun != null && !lastOfRun.key().equals(w.key())) {
                    finished.add(lastOfRun.key());
                    if (lastOfRun.end() > w.start()) {
                        overlaps.add(shard + ": " + w.key() + "'s " + w.operation() + " began " + (lastOfRun.end() - w.start())
                                + " µs before " + lastOfRun.key() + "'s " + lastOfRun.operation() + " ended");
                    }
                }
                if (finished.contains(w.key())) {
                    overlaps.add(shard + ": " + w.key() + " wrote again (" + w.operation() + ") after another instance's writes");
                    finished.remove(w.key());
                }
                lastOfRun = w;
            }
        });
    }

    // --- the status in Git ------------------------------------------------------------------------

    private Map<String, RolloutStatus> statuses(String branch) {
        Map<String, RolloutStatus> out = new TreeMap<>();
        for (String name : fixture.keySet()) {
            try {
                String text = GitCli.run(bare, "show", branch + ":status/" + name + ".yaml");
                out.put(name, StatusYamlReader.read(text, name));
            } catch (IllegalStateException missing) {
                // not written yet
            }
        }
        return out;
    }

    /** No pause started twice, no drift: read from every status commit on main. */
    private void checkHistory() {
        List<String> commits = List.of(GitCli.run(bare, "log", "--format=%H", "main", "--", "status").trim().split("\n"));
        List<String> line = new ArrayList<>(List.of(GitCli.run(bare, "rev-list", "--first-parent", "main").trim().split("\n")));
        Collections.reverse(line);
        Map<String, Set<String>> starts = new TreeMap<>();
        for (String commit : commits) {
            int at = line.indexOf(commit);
            long roundOf = roundCommits.stream().filter(r -> line.indexOf(r) <= at).count();
            for (String name : fixture.keySet()) {
                String text;
                try {
                    text = GitCli.run(bare, "show", commit + ":status/" + name + ".yaml");
                } catch (IllegalStateException missing) {
                    continue;
                }
                RolloutStatus s = StatusYamlReader.read(text, name);
                if ((s.phase() == Phase.Paused || s.phase() == Phase.Progressing) && s.step().isPresent()
                        && s.stepStartedAt().isPresent() && s.pausedUntil().isPresent()) {
                    starts.computeIfAbsent(name + " round " + roundOf + " step " + s.step().get().index() + " retry " + s.retry(),
                            x -> new TreeSet<>()).add(s.stepStartedAt().get().toString());
                }
                // an instance that took its predecessor's write for a person's change would record drift
                s.history().stream().filter(h -> h.event().equals("drift") || h.event().equals("heal"))
                        .forEach(h -> violations.add(name + " recorded " + h.event() + " at " + h.at() + ": " + h.from().orElse("")
                                + " -> " + h.to().orElse("") + " (" + h.reason().orElse("") + ")"));
            }
        }
        starts.forEach((step, set) -> {
            if (set.size() > 1) {
                violations.add("a pause was started more than once: " + step + " started at " + set);
            }
        });
        Set<String> drift = new TreeSet<>(violations.stream().filter(v -> v.contains(" recorded ")).toList());
        violations.removeIf(v -> v.contains(" recorded "));
        violations.addAll(drift);
    }

    private static void log(String format, Object... args) {
        System.out.printf("Failover: " + format + "%n", args);
    }
}
