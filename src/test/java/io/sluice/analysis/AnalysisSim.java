package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The AWS simulator on a manual clock at 10:00 with a scenario, the real SDK clients pointed at it
 * (no retries, so every call the analyzer makes is one call the simulator counts), and an analyzer.
 */
final class AnalysisSim implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    final SimClock clock = SimClock.manual(START);
    final SimServer server;
    final CloudWatchClient cloudWatch;
    final ElasticLoadBalancingV2Client elb;
    final EcsClient ecs;
    final DefaultAnalyzer analyzer;

    @SuppressWarnings("unchecked")
    AnalysisSim(String scenarioYaml) throws Exception {
        server = SimServer.start(0, clock, SimServices.all(clock));
        Map<String, Object> scenario = new Yaml().load(scenarioYaml);
        server.loadScenario(scenario == null ? Map.of() : scenario);
        cloudWatch = configure(CloudWatchClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        elb = configure(ElasticLoadBalancingV2Client.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        ecs = configure(EcsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        analyzer = new DefaultAnalyzer(clients(), DefaultAnalyzer.Settings.defaults(), Optional.empty());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    AnalysisClients clients() {
        return new AnalysisClients() {
            @Override
            public CloudWatchClient cloudWatch(Rollout.AwsScope scope) {
                return cloudWatch;
            }

            @Override
            public ElasticLoadBalancingV2Client elasticLoadBalancing(Rollout.AwsScope scope) {
                return elb;
            }

            @Override
            public EcsClient ecs(Rollout.AwsScope scope) {
                return ecs;
            }
        };
    }

    Instant now() {
        return clock.now();
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    /** How many calls of one operation the simulator answered, by outcome ("ok", an error code). */
    @SuppressWarnings("unchecked")
    long calls(String service, String operation) {
        Map<String, Object> ops = (Map<String, Object>) server.control().calls().snapshot().getOrDefault(service, Map.of());
        Map<String, Object> outcomes = (Map<String, Object>) ops.getOrDefault(operation, Map.of());
        return outcomes.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }

    /** Adds a fault through the admin API, e.g. {@code {"service":"monitoring","kind":"throttle"}}. */
    void addFault(String json) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        server.endpoint().resolve("/_sim/faults"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fault refused: " + response.body());
        }
    }

    void clearCalls() {
        server.control().calls().clear();
    }

    /** One pass for one rollout, continuing from the checks of {@code last}. */
    List<CheckStatus> measure(Rollout rollout, String canary, String stable, List<CheckStatus> last) {
        return analyzer.measure(List.of(request(rollout, canary, stable, last)), now()).get(rollout.name());
    }

    Map<String, List<CheckStatus>> measure(Collection<AnalysisRequest> requests) {
        return analyzer.measure(requests, now());
    }

    static AnalysisRequest request(Rollout rollout, String canary, String stable, List<CheckStatus> last) {
        Optional<RolloutStatus> status = last.isEmpty() ? Optional.empty() : Optional.of(statusWith(rollout.name(), last));
        return new AnalysisRequest(rollout, canary, stable, status);
    }

    static RolloutStatus statusWith(String rollout, List<CheckStatus> checks) {
        return new RolloutStatus(rollout, Optional.empty(), 0, io.sluice.model.status.Phase.Progressing, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), checks, "", List.of());
    }

    /** A rollout file, which must be valid: the rules under test are written as users write them. */
    static Rollout rollout(String yaml) {
        RolloutFiles.FileResult r = RolloutFiles.read(yaml, "test.yaml");
        assertTrue(r.problems().isEmpty(), () -> "invalid rollout: " + r.problems());
        return r.rollout().orElseThrow();
    }

    static CheckStatus check(List<CheckStatus> statuses, String name) {
        return statuses.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        analyzer.close();
        cloudWatch.close();
        elb.close();
        ecs.close();
        server.close();
    }
}
