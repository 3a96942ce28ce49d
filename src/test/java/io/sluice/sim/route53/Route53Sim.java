package io.sluice.sim.route53;

import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimService;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/** A simulator with one Route 53 scenario and a real SDK client that does not retry. */
final class Route53Sim implements AutoCloseable {
    static final String SCENARIO = """
            route53:
              changeSyncDelaySeconds: 5
              hostedZones:
                - id: Z0EXAMPLE1
                  name: example.com
                  comment: public zone
                  records:
                    - {name: api.example.com, type: A, ttl: 60, setIdentifier: blue, weight: 100, values: [192.0.2.10]}
                    - {name: api.example.com, type: A, ttl: 60, setIdentifier: green, weight: 0, values: [192.0.2.20]}
                    - {name: www.example.com, type: A, ttl: 300, values: [192.0.2.1]}
                - id: Z0EXAMPLE2
                  name: internal.example
                  private: true
            """;

    final SimClock clock = SimClock.manual(Instant.parse("2026-11-22T10:00:00Z"));
    final SimServer server;
    final Route53Client route53;

    Route53Sim() throws IOException {
        this(null);
    }

    Route53Sim(UnaryOperator<SimService> front) throws IOException {
        SimService service = new Route53Service(clock);
        server = SimServer.start(0, clock, List.of(front == null ? service : front.apply(service)));
        Map<String, Object> scenario = new Yaml().load(SCENARIO);
        server.loadScenario(scenario);
        route53 = Route53Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        route53.close();
        server.close();
    }
}
