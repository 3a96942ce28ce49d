package io.sluice.sim.elbv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** A simulator on a free port with a manual clock and the shop scenario, and a real ELBv2 client. */
public final class Elbv2Sim implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    public static final String SCENARIO = """
            elasticloadbalancing:
              healthCheckDelaySeconds: 30
              targetGroups:
                - name: shop-blue
                  port: 8080
                  healthCheckPath: /health
                  attributes: {deregistration_delay.timeout_seconds: "60"}
                  tags: {app: shop, colour: blue}
                  targets:
                    - {id: 10.0.1.10, availabilityZone: us-east-1a}
                    - {id: 10.0.1.11, availabilityZone: us-east-1b}
                - name: shop-green
                  port: 8080
                  registeredTargetHealth: {state: unhealthy, reason: Target.Timeout}
                  targets:
                    - {id: 10.0.2.10, health: unhealthy, reason: Target.ResponseCodeMismatch}
                    - id: 10.0.2.11
                      healthChanges:
                        - {at: "2026-11-24T10:05:00Z", health: unhealthy, reason: Target.FailedHealthChecks}
                - {name: spare, targets: [{id: 10.0.3.10}]}
                - {name: extra-1}
                - {name: extra-2}
                - {name: extra-3}
              loadBalancers:
                - name: shop
                  tags: {app: shop}
                  listeners:
                    - port: 80
                      defaultActions:
                        - Type: forward
                          ForwardConfig:
                            TargetGroups:
                              - {TargetGroupArn: shop-blue, Weight: 100}
                              - {TargetGroupArn: shop-green, Weight: 0}
                      rules:
                        - priority: 10
                          conditions: [{Field: path-pattern, Values: ["/api/*"]}]
                          actions: [{Type: forward, TargetGroupArn: shop-blue}]
                    - port: 443
                      protocol: HTTPS
                      certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
                      defaultActions:
                        - {Type: fixed-response, FixedResponseConfig: {StatusCode: "404", ContentType: text/plain}}
            """;

    public final SimClock clock = SimClock.manual(START);
    public final SimServer server;
    public final ElasticLoadBalancingV2Client elb;

    public Elbv2Sim() throws IOException {
        this(SCENARIO);
    }

    public Elbv2Sim(String scenario) throws IOException {
        server = SimServer.start(0, clock, SimServices.all(clock));
        Scenario.parse(scenario).applyTo(server);
        elb = ElasticLoadBalancingV2Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public String loadBalancerArn() {
        return elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
    }

    public String targetGroupArn(String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    public String listenerArn(int port) {
        return elb.describeListeners(r -> r.loadBalancerArn(loadBalancerArn())).listeners().stream()
                .filter(l -> l.port() == port).findFirst().orElseThrow().listenerArn();
    }

    public void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    /** Asserts that the call fails with the AWS error code and HTTP status. */
    public static AwsServiceException assertRefused(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e;
    }

    @Override
    public void close() {
        elb.close();
        server.close();
    }
}
