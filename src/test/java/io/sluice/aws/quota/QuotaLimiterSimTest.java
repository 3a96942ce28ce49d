package io.sluice.aws.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsSettings;
import io.sluice.model.Rollout;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.traffic.Urgency;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** sluice's limiter in front of a simulator that enforces the published buckets. */
class QuotaLimiterSimTest {
    private static final Rollout.AwsScope SCOPE = new Rollout.AwsScope(Optional.empty(), Optional.empty());
    private static final String SCENARIO = """
            elasticloadbalancing:
              targetGroups: [{name: blue}, {name: green}]
              loadBalancers:
                - name: shop
                  listeners:
                    - port: 80
                      defaultActions:
                        - Type: forward
                          ForwardConfig:
                            TargetGroups: [{TargetGroupArn: blue, Weight: 100}, {TargetGroupArn: green, Weight: 0}]
            """;
    private SimServer server;
    private AwsClients clients;

    private void start(String quotas, QuotaLimits limits) throws Exception {
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        server = SimServer.start(0, clock, SimServices.all(clock));
        Scenario.parse(SCENARIO + quotas).applyTo(server);
        clients = new AwsClients(new AwsSettings("us-east-1", Optional.of(server.endpoint()),
                Optional.of(new AwsSettings.StaticKeys("AKIDSLUICE", "secret")),
                new AwsSettings.RetryBudget(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10)),
                Duration.ofSeconds(30), limits), AwsCallStats.unpublished());
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private JsonNode simQuotas() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/_sim/quotas")).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    private static Thread run(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }

    @Test
    void manyRolloutsObservingAtOnceAreNeverThrottled() throws Exception {
        // The simulator refills 10x faster than AWS; sluice holds itself to 80% of that.
        start("quotas: {enabled: true, scale: 10}\n", new QuotaLimits(true, 0.8, QuotaLimits.parseOverrides(
                Map.of("elbv2-describe", "32/80", "elb-account", "32/80"))));
        ElasticLoadBalancingV2Client elb = clients.elb(SCOPE);
        String lb = elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        String listener = elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> rollouts = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            rollouts.add(run(() -> {
                try {
                    for (int pass = 0; pass < 4; pass++) {
                        elb.describeListeners(r -> r.listenerArns(listener));
                        elb.describeRules(r -> r.listenerArn(listener));
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : rollouts) {
            t.join(60_000);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(List.of(), failures);
        JsonNode totals = simQuotas().path("totals");
        assertEquals(322, totals.path("elb-account").path("calls").asLong(), totals.toString());
        assertEquals(0, totals.path("elb-account").path("throttled").asLong(), totals.toString());
        assertEquals(0, totals.path("elbv2-describe").path("throttled").asLong(), totals.toString());
        assertTrue(millis >= 3000, "320 describes at 80/s after a burst of 32 take at least 3.6 s, took " + millis);
    }

    @Test
    void aRollbackCallIsServedAheadOfQueuedRoutineCalls() throws Exception {
        start("quotas: {enabled: true}\n", new QuotaLimits(true, 0.8, QuotaLimits.parseOverrides(
                Map.of("elb-account", "1/8"))));
        ElasticLoadBalancingV2Client elb = clients.elb(SCOPE);
        String lb = elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        PriorityTokenBucket account = clients.limiter().bucket("default", "us-east-1", QuotaBuckets.ELB_ACCOUNT);
        List<String> done = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "routine-" + i;
            threads.add(run(() -> {
                elb.describeListeners(r -> r.loadBalancerArn(lb));
                done.add(name);
            }));
        }
        while (account.waiting() < 10) {
            Thread.sleep(5);
        }
        long asked = System.nanoTime();
        long[] rollbackMillis = new long[1];
        Thread rollback = run(() -> {
            clients.elb(SCOPE, Urgency.ROLLBACK).describeListeners(r -> r.loadBalancerArn(lb));
            rollbackMillis[0] = (System.nanoTime() - asked) / 1_000_000;
            done.add("rollback");
        });
        rollback.join(10_000);
        for (Thread t : threads) {
            t.join(10_000);
        }
        int position = done.indexOf("rollback");
        assertTrue(position <= 3, "the rollback waited behind routine calls: " + done);
        assertTrue(rollbackMillis[0] < 500, "rollback call took " + rollbackMillis[0] + " ms; order " + done);
        assertEquals(0, simQuotas().path("totals").path("elb-account").path("throttled").asLong());
    }
}
