package io.sluice.analysis;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analysis.CheckProvider.Batch;
import io.sluice.analysis.DueCheck.CheckRef;
import io.sluice.model.Analysis;
import io.sluice.model.Check;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Measures the due checks of many rollouts in one pass: every provider splits its checks into
 * batches (CloudWatch: all rollouts' queries in as few GetMetricData calls as allowed), the batches
 * run concurrently on at most {@code concurrency} threads, and each measurement is assessed against
 * the check's previous status. A batch that throws or outlives the pass timeout turns into provider
 * errors for its own checks only; no other rollout's checks are touched.
 */
public final class DefaultAnalyzer implements Analyzer, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DefaultAnalyzer.class);

    /**
     * @param concurrency batches (AWS calls, HTTP probes, Prometheus queries) running at once
     * @param prometheusTimeout time a Prometheus query may take
     * @param passTimeout time one {@link #measure} may wait for all its batches
     * @param addresses hosts whose HTTP probes and Prometheus queries go to another address
     * @param prometheusAtNow evaluate Prometheus queries at {@link #measure}'s {@code now} ({@code time=}),
     *     for replays of past data; the daemon asks at the server's own clock
     */
    public record Settings(int concurrency, Duration prometheusTimeout, Duration passTimeout, AddressOverrides addresses,
                           boolean prometheusAtNow) {
        public Settings(int concurrency, Duration prometheusTimeout, Duration passTimeout, AddressOverrides addresses) {
            this(concurrency, prometheusTimeout, passTimeout, addresses, false);
        }

        public Settings(int concurrency, Duration prometheusTimeout, Duration passTimeout) {
            this(concurrency, prometheusTimeout, passTimeout, AddressOverrides.none());
        }

        public Settings {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be 1 or more, got " + concurrency);
            }
        }

        public static Settings defaults() {
            return new Settings(16, Duration.ofSeconds(10), Duration.ofSeconds(20));
        }
    }

    private final CheckProvider cloudWatch;
    private final CheckProvider alarms;
    private final CheckProvider targetHealth;
    private final CheckProvider http;
    private final CheckProvider prometheus;
    private final Optional<AnalysisMetrics> metrics;
    private final ExecutorService executor;
    private final Duration passTimeout;

    public DefaultAnalyzer(AnalysisClients clients, Settings settings, Optional<MeterRegistry> registry) {
        HttpClient httpClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        this.cloudWatch = new CloudWatchMetricsProvider(clients);
        this.alarms = new CloudWatchAlarmsProvider(clients);
        this.targetHealth = new TargetHealthProvider(clients);
        this.http = new HttpProbe(httpClient, settings.addresses());
        this.prometheus = new PrometheusProvider(httpClient, settings.prometheusTimeout(), settings.addresses(), settings.prometheusAtNow());
        this.metrics = registry.map(AnalysisMetrics::new);
        this.passTimeout = settings.passTimeout();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "sluice-analysis-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), threads);
    }

    @Override
    public Map<String, List<CheckStatus>> measure(Collection<AnalysisRequest> requests, Instant now) {
        Map<String, List<DueCheck>> byRollout = new LinkedHashMap<>();
        Map<CheckProvider, List<DueCheck>> byProvider = new LinkedHashMap<>();
        for (AnalysisRequest request : requests) {
            List<DueCheck> checks = new ArrayList<>();
            for (Check check : request.checksDue()) {
                DueCheck due = DueCheck.of(request, check);
                checks.add(due);
                byProvider.computeIfAbsent(providerOf(check.source()), p -> new ArrayList<>()).add(due);
            }
            byRollout.put(request.rollout().name(), checks);
        }
        Map<CheckRef, Measurement> measured = run(byProvider, now);
        Map<String, List<CheckStatus>> out = new LinkedHashMap<>();
        byRollout.forEach((rollout, checks) -> {
            List<CheckStatus> statuses = new ArrayList<>();
            for (DueCheck due : checks) {
                Measurement m = measured.getOrDefault(due.ref(), new Measurement.ProviderError("the provider gave no measurement"));
                CheckStatus status = Assessment.assess(due.check(), m, previous(due), now);
                explain(due, m, status);
                metrics.ifPresent(x -> x.record(due.ref(), status));
                statuses.add(status);
            }
            out.put(rollout, List.copyOf(statuses));
        });
        return out;
    }

    private Map<CheckRef, Measurement> run(Map<CheckProvider, List<DueCheck>> byProvider, Instant now) {
        Map<CheckRef, Measurement> measured = new HashMap<>();
        List<Batch> batches = new ArrayList<>();
        byProvider.forEach((provider, due) -> {
            try {
                batches.addAll(provider.batches(due, now));
            } catch (RuntimeException e) {
                due.forEach(d -> measured.put(d.ref(), new Measurement.ProviderError("cannot prepare the measurement: " + e)));
            }
        });
        List<Future<Map<CheckRef, Measurement>>> futures = new ArrayList<>();
        batches.forEach(b -> futures.add(executor.submit(() -> b.measure().get())));
        long deadline = System.nanoTime() + passTimeout.toNanos();
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            Future<Map<CheckRef, Measurement>> future = futures.get(i);
            try {
                Map<CheckRef, Measurement> result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                batch.checks().forEach(d -> measured.put(d.ref(), result.getOrDefault(d.ref(),
                        new Measurement.ProviderError("the provider gave no measurement"))));
            } catch (TimeoutException e) {
                future.cancel(true);
                failAll(measured, batch, "no answer within the pass timeout of " + passTimeout.toSeconds() + "s");
            } catch (ExecutionException e) {
                failAll(measured, batch, "the provider failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(measured, batch, "the pass was interrupted");
            }
        }
        return measured;
    }

    /** Status carries no reason text, so the reason a measurement was not a plain value goes to the log. */
    private static void explain(DueCheck due, Measurement m, CheckStatus status) {
        if (m instanceof Measurement.ProviderError e) {
            // once per run of errors, not every pass
            if (status.consecutiveErrors() == 1) {
                LOG.warnf("%s: provider error: %s", due.ref(), e.reason());
            } else {
                LOG.debugf("%s: provider error (%d in a row): %s", due.ref(), status.consecutiveErrors(), e.reason());
            }
        } else if (m instanceof Measurement.Failing f) {
            LOG.infof("%s: failing: %s", due.ref(), f.reason());
        } else if (m instanceof Measurement.NoData n) {
            LOG.debugf("%s: no data: %s", due.ref(), n.reason());
        }
    }

    private static void failAll(Map<CheckRef, Measurement> measured, Batch batch, String why) {
        batch.checks().forEach(d -> measured.put(d.ref(), new Measurement.ProviderError(why)));
    }

    private CheckProvider providerOf(Check.Source source) {
        return switch (source.kind()) {
            case CLOUDWATCH -> cloudWatch;
            case ALARMS -> alarms;
            case TARGET_HEALTH -> targetHealth;
            case HTTP -> http;
            case PROMETHEUS -> prometheus;
        };
    }

    private static Optional<CheckStatus> previous(DueCheck due) {
        return due.request().last().map(RolloutStatus::checks).flatMap(checks -> checks.stream()
                .filter(c -> c.name().equals(due.check().name())).findFirst());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
