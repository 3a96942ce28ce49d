package io.sluice.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A simulator on a free port with {@code src/test/resources/sim/two-regions.yaml} loaded (the same
 * application in ap-northeast-2 and eu-west-1) and real SDK clients built for any region and caller.
 */
public final class TwoRegionsSim implements AutoCloseable {
    public static final String FIXTURE = "/sim/two-regions.yaml";
    public static final Region SEOUL = Region.AP_NORTHEAST_2;
    public static final Region IRELAND = Region.EU_WEST_1;
    /** The scenario's default caller, account 123456789012. */
    public static final String OWNER_KEY = "AKIDEXAMPLE";
    /** The access key the scenario gives to arn:aws:iam::210987654321:user/tenant. */
    public static final String TENANT_KEY = "AKIDTENANT0000000001";
    public static final String TENANT_ARN = "arn:aws:iam::210987654321:user/tenant";

    public final SimClock clock;
    public final SimServer server;

    public TwoRegionsSim() throws IOException {
        Scenario scenario = Scenario.parse(fixture());
        clock = SimClock.manual(scenario.clockStart().orElse(Instant.parse("2026-11-24T10:00:00Z")));
        server = SimServer.start(0, clock, SimServices.all(clock));
        scenario.applyTo(server);
    }

    public static String fixture() throws IOException {
        try (InputStream in = TwoRegionsSim.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IOException(FIXTURE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A client of the default account that signs for {@code region} and never retries. */
    public <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(B builder, Region region) {
        return client(builder, region, OWNER_KEY);
    }

    public <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(B builder, Region region,
            String accessKeyId) {
        return builder.endpointOverride(server.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Asserts the AWS error code, HTTP status and message of a refused call; returns it for more checks. */
    public static AwsServiceException assertRefused(String code, int status, String message, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        assertEquals(message, e.awsErrorDetails().errorMessage(), e.getMessage());
        return e;
    }

    /** The error body exactly as the simulator sent it. */
    public static String rawBody(AwsServiceException e) {
        return e.awsErrorDetails().rawResponse().asUtf8String();
    }

    @Override
    public void close() {
        server.close();
    }
}
