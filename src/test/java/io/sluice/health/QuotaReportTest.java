package io.sluice.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.aws.quota.QuotaBuckets;
import io.sluice.aws.quota.QuotaLimits;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.sim.Fault;
import io.sluice.sim.Scenario;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.traffic.Observation;
import io.sluice.traffic.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * Throttling AWS still answers, and the waits of sluice's own limiter, show per account, region and
 * bucket in the Prometheus scrape and in the quota health check, which stays up; the observation
 * that was throttled and then retried succeeds.
 */
class QuotaReportTest {
    static final String SCENARIO = """
            elasticloadbalancing:
              targetGroups:
                - {name: web-blue, tags: {version: v1}, targets: [{id: 10.0.1.10}]}
                - {name: web-green, tags: {version: v2}, targets: [{id: 10.0.2.10}]}
              loadBalancers:
                - name: web
                  listeners:
                    - port: 80
                      defaultActions:
                        - Type: forward
                          ForwardConfig:
                            TargetGroups: [{TargetGroupArn: web-blue, Weight: 999}, {TargetGroupArn: web-green, Weight: 0}]
            """;

    @Test
    void throttlesAndLimiterWaitsAreCountedPerBucketAndHealthStaysUp() throws Exception {
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (SimServer sim = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(SCENARIO).applyTo(sim);
            // sluice's own describe bucket holds 1 token, refilled 20 a second: the second read waits
            QuotaLimits limits = new QuotaLimits(true, 0.8, Map.of(QuotaBuckets.ELBV2_DESCRIBE,
                    new QuotaBuckets.Rate(1, 20)));
            try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.of(sim.endpoint()),
                    Optional.of(new AwsSettings.StaticKeys("AKIDSLUICE", "secret")),
                    new AwsSettings.RetryBudget(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(10)),
                    Duration.ofSeconds(10), limits), new AwsCallStats(Optional.of(registry)))) {
                QuotaHealth health = new QuotaHealth(clients.limiter());
                assertEquals(HealthCheckResponse.Status.UP, health.call().getStatus());

                Rollout web = rollout(sim);
                sim.control().faults().add(Fault.parse(ScenarioFields.of("fault", Map.of("service",
                        "elasticloadbalancing", "operation", "DescribeListeners", "kind", "throttle", "times", 2))));
                Observation seen = new DefaultTrafficTargets(clients).observe(List.of(web), Urgency.MOVING).get("web");
                assertTrue(seen instanceof Observation.Seen, "throttled twice, then read: " + seen);

                String scrape = registry.scrape();
                String labels = "account=\"default\",bucket=\"elbv2-describe\",region=\"us-east-1\"";
                assertEquals(2.0, value(scrape, "sluice_aws_throttled_total", labels), scrape);
                assertEquals(2.0, value(scrape, "sluice_aws_throttled_total",
                        "account=\"default\",bucket=\"elb-account\",region=\"us-east-1\""), scrape);
                assertTrue(value(scrape, "sluice_aws_quota_delayed_calls_total", labels) >= 1, scrape);
                assertTrue(value(scrape, "sluice_aws_quota_wait_seconds_total", labels) > 0, scrape);
                assertEquals(0.0, value(scrape, "sluice_aws_quota_borrowed_calls_total", labels), scrape);

                HealthCheckResponse after = health.call();
                assertEquals(HealthCheckResponse.Status.UP, after.getStatus(), "throttling is reported, not a failure");
                Map<String, Object> data = after.getData().orElseThrow();
                String describe = String.valueOf(data.get("default us-east-1 elbv2-describe"));
                assertTrue(describe.startsWith("throttled by AWS 2 (last "), data.toString());
                assertEquals("AWS throttled calls on default us-east-1 elb-account, default us-east-1 elbv2-describe:"
                        + " retried with backoff and reported, never a failure", data.get("reason"));
            }
        }
    }

    private static double value(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + ",} ") + "(\\S+)$").matcher(scrape);
        if (!m.find()) {
            m = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "} ") + "(\\S+)$").matcher(scrape);
            if (!m.find()) {
                throw new AssertionError("no " + name + "{" + labels + "} in\n" + scrape);
            }
        }
        return Double.parseDouble(m.group(1));
    }

    private static Rollout rollout(SimServer sim) {
        var elb = software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client.builder()
                .endpointOverride(sim.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDPERSON", "x"))).build();
        try (elb) {
            String lb = elb.describeLoadBalancers(d -> d.names("web")).loadBalancers().get(0).loadBalancerArn();
            String listener = elb.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).listenerArn();
            Map<String, String> groups = new java.util.HashMap<>();
            elb.describeTargetGroups(d -> d.names("web-blue", "web-green")).targetGroups()
                    .forEach(g -> groups.put(g.targetGroupName(), g.targetGroupArn()));
            String text = "apiVersion: sluice.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\nspec:\n  target:\n"
                    + "    alb:\n      listenerArn: " + listener + "\n      targetGroups:\n        blue: "
                    + groups.get("web-blue") + "\n        green: " + groups.get("web-green")
                    + "\n  active: green\n  strategy:\n    steps:\n      - setWeight: 100\n";
            return RolloutFiles.read(text, "web.yaml").rollout().orElseThrow();
        }
    }
}
