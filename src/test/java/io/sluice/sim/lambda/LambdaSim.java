package io.sluice.sim.lambda;

import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimService;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** A simulator with one Lambda scenario and a real SDK client that does not retry. */
final class LambdaSim implements AutoCloseable {
    static final String SCENARIO = """
            lambda:
              functions:
                - name: orchestrator
                  runtime: python3.12
                  role: arn:aws:iam::123456789012:role/orchestrator
                  versions:
                    - 1
                    - 2
                    - version: 3
                      description: optimised rewrite
                    - version: 4
                      role: arn:aws:iam::123456789012:role/other
                    - version: 5
                      deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:dlq
                  aliases:
                    - name: live
                      functionVersion: 1
                      description: production traffic
                    - name: canary
                      functionVersion: 2
                      weights: {"3": 0.25}
                - name: scratch
                  aliases:
                    - name: dev
                      functionVersion: $LATEST
                - name: orchestrator
                  region: eu-west-1
                  versions: 1
            """;

    final SimClock clock = SimClock.manual(Instant.parse("2026-11-22T10:00:00Z"));
    final SimServer server;
    final LambdaClient lambda;

    LambdaSim() throws IOException {
        this(null);
    }

    /** {@code front} wraps the Lambda service (e.g. to inject a fault), or null for none. */
    LambdaSim(java.util.function.UnaryOperator<SimService> front) throws IOException {
        SimService service = new LambdaService(clock);
        server = SimServer.start(0, clock, List.of(front == null ? service : front.apply(service)));
        Map<String, Object> scenario = new Yaml().load(SCENARIO);
        server.loadScenario(scenario);
        lambda = client(Region.US_EAST_1);
    }

    LambdaClient client(Region region) {
        return LambdaClient.builder().endpointOverride(server.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        lambda.close();
        server.close();
    }
}
