package io.sluice.sim.cloudwatch;

import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** A simulator with only CloudWatch, a manual clock at 10:00 and a scenario given as YAML text. */
final class CloudWatchSimFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    final SimClock clock = SimClock.manual(START);
    final SimServer server;
    final CloudWatchClient client;

    @SuppressWarnings("unchecked")
    CloudWatchSimFixture(String scenarioYaml) throws Exception {
        server = SimServer.start(0, clock, List.of(new CloudWatchService(clock)));
        Map<String, Object> scenario = new Yaml().load(scenarioYaml);
        server.loadScenario(scenario == null ? Map.of() : scenario);
        RetryStrategy noRetry = AwsRetryStrategy.doNotRetry();
        client = CloudWatchClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(noRetry))
                .build();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
