package io.sluice.sim.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

class LambdaAliasUpdateTest {
    private LambdaSim sim;

    @BeforeEach
    void start() throws Exception {
        sim = new LambdaSim();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private UpdateAliasResponse update(Consumer<UpdateAliasRequest.Builder> request) {
        return sim.lambda.updateAlias(b -> request.accept(b.functionName("orchestrator").name("live")));
    }

    private GetAliasResponse live() {
        return sim.lambda.getAlias(b -> b.functionName("orchestrator").name("live"));
    }

    private static AwsServiceException refused(Class<? extends AwsServiceException> type, String code, int status,
            Runnable call) {
        AwsServiceException e = assertThrows(type, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        return e;
    }

    @Test
    void canaryStepSetsTheAdditionalVersionWeightAndChangesTheRevisionId() {
        String before = live().revisionId();
        UpdateAliasResponse answer = update(b -> b.functionVersion("1").revisionId(before)
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1))));

        assertEquals(Map.of("2", 0.1), answer.routingConfig().additionalVersionWeights());
        assertNotEquals(before, answer.revisionId());
        GetAliasResponse read = live();
        assertEquals("1", read.functionVersion());
        assertEquals(Map.of("2", 0.1), read.routingConfig().additionalVersionWeights());
        assertEquals(answer.revisionId(), read.revisionId());
        assertEquals("production traffic", read.description());
    }

    @Test
    void everyUpdateChangesTheRevisionIdEvenWithoutAChange() {
        String first = update(b -> b.functionVersion("1")).revisionId();
        String second = update(b -> b.functionVersion("1")).revisionId();
        assertNotEquals(first, second);
    }

    @Test
    void staleRevisionIdIsRefusedWithPreconditionFailed412AndLeavesTheAliasAlone() {
        String stale = live().revisionId();
        update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.3))));

        AwsServiceException e = refused(PreconditionFailedException.class, "PreconditionFailedException", 412,
                () -> update(b -> b.revisionId(stale).routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.9)))));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("The Revision Id provided does not match"));
        assertEquals(Map.of("2", 0.3), live().routingConfig().additionalVersionWeights());
    }

    @Test
    void leavingRoutingConfigOutKeepsTheWeightsAndAnEmptyMapClearsThem() {
        update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.5))));
        update(b -> b.description("moved"));
        assertEquals(Map.of("2", 0.5), live().routingConfig().additionalVersionWeights());

        UpdateAliasResponse promoted = update(b -> b.functionVersion("2").routingConfig(r -> r.additionalVersionWeights(Map.of())));
        assertEquals("2", promoted.functionVersion());
        assertTrue(live().routingConfig() == null || live().routingConfig().additionalVersionWeights().isEmpty());
    }

    @Test
    void weightOutsideZeroToOneIsAValidationError() {
        refused(software.amazon.awssdk.services.lambda.model.LambdaException.class, "ValidationException", 400,
                () -> update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.5)))));
        refused(software.amazon.awssdk.services.lambda.model.LambdaException.class, "ValidationException", 400,
                () -> update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("2", -0.1)))));
        assertEquals(1.0, update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.0))))
                .routingConfig().additionalVersionWeights().get("2"));
    }

    @Test
    void moreThanOneAdditionalVersionIsRefused() {
        refused(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1, "3", 0.1)))));
    }

    @Test
    void latestCannotBeTheAdditionalVersion() {
        refused(software.amazon.awssdk.services.lambda.model.LambdaException.class, "ValidationException", 400,
                () -> update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("$LATEST", 0.1)))));
    }

    @Test
    void latestCannotBeThePrimaryWhileRouting() {
        AwsServiceException e = refused(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> update(b -> b.functionVersion("$LATEST").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1)))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("$LATEST is not supported"));
        assertEquals("$LATEST", update(b -> b.functionVersion("$LATEST").routingConfig(r -> r.additionalVersionWeights(Map.of())))
                .functionVersion());
    }

    @Test
    void aVersionThatDoesNotExistIsNotFound() {
        refused(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("9", 0.1)))));
        AwsServiceException e = refused(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> update(b -> b.functionVersion("9")));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:123456789012:function:orchestrator:9",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void theAdditionalVersionMustDifferFromThePrimary() {
        AwsServiceException e = refused(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> update(b -> b.functionVersion("2").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1)))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("already included in routing configuration"));
    }

    @Test
    void movingThePrimaryOntoTheRoutedVersionIsRefusedWhenRoutingIsKept() {
        update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1))));
        refused(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> update(b -> b.functionVersion("2")));
    }

    @Test
    void bothVersionsMustShareRoleAndDeadLetterConfig() {
        AwsServiceException role = refused(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("4", 0.1)))));
        assertEquals("Specified versions must be associated with the same execution role",
                role.awsErrorDetails().errorMessage());
        refused(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> update(b -> b.routingConfig(r -> r.additionalVersionWeights(Map.of("5", 0.1)))));
    }

    @Test
    void unknownAliasAndUnknownFunctionAreNotFound() {
        AwsServiceException alias = refused(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> sim.lambda.updateAlias(b -> b.functionName("orchestrator").name("nope").functionVersion("1")));
        assertEquals("Cannot find alias arn: arn:aws:lambda:us-east-1:123456789012:function:orchestrator:nope",
                alias.awsErrorDetails().errorMessage());
        refused(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> sim.lambda.updateAlias(b -> b.functionName("ghost").name("live").functionVersion("1")));
    }

    @Test
    void updateByFullArnChangesTheSameAlias() {
        sim.lambda.updateAlias(b -> b.functionName("arn:aws:lambda:us-east-1:123456789012:function:orchestrator")
                .name("live").routingConfig(r -> r.additionalVersionWeights(Map.of("3", 0.05))));
        assertEquals(Map.of("3", 0.05), live().routingConfig().additionalVersionWeights());
    }
}
