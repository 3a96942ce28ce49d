package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.analysis.AddressOverrides;
import io.sluice.analysis.AnalysisRequest;
import io.sluice.analysis.Analyzer;
import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.aws.quota.QuotaLimits;
import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus;
import io.sluice.plan.Decision;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.sim.quota.QuotaSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Another tool in sluice's account (same access key, so the same buckets) keeps the ELBv2 Describe*
 * and account-wide ELB buckets empty and CloudWatch GetMetricData four-fifths busy, at the published
 * rates (a CloudWatch bucket kept empty too would leave no measurement to fail on); sluice runs
 * with its limiter at the default 80%. Isshoni's green starts answering 4% 5xx: the rollback is in
 * the simulator within 2 s of the failing measurement, measured from the simulator's own state.
 */
class NoisyNeighbourTest {
    static final String KEY = "AKIDSLUICE";
    /** Calls per second the neighbour sends: four times the ELB refill, four-fifths of CloudWatch's. */
    static final int DESCRIBES_PER_SECOND = 40;
    static final int METRIC_READS_PER_SECOND = 40;

    @Test
    void aFailingCanaryIsRolledBackWithinTwoSecondsWhileANeighbourDrainsTheAccountsBuckets() throws Exception {
        SimClock clock = SimClock.manual(ScenarioHarness.T0);
        try (SimServer sim = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(Files.readString(ScenarioHarness.EXAMPLE_SCENARIO)).applyTo(sim);
            sim.control().quotas().configure(QuotaSettings.published(1));
            AwsCallStats stats = AwsCallStats.unpublished();
            try (AwsClients aws = new AwsClients(new AwsSettings("us-east-1", Optional.of(sim.endpoint()),
                    Optional.of(new AwsSettings.StaticKeys(KEY, "secret")), AwsSettings.RetryBudget.defaults(),
                    Duration.ofSeconds(30), QuotaLimits.defaults()), stats);
                 DefaultAnalyzer measuring = new DefaultAnalyzer(AwsProducers.analysisClientsOf(aws),
                         new DefaultAnalyzer.Settings(8, Duration.ofSeconds(5), Duration.ofSeconds(20),
                                 AddressOverrides.parse(List.of())), Optional.empty())) {
                TimedAnalyzer analyzer = new TimedAnalyzer(measuring);
                Rollout isshoni = ScenarioHarness.example("isshoni-web", s -> s);
                try (Reconciler reconciler = new Reconciler(new DefaultTrafficTargets(aws), analyzer, clock, 4,
                        new RolloutBoard());
                     WeightWatch watch = new WeightWatch(sim)) {
                    // quiet until just before green goes bad, 12 simulated minutes in: by then 50% is verified
                    // and paused on (a step still to verify waits for an observation, and measures nothing)
                    RolloutStatus quiet = null;
                    while (clock.now().isBefore(ScenarioHarness.T0.plus(Duration.ofMinutes(11)))
                            || quiet.pausedUntil().isEmpty()) {
                        quiet = reconciler.pass(new DesiredState("c1", List.of(isshoni), List.of())).statuses()
                                .get("isshoni-web");
                        clock.advance(Duration.ofSeconds(30));
                    }
                    assertTrue(watch.greenWeight() > 0, "green takes traffic before the failure");

                    Long failingMeasurementAt = null;
                    RolloutStatus status;
                    List<String> passes = new ArrayList<>();
                    try (Neighbour neighbour = new Neighbour(sim)) {
                        neighbour.awaitDrained();
                        for (int pass = 0; ; pass++) {
                            PassReport report = reconciler.pass(new DesiredState("c1", List.of(isshoni), List.of()));
                            status = report.statuses().get("isshoni-web");
                            passes.add(clock.now() + " " + status.phase() + " "
                                    + report.decisions().get("isshoni-web") + " " + status.checks() + " "
                                    + report.actionFailures());
                            if (failingMeasurementAt == null
                                    && report.decisions().get("isshoni-web") instanceof Decision.RollBack) {
                                failingMeasurementAt = analyzer.lastMeasuredAt();
                            }
                            if (status.phase() == Phase.RolledBack && watch.restoredAt() != 0) {
                                break;
                            }
                            assertTrue(pass < 40, "no rollback under the neighbour's load:\n" + String.join("\n", passes));
                            clock.advance(Duration.ofSeconds(30));
                        }
                        assertTrue(neighbour.throttled() > neighbour.admitted(), "the neighbour drained the buckets: "
                                + neighbour.admitted() + " admitted, " + neighbour.throttled() + " throttled");
                    }
                    long latencyMillis = (watch.restoredAt() - failingMeasurementAt) / 1_000_000;
                    assertTrue(watch.restoredAt() >= failingMeasurementAt, "restored before the failing measurement?");
                    assertTrue(latencyMillis <= 2000, "weights restored " + latencyMillis
                            + " ms after the failing measurement\n" + String.join("\n", passes) + "\n" + stats.snapshot());
                    // an ordinary client of its own, after the neighbour has stopped, reads the listener back
                    try (ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder(), sim, 3)) {
                        assertEquals(Map.of("isshoni-blue", 999, "isshoni-green", 0), WeightWatch.weights(elb));
                    }
                    System.out.printf("noisy neighbour: weights restored %d ms after the failing measurement%n",
                            latencyMillis);
                }
            }
        }
    }

    /** Records when each measurement returned. */
    static final class TimedAnalyzer implements Analyzer {
        private final Analyzer delegate;
        private volatile long lastMeasuredAt;

        TimedAnalyzer(Analyzer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, List<CheckStatus>> measure(Collection<AnalysisRequest> requests, Instant now) {
            Map<String, List<CheckStatus>> out = delegate.measure(requests, now);
            lastMeasuredAt = System.nanoTime();
            return out;
        }

        long lastMeasuredAt() {
            return lastMeasuredAt;
        }
    }

    /** Reads the isshoni listener from the simulator's own state every millisecond, never through its API. */
    static final class WeightWatch implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong restoredAt = new AtomicLong();
        private final AtomicLong green = new AtomicLong(-1);
        private final Thread thread;

        WeightWatch(SimServer sim) {
            thread = new Thread(() -> {
                boolean sawTraffic = false;
                while (!stop.get()) {
                    long w = greenWeightIn(sim.services().get("elasticloadbalancing").snapshot());
                    green.set(w);
                    sawTraffic |= w > 0;
                    if (sawTraffic && w == 0 && restoredAt.get() == 0) {
                        restoredAt.set(System.nanoTime());
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            }, "weight-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long greenWeight() {
            return green.get();
        }

        long restoredAt() {
            return restoredAt.get();
        }

        @SuppressWarnings("unchecked")
        private static long greenWeightIn(Map<String, Object> state) {
            Map<String, Object> region = (Map<String, Object>) ((Map<String, Object>) state.get("regions")).get("us-east-1");
            for (Object lb : (List<Object>) region.get("loadBalancers")) {
                Map<String, Object> l = (Map<String, Object>) lb;
                if (!"isshoni".equals(l.get("name"))) {
                    continue;
                }
                for (Object listener : (List<Object>) l.get("listeners")) {
                    for (Object rule : (List<Object>) ((Map<String, Object>) listener).get("rules")) {
                        for (Object action : (List<Object>) ((Map<String, Object>) rule).get("actions")) {
                            Map<String, Object> fc = (Map<String, Object>) ((Map<String, Object>) action).get("ForwardConfig");
                            if (fc == null) {
                                continue;
                            }
                            for (Object g : (List<Object>) fc.get("TargetGroups")) {
                                Map<String, Object> tg = (Map<String, Object>) g;
                                if (String.valueOf(tg.get("TargetGroupArn")).contains("isshoni-green")) {
                                    return ((Number) tg.get("Weight")).longValue();
                                }
                            }
                        }
                    }
                }
            }
            throw new AssertionError("no isshoni-green weight in the simulator's state");
        }

        static Map<String, Integer> weights(ElasticLoadBalancingV2Client elb) {
            String lb = elb.describeLoadBalancers(d -> d.names("isshoni")).loadBalancers().get(0).loadBalancerArn();
            Map<String, Integer> out = new java.util.TreeMap<>();
            elb.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).defaultActions().get(0).forwardConfig()
                    .targetGroups().forEach(t -> out.put(t.targetGroupArn().replaceAll(".*targetgroup/([^/]+)/.*", "$1"),
                            t.weight()));
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    /**
     * The other tool: paced ELBv2 Describe* calls at several times what the buckets refill, and
     * CloudWatch GetMetricData calls, that never retry, on background threads. The admitted and
     * throttled counts are the ELB calls'.
     */
    static final class Neighbour implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong admitted = new AtomicLong();
        private final AtomicLong throttled = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private final List<AutoCloseable> clients = new ArrayList<>();

        Neighbour(SimServer sim) {
            for (int i = 0; i < 4; i++) {
                ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder(), sim, 1);
                clients.add(elb);
                int n = i;
                paced(DESCRIBES_PER_SECOND / 4, true, () -> {
                    if (n % 2 == 0) {
                        elb.describeTargetGroups(d -> d.names("isshoni-blue"));
                    } else {
                        elb.describeLoadBalancers(d -> d.names("isshoni"));
                    }
                });
            }
            for (int i = 0; i < 2; i++) {
                CloudWatchClient cw = client(CloudWatchClient.builder(), sim, 1);
                clients.add(cw);
                paced(METRIC_READS_PER_SECOND / 2, false, () -> cw.getMetricData(g -> g
                        .startTime(Instant.now().minusSeconds(300)).endTime(Instant.now())
                        .metricDataQueries(MetricDataQuery.builder().id("q").expression("SEARCH('Isshoni', 'Sum', 60)")
                                .period(60).build())));
            }
        }

        private void paced(int perSecond, boolean counted, Runnable call) {
            Thread t = new Thread(() -> {
                long every = 1_000_000_000L / perSecond;
                long next = System.nanoTime();
                while (!stop.get()) {
                    try {
                        call.run();
                        if (counted) {
                            admitted.incrementAndGet();
                        }
                    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                        if (counted && e.isThrottlingException()) {
                            throttled.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        // the neighbour's other troubles are its own
                    }
                    next += every;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                }
            }, "neighbour");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }

        /** Until the neighbour itself is being throttled: the account's buckets are empty. */
        void awaitDrained() throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (throttled.get() < 50) {
                assertTrue(System.nanoTime() < deadline, "the neighbour never drained the buckets");
                Thread.sleep(20);
            }
        }

        long admitted() {
            return admitted.get();
        }

        long throttled() {
            return throttled.get();
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            for (AutoCloseable c : clients) {
                c.close();
            }
        }
    }

    /** An SDK client with sluice's access key (so in sluice's account) and {@code attempts} attempts a call. */
    static <C, B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>> C client(B builder, SimServer sim,
            int attempts) {
        return builder.endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(DefaultRetryStrategy.standardStrategyBuilder().maxAttempts(attempts).build()).build())
                .build();
    }
}
