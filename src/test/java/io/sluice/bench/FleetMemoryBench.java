package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.bench.MixedFleet.Desire;
import io.sluice.model.DesiredState;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.reconcile.PassReport;
import io.sluice.reconcile.Reconciler;
import io.sluice.reconcile.RolloutBoard;
import io.sluice.sim.SimClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 10,000 rollouts (the mixed fleet's proportions) over 20 AWS accounts, one reconcile loop with the
 * 5-minute idle interval, against the simulator in its own process (so this JVM's heap is sluice's,
 * not the simulator's) enforcing the published quotas per account. Each account has its own access
 * key, mapped to its own account id in the simulator's {@code quotas.accounts}, and its own SDK clients
 * and limiter in sluice (see {@link AccountRouting}). A twentieth of the rollouts steps through its
 * strategy during the run; the rest stay at rest. Prints the heap in use after a full GC after warm-up
 * and every 10 simulated minutes of passes (one pass every 10 s of simulated time), and the RSS.
 * Usage: bench/run fleet-memory [--smoke] [--rollouts N] [--accounts A] [--minutes M] [--scale S]
 */
public final class FleetMemoryBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TICK = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        MixedFleet fleet = new MixedFleet(SimThroughputBench.intArg(args, "--rollouts", smoke ? 200 : 10_000));
        int accounts = SimThroughputBench.intArg(args, "--accounts", smoke ? 2 : 20);
        int minutes = SimThroughputBench.intArg(args, "--minutes", smoke ? 3 : 30);
        int scale = SimThroughputBench.intArg(args, "--scale", smoke ? 20 : 1);
        List<String> names = fleet.names();
        Map<String, Integer> accountOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            accountOf.put(names.get(i), i % accounts);
        }
        Path scenario = Files.createTempFile("fleet-scenario", ".yaml");
        Files.writeString(scenario, fleet.scenario(Set.of()));
        Process sim = new ProcessBuilder("java", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.sluice.sim.SimMain", "--port", "0", "--scenario", scenario.toString(),
                "--start", "2026-11-24T10:00:00Z").redirectErrorStream(true).start();
        try {
            URI endpoint = endpointOf(sim);
            admin(endpoint, "clock/advance?seconds=300", "");
            QuotaSteadyBench.Arns arns = QuotaSteadyBench.arns(endpoint);
            Map<String, Object> quotas = new LinkedHashMap<>();
            quotas.put("enabled", true);
            quotas.put("scale", scale);
            Map<String, String> keys = new LinkedHashMap<>();
            for (int a = 0; a < accounts; a++) {
                keys.put(accessKey(a), account(a));
            }
            quotas.put("accounts", keys);
            admin(endpoint, "quotas", JSON.writeValueAsString(quotas));
            run(fleet, names, accountOf, accounts, minutes, scale, endpoint, arns, sim);
        } finally {
            sim.destroy();
            sim.waitFor();
            Files.deleteIfExists(scenario);
        }
    }

    private static void run(MixedFleet fleet, List<String> names, Map<String, Integer> accountOf, int accounts,
                            int minutes, int scale, URI endpoint, QuotaSteadyBench.Arns arns, Process sim) throws Exception {
        AwsCallStats stats = AwsCallStats.unpublished();
        List<AwsClients> clients = new ArrayList<>();
        List<DefaultTrafficTargets> targets = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            AwsClients c = new AwsClients(new AwsSettings("us-east-1", Optional.of(endpoint),
                    Optional.of(new AwsSettings.StaticKeys(accessKey(a), "secret")), AwsSettings.RetryBudget.defaults(),
                    MixedQuotaBench.CALL_TIMEOUT, MixedQuotaBench.limits(scale)), stats);
            clients.add(c);
            targets.add(new DefaultTrafficTargets(c));
        }
        Map<String, Rollout> desired = new LinkedHashMap<>();
        names.forEach(n -> desired.put(n, MixedFleet.rollout(n, arns, Desire.REST, fleet.zoneCount())));
        List<String> moving = fleet.slice(0, 0.02);
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:05:00Z")); // the simulator's, kept in step
        try (AccountRouting routing = new AccountRouting(targets, accountOf::get);
             DefaultAnalyzer analyzer = new DefaultAnalyzer(AwsProducers.analysisClientsOf(clients.get(0)),
                     DefaultAnalyzer.Settings.defaults(), Optional.empty());
             Reconciler reconciler = new Reconciler(routing, analyzer, clock, 8, new RolloutBoard(),
                     Duration.ofMinutes(5))) {
            System.out.printf("%d rollouts (%d ALB, %d Lambda, %d Route 53, %d ECS) over %d accounts (%d each), one"
                            + " reconcile loop, idle interval 5m, a pass every 10 s of simulated time; simulator in its own"
                            + " process, quotas per account at %dx the published refill, sluice's limiter at 80%% per"
                            + " account; %d cores, -Xmx%d MB%n", fleet.total(), fleet.alb, fleet.lambda, fleet.route53,
                    fleet.ecs, accounts, fleet.total() / accounts, scale, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.println("heap: this JVM only (sluice's loop, statuses, board, SDK clients and limiter of every"
                    + " account, the parsed rollout files as the Git source holds them); the simulator is not in it");
            Passes passes = new Passes(reconciler, clock, endpoint);
            passes.run(desired, Duration.ofMinutes(5).plus(TICK));
            Memory warm = Memory.now(sim);
            System.out.printf("after warm-up (5 simulated minutes at rest, %d passes, every rollout observed twice):"
                    + "  %s%n", passes.count, warm);
            moving.forEach(n -> desired.put(n, MixedFleet.rollout(n, arns, Desire.STEP, fleet.zoneCount())));
            System.out.printf("then a Git change starts %d of them (%s) through setWeight 50, pause 10m, setWeight 100%n",
                    moving.size(), "2%");
            List<Memory> samples = new ArrayList<>();
            for (int m = 0; m < minutes; ) {
                int span = Math.min(10, minutes - m);
                m += span;
                PassReport last = passes.run(desired, Duration.ofMinutes(span));
                long done = moving.stream().filter(n -> last.statuses().get(n) != null
                        && last.statuses().get(n).phase() == Phase.Healthy
                        && last.statuses().get(n).history().stream().anyMatch(h -> h.event().equals("completed"))).count();
                Memory now = Memory.now(sim);
                samples.add(now);
                System.out.printf("after %2d simulated minutes of passes (%d passes in all, %d of %d moved completed):"
                        + "  %s%n", m, passes.count, done, moving.size(), now);
            }
            Memory end = samples.get(samples.size() - 1);
            System.out.printf("heap change from warm-up to the end: %+.1f MB (%+.1f%%)%n",
                    (end.heap - warm.heap) / 1e6, 100.0 * (end.heap - warm.heap) / warm.heap);
            if (samples.size() > 1) {
                Memory first = samples.get(0);
                System.out.printf("heap change after the first 10 minutes (the moved rollouts have their statuses by"
                                + " then) to the end: %+.1f MB (%+.1f%%) over %d simulated minutes%n",
                        (end.heap - first.heap) / 1e6, 100.0 * (end.heap - first.heap) / first.heap, minutes - 10);
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> totals = (Map<String, Map<String, Object>>) JSON.readValue(
                    admin(endpoint, "quotas", null), Map.class).get("totals");
            long throttled = totals.values().stream().mapToLong(t -> ((Number) t.get("throttled")).longValue()).sum();
            System.out.printf("passes: %d, the longest %.1f s; AWS calls %d; throttled calls %d over all %d accounts"
                            + " (simulator's count, target 0)%n", passes.count, passes.longest, stats.totalAttempts(),
                    throttled, accounts);
        }
        clients.forEach(AwsClients::close);
    }

    /** Back-to-back passes, the simulated clock (here and in the simulator) moved 10 s between them. */
    private static final class Passes {
        final Reconciler reconciler;
        final SimClock clock;
        final URI endpoint;
        int count;
        double longest;

        Passes(Reconciler reconciler, SimClock clock, URI endpoint) {
            this.reconciler = reconciler;
            this.clock = clock;
            this.endpoint = endpoint;
        }

        PassReport run(Map<String, Rollout> desired, Duration span) throws IOException, InterruptedException {
            PassReport last = null;
            DesiredState state = new DesiredState("c" + desired.hashCode(), List.copyOf(desired.values()), List.of());
            for (long t = 0; t < span.toSeconds(); t += TICK.toSeconds()) {
                long start = System.nanoTime();
                last = reconciler.pass(state);
                longest = Math.max(longest, (System.nanoTime() - start) / 1e9);
                count++;
                clock.advance(TICK);
                admin(endpoint, "clock/advance?seconds=" + TICK.toSeconds(), "");
            }
            return last;
        }
    }

    /** Heap in use after a full GC, and resident set sizes of this process and the simulator's. */
    record Memory(long heap, long rssKb, long simRssKb) {
        static Memory now(Process sim) throws IOException {
            var memory = ManagementFactory.getMemoryMXBean();
            memory.gc();
            memory.gc();
            return new Memory(memory.getHeapMemoryUsage().getUsed(), rssKb(Path.of("/proc/self/status")),
                    rssKb(Path.of("/proc/" + sim.pid() + "/status")));
        }

        private static long rssKb(Path status) throws IOException {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return String.format("heap used %.1f MB, RSS %.0f MB (simulator process %.0f MB)", heap / 1e6,
                    rssKb / 1024.0, simRssKb / 1024.0);
        }
    }

    static String accessKey(int account) {
        return String.format("AKIDFLEET%02d", account);
    }

    static String account(int account) {
        return String.format("1000000000%02d", account);
    }

    private static URI endpointOf(Process sim) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                String rest = line.substring(at + "listening on ".length());
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "sim-output");
                drain.setDaemon(true);
                drain.start();
                return URI.create(rest.substring(0, rest.indexOf(' ')));
            }
        }
        throw new IllegalStateException("the simulator did not start:\n" + seen);
    }

    static String admin(URI endpoint, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/_sim/" + path));
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("/_sim/" + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
