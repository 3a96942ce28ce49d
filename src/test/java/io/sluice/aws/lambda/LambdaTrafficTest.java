package io.sluice.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.SimAws;
import io.sluice.model.Rollout;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;

class LambdaTrafficTest {
    static final String SCENARIO = """
            lambda:
              functions:
                - name: orchestrator
                  versions: 7
                  aliases:
                    - {name: live, functionVersion: 6}
            """;

    SimAws sim;
    LambdaClient lambda;

    @BeforeEach
    void start() throws Exception {
        sim = new SimAws(SCENARIO);
        lambda = sim.lambda();
    }

    @AfterEach
    void stop() {
        lambda.close();
        sim.close();
    }

    static Rollout live(String version) {
        return SimAws.rollout("orchestrator", "lambda: {functionName: orchestrator, alias: live}",
                "version: \"" + version + "\"\n");
    }

    GetAliasResponse alias() {
        return lambda.getAlias(r -> r.functionName("orchestrator").name("live"));
    }

    @Test
    void observesAndShiftsTenFiftyHundredReadBackIndependently() {
        Rollout r = live("7");
        Observed before = sim.seen(r).observed();
        assertEquals(Map.of("6", 100), before.weights());
        assertEquals(Observed.READY, before.canaryReadiness());

        sim.targets.apply(r, new Split("6", "7", 10), Urgency.MOVING);
        assertEquals("6", alias().functionVersion());
        assertEquals(Map.of("7", 0.1), alias().routingConfig().additionalVersionWeights());
        assertEquals(Map.of("6", 90, "7", 10), sim.seen(r).observed().weights());

        sim.targets.apply(r, new Split("6", "7", 50), Urgency.MOVING);
        assertEquals(Map.of("7", 0.5), alias().routingConfig().additionalVersionWeights());
        assertEquals(Map.of("6", 50, "7", 50), sim.seen(r).observed().weights());

        sim.targets.apply(r, new Split("6", "7", 100), Urgency.MOVING);
        assertEquals("7", alias().functionVersion());
        assertTrue(alias().routingConfig() == null || alias().routingConfig().additionalVersionWeights().isEmpty());
        assertEquals(Map.of("7", 100), sim.seen(r).observed().weights());
    }

    @Test
    void rollsBackFromFiftyToZeroInOneUpdate() {
        Rollout r = live("7");
        sim.targets.apply(r, new Split("6", "7", 50), Urgency.MOVING);
        sim.resetCounts();
        sim.targets.apply(r, new Split("6", "7", 0), Urgency.MOVING);
        assertEquals(1, sim.simCalls("lambda", "UpdateAlias", "ok"));
        assertEquals(0, sim.simCalls("lambda", "GetAlias", "ok"),
                "a rollback reads nothing: all on the stable version is right whatever the alias holds");
        assertEquals("6", alias().functionVersion());
        assertTrue(alias().routingConfig() == null || alias().routingConfig().additionalVersionWeights().isEmpty());
    }

    @Test
    void reportsAConflictWhenSomeoneChangesTheAliasBetweenReadAndWrite() throws Exception {
        Rollout r = live("7");
        // the adapter's UpdateAlias is held back while a person's update goes through first
        sim.fault(Map.of("service", "lambda", "operation", "UpdateAlias", "kind", "latency", "latencyMillis", 700, "times", 1));
        CompletableFuture<Void> shift = CompletableFuture.runAsync(() -> sim.targets.apply(r, new Split("6", "7", 10), Urgency.MOVING));
        long deadline = System.currentTimeMillis() + 5000;
        while (!sim.server.control().faults().describe().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        lambda.updateAlias(u -> u.functionName("orchestrator").name("live").functionVersion("5"));
        Exception e = assertThrows(Exception.class, () -> shift.get(10, TimeUnit.SECONDS));
        TargetFailure failure = (TargetFailure) e.getCause();
        assertEquals(TargetFailure.Kind.CONFLICT, failure.kind());
        assertEquals("PreconditionFailedException", failure.awsCode());
        assertEquals(1, sim.simCalls("lambda", "UpdateAlias", "PreconditionFailedException"), "never retried blindly");
        assertEquals("5", alias().functionVersion(), "the person's change stands");
        assertEquals(Map.of("5", 100), sim.seen(r).observed().weights());
    }

    @Test
    void reportsAnUnpublishedVersionAsNotReady() {
        Observed observed = sim.seen(live("9")).observed();
        assertEquals(new Observed.NotReady("version 9 is not published"), observed.canaryReadiness());
    }

    @Test
    void reportsAMissingAliasAsNotFound() {
        Rollout r = SimAws.rollout("other", "lambda: {functionName: orchestrator, alias: nope}", "version: \"7\"\n");
        assertEquals(TargetFailure.Kind.NOT_FOUND, sim.failure(r).kind());
    }

    @Test
    void survivesThrottlingAndServerErrorsWithinTheRetryBudget() {
        Rollout r = live("7");
        sim.fault(Map.of("service", "lambda", "operation", "GetAlias", "kind", "throttle", "times", 2));
        sim.fault(Map.of("service", "lambda", "operation", "UpdateAlias", "kind", "http500", "times", 1));
        sim.targets.apply(r, new Split("6", "7", 10), Urgency.MOVING);
        assertEquals(Map.of("7", 0.1), alias().routingConfig().additionalVersionWeights());
        assertEquals(3, sim.stats.attempts("Lambda", "GetAlias"));
        assertEquals(2, sim.stats.attempts("Lambda", "UpdateAlias"));
        assertEquals(2, sim.simCalls("lambda", "GetAlias", "TooManyRequestsException"));
    }

    @Test
    void countsTheCallsOfOneObserveAndOneShift() {
        Rollout r = live("7");
        sim.seen(r);
        long observe = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.targets.apply(r, new Split("6", "7", 10), Urgency.MOVING);
        long shift = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.seen(r);
        long observeRouted = sim.stats.totalAttempts();
        System.out.println("Lambda calls: observe " + observe + " (" + observeRouted + " once the alias routes to it), shift "
                + shift);
        assertEquals(2, observe, "GetAlias, GetFunctionConfiguration");
        assertEquals(1, observeRouted, "GetAlias");
        assertEquals(2, shift, "GetAlias, UpdateAlias");
    }
}
