package io.sluice.sim.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void assumeRoleHandsOutASessionThatIsTheCallerOfItsOwnRequests() throws Exception {
        SimClock clock = SimClock.manual(Instant.parse("2026-11-24T10:00:00Z"));
        try (SimServer server = SimServer.start(0, clock, SimServices.all(clock)); StsClient sts = client(server)) {
            Scenario.parse("""
                    sts:
                      roles: [arn:aws:iam::210987654321:role/sluice-deployer]
                    """).applyTo(server);
            software.amazon.awssdk.services.sts.model.AssumeRoleResponse assumed = sts.assumeRole(r -> r
                    .roleArn("arn:aws:iam::210987654321:role/sluice-deployer").roleSessionName("sluice"));
            assertTrue(assumed.credentials().accessKeyId().startsWith("ASIA"), assumed.credentials().accessKeyId());
            assertEquals("arn:aws:sts::210987654321:assumed-role/sluice-deployer/sluice", assumed.assumedRoleUser().arn());
            assertTrue(assumed.credentials().expiration().isAfter(Instant.now().plusSeconds(3500)));
            try (StsClient asRole = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                    assumed.credentials().accessKeyId(), assumed.credentials().secretAccessKey(),
                                    assumed.credentials().sessionToken())))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                GetCallerIdentityResponse who = asRole.getCallerIdentity();
                assertEquals("210987654321", who.account());
                assertEquals("arn:aws:sts::210987654321:assumed-role/sluice-deployer/sluice", who.arn());
            }
            assertEquals("arn:aws:iam::123456789012:user/sluice-sim", sts.getCallerIdentity().arn(), "the caller is unchanged");

            var denied = org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.services.sts.model.StsException.class,
                    () -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::210987654321:role/admin").roleSessionName("sluice")));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            var tooShort = org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.services.sts.model.StsException.class,
                    () -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::210987654321:role/sluice-deployer")
                            .roleSessionName("sluice").durationSeconds(60)));
            assertEquals("ValidationError", tooShort.awsErrorDetails().errorCode());
        }
    }
}
