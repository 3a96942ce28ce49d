package io.sluice.analysis;

import io.sluice.analysis.DueCheck.CheckRef;
import io.sluice.model.Check;
import io.sluice.model.Durations;
import io.sluice.model.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch metrics through GetMetricData, batched across all rollouts of a pass.
 *
 * <p>Batching rule: per AWS scope (region and role), the checks' query groups (a check's inputs, its
 * expression, and for compareToStable the same again for the stable side) are ordered by look-back and
 * packed in that order into calls of at most {@value #MAX_QUERIES_PER_CALL} queries; a group is never
 * split across calls. So N checks of k queries each need ceil(N / floor(500 / k)) calls per scope:
 * 200 rollouts with one 3-query check (two inputs and an expression) are 166 + 34 checks, 2 calls.
 * A call's window is [now - its longest look-back, now); each check keeps only datapoints inside its
 * own look-back (a judge: its window, see {@link JudgeWindow}). The minimum-sample guard's count is one of
 * the check's own queries, or one SampleCount query per side for a single metric. If CloudWatch refuses a call as invalid, the call is split in halves until the
 * refused check is alone, so one rollout's broken query never costs another rollout its measurement.
 */
public final class CloudWatchMetricsProvider implements CheckProvider {
    public static final int MAX_QUERIES_PER_CALL = 500;

    private final AnalysisClients clients;
    private final JudgeStatistics statistics;

    CloudWatchMetricsProvider(AnalysisClients clients) {
        this(clients, JudgeStatisticsFactory.standard());
    }

    CloudWatchMetricsProvider(AnalysisClients clients, JudgeStatistics statistics) {
        this.clients = clients;
        this.statistics = statistics;
    }

    @Override
    public List<Batch> batches(List<DueCheck> due, Instant now) {
        List<Batch> batches = new ArrayList<>();
        Map<Rollout.AwsScope, List<MetricQueries.Group>> byScope = new LinkedHashMap<>();
        int n = 0;
        for (DueCheck d : due) {
            MetricQueries.Built built = MetricQueries.build(d, n++, now);
            if (built.problem().isPresent()) {
                batches.add(Batch.known(d, new Measurement.ProviderError(built.problem().get())));
            } else if (built.group().get().size() > MAX_QUERIES_PER_CALL) {
                batches.add(Batch.known(d, new Measurement.ProviderError("the check needs " + built.group().get().size()
                        + " queries; one GetMetricData call takes at most " + MAX_QUERIES_PER_CALL)));
            } else {
                byScope.computeIfAbsent(d.scope(), s -> new ArrayList<>()).add(built.group().get());
            }
        }
        byScope.forEach((scope, groups) -> {
            groups.sort(Comparator.comparing(MetricQueries.Group::window));
            List<MetricQueries.Group> call = new ArrayList<>();
            int size = 0;
            for (MetricQueries.Group g : groups) {
                if (size + g.size() > MAX_QUERIES_PER_CALL) {
                    batches.add(batch(scope, call, now));
                    call = new ArrayList<>();
                    size = 0;
                }
                call.add(g);
                size += g.size();
            }
            if (!call.isEmpty()) {
                batches.add(batch(scope, call, now));
            }
        });
        return batches;
    }

    private Batch batch(Rollout.AwsScope scope, List<MetricQueries.Group> groups, Instant now) {
        return new Batch(groups.stream().map(MetricQueries.Group::due).toList(), () -> measure(scope, groups, now));
    }

    private Map<CheckRef, Measurement> measure(Rollout.AwsScope scope, List<MetricQueries.Group> groups, Instant now) {
        Map<CheckRef, Measurement> out = new HashMap<>();
        try {
            Map<String, Series> series = fetch(clients.cloudWatch(scope), groups, now);
            groups.forEach(g -> out.put(g.due().ref(), measurement(g, series, now)));
        } catch (CloudWatchException e) {
            if (refusedAsInvalid(e) && groups.size() > 1) {
                int half = groups.size() / 2;
                out.putAll(measure(scope, groups.subList(0, half), now));
                out.putAll(measure(scope, groups.subList(half, groups.size()), now));
            } else {
                groups.forEach(g -> out.put(g.due().ref(), new Measurement.ProviderError(describe(e))));
            }
        } catch (SdkException e) {
            groups.forEach(g -> out.put(g.due().ref(), new Measurement.ProviderError(describe(e))));
        }
        return out;
    }

    private static boolean refusedAsInvalid(CloudWatchException e) {
        return e.statusCode() == 400 && !e.isThrottlingException();
    }

    static String describe(SdkException e) {
        return ProviderErrors.describe("CloudWatch GetMetricData", e);
    }

    /** Datapoints and status of one result id, gathered over every page. */
    record Series(List<Instant> timestamps, List<Double> values, StatusCode status, String messages) {
    }

    private static Map<String, Series> fetch(CloudWatchClient client, List<MetricQueries.Group> groups, Instant now) {
        Duration longest = groups.stream().map(MetricQueries.Group::window).max(Comparator.naturalOrder()).orElseThrow();
        GetMetricDataRequest.Builder request = GetMetricDataRequest.builder()
                .metricDataQueries(groups.stream().flatMap(g -> g.queries().stream()).toList())
                .startTime(now.minus(longest))
                .endTime(now)
                .scanBy(ScanBy.TIMESTAMP_DESCENDING);
        Map<String, Series> out = new HashMap<>();
        String token = null;
        do {
            GetMetricDataResponse page = client.getMetricData(request.nextToken(token).build());
            for (MetricDataResult r : page.metricDataResults()) {
                Series before = out.get(r.id());
                List<Instant> ts = new ArrayList<>(before == null ? List.of() : before.timestamps());
                List<Double> vs = new ArrayList<>(before == null ? List.of() : before.values());
                ts.addAll(r.timestamps());
                vs.addAll(r.values());
                String messages = r.messages().stream().map(m -> m.code() + ": " + m.value()).reduce((a, b) -> a + "; " + b).orElse("");
                out.put(r.id(), new Series(ts, vs, r.statusCode(), messages));
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    private Measurement measurement(MetricQueries.Group g, Map<String, Series> series, Instant now) {
        return new CloudWatchReading(g, series, cutoff(g, now), statistics).measurement();
    }

    /** Where a check's window begins: its look-back (or judge window) before now, as CloudWatch rounds it. */
    static Instant cutoff(MetricQueries.Group g, Instant now) {
        Instant cutoff = now.minus(g.window());
        if (g.source().period().getSeconds() >= 60) {
            // CloudWatch rounds a StartTime younger than 15 days down to the minute: so do we
            cutoff = cutoff.truncatedTo(ChronoUnit.MINUTES);
        }
        return cutoff;
    }

    static Optional<String> broken(Series s, String id) {
        if (s == null) {
            return Optional.of("CloudWatch returned no result for query " + id);
        }
        if (s.status() == StatusCode.INTERNAL_ERROR || s.status() == StatusCode.FORBIDDEN) {
            return Optional.of("CloudWatch answered " + s.status() + " for query " + id
                    + (s.messages().isEmpty() ? "" : ": " + s.messages()));
        }
        return Optional.empty();
    }

    /** The value of the newest datapoint at or after {@code cutoff}; NaN (0/0 in metric math) is no data. */
    static Optional<Double> newest(Series s, Instant cutoff) {
        Instant best = null;
        Double value = null;
        for (int i = 0; i < Math.min(s.timestamps().size(), s.values().size()); i++) {
            Instant t = s.timestamps().get(i);
            Double v = s.values().get(i);
            if (v == null || v.isNaN() || t.isBefore(cutoff)) {
                continue;
            }
            if (best == null || t.isAfter(best)) {
                best = t;
                value = v;
            }
        }
        return Optional.ofNullable(value);
    }

    static String hint(Check.CloudWatch cw) {
        boolean alb = cw.queries().values().stream().anyMatch(q -> q.namespace().equals("AWS/ApplicationELB"));
        boolean lambda = cw.queries().values().stream().anyMatch(q -> q.namespace().equals("AWS/Lambda"));
        if (alb) {
            return "ALB metrics exist only while requests flow and arrive 1-3 minutes late";
        }
        if (lambda) {
            return "Lambda publishes metrics only for invoked versions and they arrive 1-3 minutes late";
        }
        return "standard CloudWatch metrics arrive 1-3 minutes late; check the namespace, metric and dimensions";
    }
}
