package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example config repo is what newcomers copy: it must be valid and mean what it says. */
class ExampleRepoTest {
    static Map<String, Rollout> rollouts;

    @BeforeAll
    static void read() throws IOException {
        RolloutFiles.Result result = RolloutFiles.readFolder(Path.of("config-repo-example/rollouts"), "rollouts");
        assertEquals(List.of(), result.problems());
        rollouts = result.rollouts().stream().collect(Collectors.toMap(Rollout::name, Function.identity()));
    }

    @Test
    void holdsOneRolloutPerScenario() {
        assertEquals(java.util.Set.of("makenaide-orchestrator", "isshoni-web", "nodeapp-alb", "nodeapp-dns",
                "model-platform", "rag-backend", "rag-backend-bluegreen"), rollouts.keySet());
    }

    @Test
    void lambdaOrchestratorShiftsTheAliasInSixStepsWithItsRollbackRules() {
        Rollout r = rollouts.get("makenaide-orchestrator");
        Target.Lambda t = assertInstanceOf(Target.Lambda.class, r.target());
        assertEquals("makenaide-integrated-orchestrator", t.functionName());
        assertEquals("live", t.alias());
        assertEquals("2", r.desiredVersion());
        assertEquals(List.of(10, 30, 50, 70, 90, 100), weights(r));
        Analysis a = r.analysis().orElseThrow();
        assertEquals(Duration.ofSeconds(30), a.interval());
        Check errorRate = check(r, "error-rate");
        assertEquals(Optional.of(0.05), errorRate.failIf().orElseThrow().above());
        Check.CloudWatch cw = assertInstanceOf(Check.CloudWatch.class, errorRate.source());
        assertEquals(Optional.of("errors / invocations"), cw.expression());
        assertEquals("{{version}}", cw.queries().get("errors").dimensions().get("ExecutedVersion"));
        assertEquals(Optional.of(1.5), check(r, "duration-vs-stable").maxRatioToStable());
        assertEquals(3, check(r, "failed-executions").failuresToAbort());
        assertEquals(Optional.of(750.0), check(r, "memory").failIf().orElseThrow().above());
        assertEquals(List.of("makenaide-orchestrator-timeouts"),
                assertInstanceOf(Check.Alarms.class, check(r, "timeouts").source()).names());
    }

    @Test
    void isshoniCanaryDrainsBlueAndKeepsSticky() {
        Rollout r = rollouts.get("isshoni-web");
        Target.Alb t = assertInstanceOf(Target.Alb.class, r.target());
        assertEquals(Optional.of(Duration.ofSeconds(300)), t.stickiness());
        assertEquals(Optional.of(300), t.drainSeconds());
        assertEquals("green", r.desiredVersion());
        assertTrue(t.targetGroups().valueOf("blue").orElseThrow().contains("targetgroup/isshoni-blue/"));
        assertEquals(List.of(10, 50, 100), weights(r));
        assertEquals(new Step.Pause(Optional.of(Duration.ofMinutes(10))), r.strategy().steps().get(1));
        assertEquals(1, r.analysis().orElseThrow().startAfterStep());
        assertEquals(Optional.of(0.01), check(r, "five-xx-rate").failIf().orElseThrow().above());
        assertEquals(100, assertInstanceOf(Check.TargetHealth.class, check(r, "green-healthy").source()).minHealthyPercent());
    }

    @Test
    void nodeAppMovesAlbAndDnsWithADeepHealthProbe() {
        Rollout alb = rollouts.get("nodeapp-alb");
        Check.Http probe = assertInstanceOf(Check.Http.class, check(alb, "deep-health").source());
        assertTrue(probe.url().endsWith("/health/deep"));
        assertEquals(Duration.ofSeconds(2), probe.timeout());
        assertEquals("p95", assertInstanceOf(Check.CloudWatch.class, check(alb, "p95-latency").source())
                .queries().get("m").stat());
        Rollout dns = rollouts.get("nodeapp-dns");
        Target.Route53 t = assertInstanceOf(Target.Route53.class, dns.target());
        assertEquals("app.example.com.", t.recordName());
        assertEquals(Optional.of("app-alb"), t.setIdentifiers().valueOf("alb"));
        assertEquals("alb", dns.desiredVersion());
    }

    @Test
    void modelPlatformConditionsHoldForMinutesAndWaitForApproval() {
        Rollout r = rollouts.get("model-platform");
        assertTrue(assertInstanceOf(Target.Alb.class, r.target()).ruleArn().isPresent());
        assertEquals(5, check(r, "error-rate").failuresToAbort());
        assertEquals(3, check(r, "p95-latency").failuresToAbort());
        assertInstanceOf(Check.Prometheus.class, check(r, "p95-latency").source());
        assertEquals(Optional.of(2.0), check(r, "p95-latency").failIf().orElseThrow().above());
        assertEquals(new Step.Pause(Optional.empty()), r.strategy().steps().get(3));
        assertTrue(((Step.Pause) r.strategy().steps().get(3)).needsApproval());
    }

    @Test
    void ragBackendDeploysATaskDefinitionAndWatchesCpu() {
        Rollout r = rollouts.get("rag-backend");
        Target.Ecs t = assertInstanceOf(Target.Ecs.class, r.target());
        assertEquals(Optional.of("rag-backend"), t.service());
        assertEquals("rag-backend:42", r.desiredVersion());
        assertEquals(new Step.Analysis(Duration.ofMinutes(10), List.of()), r.strategy().steps().get(1));
        assertEquals(2, check(r, "cpu").failuresToAbort());
        assertEquals(Optional.of(70.0), check(r, "cpu").failIf().orElseThrow().above());
    }

    @Test
    void ragBackendBlueGreenShiftsTwoServicesOnTheAlbWithTheRunbooksRollbackRules() {
        Rollout r = rollouts.get("rag-backend-bluegreen");
        Target.Ecs t = assertInstanceOf(Target.Ecs.class, r.target());
        assertEquals("rag", t.cluster());
        assertEquals(Optional.empty(), t.service());
        Target.Sides services = t.services().orElseThrow();
        assertEquals(Optional.of("rag-backend-blue"), services.valueOf("blue"));
        assertEquals(Optional.of("rag-backend-green"), services.valueOf("green"));
        Target.Alb alb = t.alb().orElseThrow();
        assertTrue(alb.targetGroups().valueOf("green").orElseThrow().contains("targetgroup/rag-backend-green/"));
        assertEquals("rag-backend:43", r.desiredVersion());
        assertEquals(List.of(10, 50, 100), weights(r));
        assertEquals(List.of("rag-backend-blue-cpu-high", "rag-backend-green-cpu-high"),
                assertInstanceOf(Check.Alarms.class, check(r, "cpu").source()).names());
        assertEquals(Optional.of(10.0), check(r, "app-errors").failIf().orElseThrow().above());
        assertEquals("{{version}}", assertInstanceOf(Check.CloudWatch.class, check(r, "app-errors").source())
                .queries().get("m").dimensions().get("TaskDefinition"));
        assertEquals(Optional.of(2.0), check(r, "latency-vs-stable").maxRatioToStable());
        assertInstanceOf(Check.TargetHealth.class, check(r, "new-service-healthy").source());
    }

    private static List<Integer> weights(Rollout r) {
        return r.strategy().steps().stream().filter(s -> s instanceof Step.SetWeight)
                .map(s -> ((Step.SetWeight) s).percent()).toList();
    }

    private static Check check(Rollout r, String name) {
        return r.analysis().orElseThrow().checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
