package io.sluice.bench;

import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Requests per second one simulator instance serves, over HTTP through the real SDK clients:
 * DescribeListeners (by ARN) and GetMetricData (10 queries of one hour of 1-minute data each).
 * Usage: bench/run sim-throughput [--smoke] [--threads N] [--seconds S]
 */
public final class SimThroughputBench {
    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int threads = intArg(args, "--threads", 4);
        double seconds = smoke ? 0.5 : intArg(args, "--seconds", 10);
        Scenario scenario = Scenario.parse(Files.readString(Path.of("src/test/cli/elbv2-scenario.yaml"))
                + Files.readString(Path.of("src/test/cli/cloudwatch-ecs-scenario.yaml")).replaceAll("(?m)^#.*$", "")
                .replaceAll("(?m)^clock:\\n(  .*\\n)*", ""));
        SimClock clock = SimClock.manual(scenario.clockStart().orElse(Instant.parse("2026-11-24T10:00:00Z")));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock))) {
            scenario.applyTo(server);
            clock.advance(Duration.ofHours(2));
            System.out.printf("simulator on %s, %d client threads, %s s per operation, %d cores%n", server.endpoint(),
                    threads, seconds, Runtime.getRuntime().availableProcessors());
            ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1).credentialsProvider(credentials())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            String lb = elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
            String listener = elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
            report("DescribeListeners", threads, seconds, () -> elb.describeListeners(r -> r.listenerArns(listener)));
            CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
            List<MetricDataQuery> queries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                queries.add(MetricDataQuery.builder().id("q" + i).metricStat(MetricStat.builder().period(60)
                        .stat(i % 2 == 0 ? "Sum" : "p95").metric(Metric.builder().namespace("AWS/ECS")
                                .metricName("CPUUtilization").dimensions(d -> d.name("ClusterName").value("prod"),
                                        d -> d.name("ServiceName").value("web")).build()).build()).build());
            }
            Instant end = clock.now();
            GetMetricDataRequest request = GetMetricDataRequest.builder().metricDataQueries(queries)
                    .startTime(end.minus(Duration.ofHours(1))).endTime(end).build();
            int points = cw.getMetricData(request).metricDataResults().stream().mapToInt(r -> r.values().size()).sum();
            System.out.printf("GetMetricData returns %d datapoints per call%n", points);
            report("GetMetricData", threads, seconds, () -> cw.getMetricData(request));
        }
    }

    static void report(String operation, int threads, double seconds, Runnable call) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            call.run();
        }
        AtomicLong calls = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    call.run();
                    calls.incrementAndGet();
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-18s %8.0f requests/s (%d calls in %.1f s)%n", operation, calls.get() / elapsed, calls.get(), elapsed);
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    static int intArg(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }
}
