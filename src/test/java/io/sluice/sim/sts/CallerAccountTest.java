package io.sluice.sim.sts;

import static io.sluice.sim.TwoRegionsSim.SEOUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.Scenario;
import io.sluice.sim.TwoRegionsSim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The caller's account is what GetCallerIdentity answers for its access key: the scenario's default
 * identity, an identity the scenario gives another key, or the account of an assumed role. Every
 * service scopes what the caller sees by that account.
 */
class CallerAccountTest {
    private TwoRegionsSim sim;
    private StsClient owner;
    private StsClient tenant;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        owner = sim.client(StsClient.builder(), SEOUL);
        tenant = sim.client(StsClient.builder(), SEOUL, TwoRegionsSim.TENANT_KEY);
    }

    @AfterEach
    void stop() {
        owner.close();
        tenant.close();
        sim.close();
    }

    @Test
    void aKeyTheScenarioNamesIsItsOwnIdentity() {
        GetCallerIdentityResponse who = tenant.getCallerIdentity();
        assertEquals("210987654321", who.account());
        assertEquals(TwoRegionsSim.TENANT_ARN, who.arn());
        assertEquals("123456789012", owner.getCallerIdentity().account());
    }

    @Test
    void anAssumedRoleSessionSeesTheResourcesOfTheRolesAccount() {
        Credentials session = owner.assumeRole(r -> r.roleArn("arn:aws:iam::210987654321:role/deployer")
                .roleSessionName("sluice")).credentials();
        try (ElasticLoadBalancingV2Client asRole = ElasticLoadBalancingV2Client.builder()
                .endpointOverride(sim.server.endpoint()).region(SEOUL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
             ElasticLoadBalancingV2Client asOwner = sim.client(ElasticLoadBalancingV2Client.builder(), SEOUL)) {
            assertEquals(List.of("tenant-blue"), asRole.describeTargetGroups().targetGroups().stream()
                    .map(TargetGroup::targetGroupName).toList());
            assertEquals(List.of("shop-blue", "shop-green"), asOwner.describeTargetGroups().targetGroups().stream()
                    .map(TargetGroup::targetGroupName).toList());
        }
    }

    @Test
    void aSessionDrawsOnTheQuotaOfItsOwnAccount() throws Exception {
        Scenario.parse(TwoRegionsSim.fixture() + "\nquotas: {enabled: true}\n").applyTo(sim.server);
        Credentials session = owner.assumeRole(r -> r.roleArn("arn:aws:iam::210987654321:role/deployer")
                .roleSessionName("sluice")).credentials();
        try (ElasticLoadBalancingV2Client asRole = ElasticLoadBalancingV2Client.builder()
                .endpointOverride(sim.server.endpoint()).region(SEOUL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            asRole.describeTargetGroups();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> accounts = (Map<String, Object>) sim.server.control().quotas().snapshot().get("accounts");
        assertTrue(((Map<?, ?>) accounts.get("210987654321")).containsKey("ap-northeast-2"), accounts.toString());
    }

    @Test
    void aScenarioKeyMustNameAPrincipal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("""
                sts:
                  accessKeys: {AKIDTENANT0000000001: "210987654321"}
                """).applyTo(sim.server));
        assertTrue(e.getMessage().startsWith("sts.accessKeys.AKIDTENANT0000000001.arn: expected an IAM user or role ARN"),
                e.getMessage());
    }
}
