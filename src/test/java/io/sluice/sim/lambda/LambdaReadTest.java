package io.sluice.sim.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sim.AwsError;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.SimService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

class LambdaReadTest {
    private LambdaSim sim;

    @BeforeEach
    void start() throws Exception {
        sim = new LambdaSim();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void getAliasAnswersByNamePartialArnAndFullArn() {
        for (String name : List.of("orchestrator", "123456789012:function:orchestrator",
                "arn:aws:lambda:us-east-1:123456789012:function:orchestrator")) {
            var alias = sim.lambda.getAlias(b -> b.functionName(name).name("canary"));
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orchestrator:canary", alias.aliasArn());
            assertEquals("2", alias.functionVersion());
            assertEquals(Map.of("3", 0.25), alias.routingConfig().additionalVersionWeights());
        }
    }

    @Test
    void aFunctionArnOfAnotherRegionIsNotReachable() {
        AwsServiceException e = assertThrows(ResourceNotFoundException.class, () -> sim.lambda.getAlias(b -> b
                .functionName("arn:aws:lambda:eu-west-1:123456789012:function:orchestrator").name("live")));
        assertEquals(404, e.statusCode());
        assertEquals("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void stateIsKeptPerRegion() {
        try (LambdaClient ireland = sim.client(Region.EU_WEST_1)) {
            assertEquals(List.of("$LATEST", "1"), ireland.listVersionsByFunction(b -> b.functionName("orchestrator"))
                    .versions().stream().map(FunctionConfiguration::version).toList());
            assertThrows(ResourceNotFoundException.class, () -> ireland.getFunctionConfiguration(b -> b.functionName("scratch")));
        }
    }

    @Test
    void functionConfigurationIsReadUnqualifiedByVersionAndByAlias() {
        GetFunctionConfigurationResponse latest = sim.lambda.getFunctionConfiguration(b -> b.functionName("orchestrator"));
        assertEquals("$LATEST", latest.version());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orchestrator", latest.functionArn());
        assertEquals("arn:aws:iam::123456789012:role/orchestrator", latest.role());
        assertTrue(latest.revisionId() != null && !latest.revisionId().isEmpty());

        GetFunctionConfigurationResponse four = sim.lambda.getFunctionConfiguration(b -> b.functionName("orchestrator").qualifier("4"));
        assertEquals("4", four.version());
        assertEquals("arn:aws:iam::123456789012:role/other", four.role());

        GetFunctionConfigurationResponse five = sim.lambda.getFunctionConfiguration(b -> b.functionName("orchestrator:5"));
        assertEquals("arn:aws:sqs:us-east-1:123456789012:dlq", five.deadLetterConfig().targetArn());

        GetFunctionConfigurationResponse canary = sim.lambda.getFunctionConfiguration(b -> b.functionName("orchestrator").qualifier("canary"));
        assertEquals("2", canary.version());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orchestrator:canary", canary.functionArn());
        assertNull(four.deadLetterConfig());
    }

    @Test
    void functionConfigurationRefusesUnknownQualifiersAndConflictingOnes() {
        AwsServiceException missing = assertThrows(ResourceNotFoundException.class,
                () -> sim.lambda.getFunctionConfiguration(b -> b.functionName("orchestrator").qualifier("9")));
        assertEquals(404, missing.statusCode());
        AwsServiceException conflict = assertThrows(InvalidParameterValueException.class,
                () -> sim.lambda.getFunctionConfiguration(b -> b.functionName("orchestrator:1").qualifier("2")));
        assertEquals(400, conflict.statusCode());
    }

    @Test
    void versionsAreListedLatestFirstAndPaged() {
        ListVersionsByFunctionResponse first = sim.lambda.listVersionsByFunction(b -> b.functionName("orchestrator").maxItems(4));
        assertEquals(List.of("$LATEST", "1", "2", "3"), first.versions().stream().map(FunctionConfiguration::version).toList());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orchestrator:3", first.versions().get(3).functionArn());
        assertEquals("optimised rewrite", first.versions().get(3).description());
        ListVersionsByFunctionResponse rest = sim.lambda.listVersionsByFunction(b -> b.functionName("orchestrator")
                .marker(first.nextMarker()));
        assertEquals(List.of("4", "5"), rest.versions().stream().map(FunctionConfiguration::version).toList());
        assertNull(rest.nextMarker());
    }

    @Test
    void aliasesAreListedAndFilteredByVersion() {
        assertEquals(List.of("canary", "live"), sim.lambda.listAliases(b -> b.functionName("orchestrator"))
                .aliases().stream().map(a -> a.name()).toList());
        assertEquals(List.of("live"), sim.lambda.listAliases(b -> b.functionName("orchestrator").functionVersion("1"))
                .aliases().stream().map(a -> a.name()).toList());
        var page = sim.lambda.listAliases(b -> b.functionName("orchestrator").maxItems(1));
        assertEquals(1, page.aliases().size());
        assertEquals("live", page.nextMarker());
        assertEquals("$LATEST", sim.lambda.getAlias(b -> b.functionName("scratch").name("dev")).functionVersion());
    }

    @Test
    void errorsCarryTheErrorTypeHeaderAndAUserTypedBody() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.server.endpoint() + "/2015-03-31/functions/orchestrator/aliases/nope"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/lambda/aws4_request, "
                        + "SignedHeaders=host, Signature=0").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals("ResourceNotFoundException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("User", body.get("Type").asText());
        assertTrue(body.get("Message").asText().startsWith("Cannot find alias arn:"));
    }

    @Test
    void anUnsignedRequestIsRefusedInLambdasShape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.server.endpoint() + "/2015-03-31/functions/orchestrator/aliases/live")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals("MissingAuthenticationToken", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void throttlingIsRenderedAsTooManyRequestsWithRetryAfterAndReason() throws Exception {
        try (LambdaSim throttled = new LambdaSim(LambdaReadTest::throttling)) {
            TooManyRequestsException e = assertThrows(TooManyRequestsException.class,
                    () -> throttled.lambda.getAlias(b -> b.functionName("orchestrator").name("live")));
            assertEquals(429, e.statusCode());
            assertEquals("TooManyRequestsException", e.awsErrorDetails().errorCode());
            assertEquals("1", e.retryAfterSeconds());
            assertEquals("CallerRateLimitExceeded", e.reasonAsString());
            assertTrue(e.isThrottlingException());
        }
    }

    @Test
    void aScenarioAliasThatLambdaWouldRefuseIsRefusedNamingTheField() {
        LambdaService service = new LambdaService(sim.clock);
        IllegalArgumentException latest = assertThrows(IllegalArgumentException.class, () -> service.load(
                new org.yaml.snakeyaml.Yaml().load("""
                        functions:
                          - name: f
                            versions: 1
                            aliases:
                              - {name: live, functionVersion: $LATEST, weights: {"1": 0.5}}
                        """)));
        assertTrue(latest.getMessage().startsWith("lambda.functions[0].aliases[0].weights:"), latest.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> service.load(
                Map.of("functions", List.of(Map.of("name", "f", "alias", List.of())))));
        assertEquals("lambda.functions[0].alias: unknown field", unknown.getMessage());
    }

    /** Stands in for the core's fault injection: every request is throttled. */
    private static SimService throttling(SimService lambda) {
        return new SimService() {
            public String signingName() {
                return lambda.signingName();
            }

            public boolean recognises(SimRequest request) {
                return lambda.recognises(request);
            }

            public SimResponse handle(SimRequest request) {
                throw AwsError.client(429, "TooManyRequestsException", "Rate exceeded").raise();
            }

            public SimResponse error(SimRequest request, AwsError error) {
                return lambda.error(request, error);
            }

            public String operationName(SimRequest request) {
                return lambda.operationName(request);
            }

            public void load(Map<String, Object> section) {
                lambda.load(section);
            }

            public Map<String, Object> snapshot() {
                return lambda.snapshot();
            }
        };
    }
}
