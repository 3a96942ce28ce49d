package io.sluice.sim.lambda;

import static io.sluice.sim.TwoRegionsSim.IRELAND;
import static io.sluice.sim.TwoRegionsSim.SEOUL;
import static io.sluice.sim.TwoRegionsSim.assertRefused;
import static io.sluice.sim.TwoRegionsSim.rawBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.TwoRegionsSim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda validates the region of a function ARN against the endpoint's: a call signed for one region
 * naming a function ARN of another gets 404 ResourceNotFoundException "Functions from 'R' are not
 * reachable in this region ('X')"; a function of another account gets 403 AccessDeniedException.
 */
class LambdaRegionScopeTest {
    static final String SEOUL_FN = "arn:aws:lambda:ap-northeast-2:123456789012:function:orchestrator";
    static final String IRELAND_FN = "arn:aws:lambda:eu-west-1:123456789012:function:orchestrator";
    static final String OTHER_ACCOUNT_FN = "arn:aws:lambda:ap-northeast-2:210987654321:function:orchestrator";

    private TwoRegionsSim sim;
    private LambdaClient seoul;
    private LambdaClient ireland;
    private LambdaClient virginia;
    private LambdaClient tenantSeoul;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        seoul = sim.client(LambdaClient.builder(), SEOUL);
        ireland = sim.client(LambdaClient.builder(), IRELAND);
        virginia = sim.client(LambdaClient.builder(), Region.US_EAST_1);
        tenantSeoul = sim.client(LambdaClient.builder(), SEOUL, TwoRegionsSim.TENANT_KEY);
    }

    @AfterEach
    void stop() {
        List.of(seoul, ireland, virginia, tenantSeoul).forEach(LambdaClient::close);
        sim.close();
    }

    private static void assertUnreachable(String from, String in, Executable call) {
        AwsServiceException e = assertRefused("ResourceNotFoundException", 404,
                "Functions from '" + from + "' are not reachable in this region ('" + in + "')", call);
        assertInstanceOf(ResourceNotFoundException.class, e);
        assertTrue(rawBody(e).contains("\"Message\""), rawBody(e));
    }

    @Test
    void eachRegionHasItsOwnFunctionAndAliasUnderTheSameName() {
        GetAliasResponse seoulLive = seoul.getAlias(r -> r.functionName("orchestrator").name("live"));
        assertEquals("arn:aws:lambda:ap-northeast-2:123456789012:function:orchestrator:live", seoulLive.aliasArn());
        assertEquals("1", seoulLive.functionVersion());
        assertEquals(Map.of("2", 0.1), seoulLive.routingConfig().additionalVersionWeights());
        GetAliasResponse irelandLive = ireland.getAlias(r -> r.functionName(IRELAND_FN).name("live"));
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:orchestrator:live", irelandLive.aliasArn());
        assertEquals("3", irelandLive.functionVersion());
        assertEquals(List.of("$LATEST", "1", "2"), seoul.listVersionsByFunction(r -> r.functionName(SEOUL_FN)).versions()
                .stream().map(FunctionConfiguration::version).toList());
        GetFunctionResponse function = ireland.getFunction(r -> r.functionName("orchestrator").qualifier("live"));
        assertEquals(IRELAND_FN + ":live", function.configuration().functionArn());
        assertEquals("S3", function.code().repositoryType());
    }

    @Test
    void aRegionWithoutTheFunctionDoesNotFindItByName() {
        assertRefused("ResourceNotFoundException", 404,
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:orchestrator",
                () -> virginia.getAlias(r -> r.functionName("orchestrator").name("live")));
    }

    @Test
    void aFunctionArnOfAnotherRegionIsNotReachable() {
        assertUnreachable("eu-west-1", "ap-northeast-2", () -> seoul.getAlias(r -> r.functionName(IRELAND_FN).name("live")));
        assertUnreachable("ap-northeast-2", "us-east-1", () -> virginia.getAlias(r -> r.functionName(SEOUL_FN).name("live")));
        assertUnreachable("eu-west-1", "ap-northeast-2", () -> seoul.getFunction(r -> r.functionName(IRELAND_FN)));
        assertUnreachable("eu-west-1", "ap-northeast-2",
                () -> seoul.getFunctionConfiguration(r -> r.functionName(IRELAND_FN + ":live")));
        assertUnreachable("ap-northeast-2", "eu-west-1",
                () -> ireland.listVersionsByFunction(r -> r.functionName(SEOUL_FN)));
        assertUnreachable("ap-northeast-2", "eu-west-1", () -> ireland.listAliases(r -> r.functionName(SEOUL_FN)));
    }

    @Test
    void updateAliasOfAnotherRegionIsNotReachableAndChangesNothing() {
        assertUnreachable("ap-northeast-2", "us-east-1", () -> virginia.updateAlias(r -> r.functionName(SEOUL_FN)
                .name("live").routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.5)))));
        assertEquals(Map.of("2", 0.1), seoul.getAlias(r -> r.functionName(SEOUL_FN).name("live"))
                .routingConfig().additionalVersionWeights());
        seoul.updateAlias(r -> r.functionName(SEOUL_FN).name("live")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.5))));
        assertEquals(Map.of("2", 0.5), seoul.getAlias(r -> r.functionName("orchestrator").name("live"))
                .routingConfig().additionalVersionWeights());
        assertEquals("3", ireland.getAlias(r -> r.functionName("orchestrator").name("live")).functionVersion());
    }

    @Test
    void aFunctionOfAnotherAccountIsAccessDenied() {
        AwsServiceException e = assertRefused("AccessDeniedException", 403, "User: arn:aws:iam::123456789012:user/sluice-sim"
                + " is not authorized to perform: lambda:GetAlias on resource: " + OTHER_ACCOUNT_FN
                + " because no resource-based policy allows the lambda:GetAlias action",
                () -> seoul.getAlias(r -> r.functionName(OTHER_ACCOUNT_FN).name("live")));
        assertTrue(rawBody(e).contains("\"Message\""), rawBody(e));
        assertRefused("AccessDeniedException", 403, "User: " + TwoRegionsSim.TENANT_ARN
                + " is not authorized to perform: lambda:UpdateAlias on resource: " + SEOUL_FN
                + " because no resource-based policy allows the lambda:UpdateAlias action",
                () -> tenantSeoul.updateAlias(r -> r.functionName(SEOUL_FN).name("live").functionVersion("2")));
        assertRefused("ResourceNotFoundException", 404, "Function not found: " + OTHER_ACCOUNT_FN,
                () -> tenantSeoul.getAlias(r -> r.functionName("orchestrator").name("live")));
    }
}
