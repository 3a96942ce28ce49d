package io.sluice.sim.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class StsServiceTest {

    private static StsClient client(SimServer server) {
        return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void getCallerIdentityAnswersTheSimulatorAccount() throws Exception {
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock)); StsClient sts = client(server)) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertEquals("123456789012", identity.account());
            assertEquals("arn:aws:iam::123456789012:user/sluice-sim", identity.arn());
            assertEquals("AIDASIMULATORUSER0001", identity.userId());
        }
    }

    @Test
    void theScenarioCanNameAnotherCaller() throws Exception {
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock)); StsClient sts = client(server)) {
            Scenario.parse("""
                    sts:
                      arn: arn:aws:sts::123456789012:assumed-role/sluice/session-1
                      userId: AROASIMULATOR:session-1
                    """).applyTo(server);
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertEquals("arn:aws:sts::123456789012:assumed-role/sluice/session-1", identity.arn());
            assertEquals("AROASIMULATOR:session-1", identity.userId());
            assertEquals("123456789012", identity.account());
        }
    }
}
