package io.sluice.aws;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.sim.Fault;
import io.sluice.sim.Scenario;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import io.sluice.traffic.Observation;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.TrafficTargets;
import io.sluice.traffic.Urgency;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The simulator on a free port with a manual clock, sluice's traffic targets pointed at it (with a
 * fast retry budget of 3 attempts), and separate plain SDK clients that do not retry, to read back
 * what the adapters wrote independently of them.
 */
public final class SimAws implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    public static final AwsSettings.RetryBudget FAST_RETRIES = new AwsSettings.RetryBudget(3, Duration.ofMillis(1),
            Duration.ofMillis(2), Duration.ofMillis(10));

    public final SimClock clock = SimClock.manual(START);
    public final SimServer server;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final AwsCallStats stats = new AwsCallStats(Optional.of(meters));
    public final AwsClients clients;
    public final TrafficTargets targets;

    public SimAws(String scenario) throws IOException {
        server = SimServer.start(0, clock, SimServices.all(clock));
        Scenario.parse(scenario).applyTo(server);
        clients = new AwsClients(new AwsSettings("us-east-1", Optional.of(server.endpoint()),
                Optional.of(new AwsSettings.StaticKeys("AKIDSLUICE", "secret")), FAST_RETRIES, Duration.ofSeconds(10)),
                stats);
        targets = new DefaultTrafficTargets(clients);
    }

    /** A rollout file with this target (YAML under {@code target:}) and spec lines. */
    public static Rollout rollout(String name, String target, String spec) {
        return rollout(name, target, spec, List.of(10, 50, 100));
    }

    public static Rollout rollout(String name, String target, String spec, List<Integer> weights) {
        StringBuilder steps = new StringBuilder();
        weights.forEach(w -> steps.append("      - setWeight: ").append(w).append('\n'));
        String text = "apiVersion: sluice.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  target:\n" + target.indent(4) + spec.indent(2) + "  strategy:\n    steps:\n" + steps;
        RolloutFiles.FileResult read = RolloutFiles.read(text, name + ".yaml");
        return read.rollout().orElseThrow(() -> new IllegalArgumentException(read.problems() + "\n" + text));
    }

    public Observation.Seen seen(Rollout r) {
        Observation o = targets.observe(List.of(r), Urgency.MOVING).get(r.name());
        if (o instanceof Observation.Failed f) {
            throw new AssertionError("observe failed: " + f.failure().kind() + " " + f.failure().getMessage(),
                    f.failure());
        }
        return (Observation.Seen) o;
    }

    public TargetFailure failure(Rollout r) {
        Observation o = targets.observe(List.of(r), Urgency.MOVING).get(r.name());
        if (o instanceof Observation.Failed f) {
            return f.failure();
        }
        throw new AssertionError("expected a failure, observed " + o);
    }

    public void fault(Map<String, Object> fault) {
        server.control().faults().add(Fault.parse(ScenarioFields.of("fault", fault)));
    }

    public void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    /** Calls the simulator answered: {@code {service: {operation: {outcome: n}}}}. */
    public long simCalls(String service, String operation, String outcome) {
        Object ops = server.control().calls().snapshot().get(service);
        if (!(ops instanceof Map<?, ?> m) || !(m.get(operation) instanceof Map<?, ?> outcomes)) {
            return 0;
        }
        Object n = outcomes.get(outcome);
        return n == null ? 0 : ((Number) n).longValue();
    }

    public void resetCounts() {
        stats.reset();
        server.control().calls().clear();
    }

    public ElasticLoadBalancingV2Client elb() {
        return independent(ElasticLoadBalancingV2Client.builder(), Region.US_EAST_1);
    }

    public LambdaClient lambda() {
        return independent(LambdaClient.builder(), Region.US_EAST_1);
    }

    public Route53Client route53() {
        return independent(Route53Client.builder(), Region.AWS_GLOBAL);
    }

    public EcsClient ecs() {
        return independent(EcsClient.builder(), Region.US_EAST_1);
    }

    private <C, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C independent(B builder, Region region) {
        return builder.endpointOverride(server.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDREADER", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        clients.close();
        server.close();
    }
}
