package io.sluice.reconcile;

import static io.sluice.reconcile.ScenarioHarness.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.sim.Fault;
import io.sluice.sim.ScenarioFields;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For every target kind, a rollback needs only the API it writes: with every other call of every
 * service answering 503 (or throttled), the rollback still lands, in one write.
 */
class RollbackNeedsOnlyItsWriteTest {
    static final List<String> SERVICES = List.of("elasticloadbalancing", "lambda", "route53", "ecs", "monitoring", "sts");

    @ParameterizedTest(name = "{0} ({3})")
    @CsvSource({
            "isshoni-web, elasticloadbalancing, ModifyListener, http503",
            "isshoni-web, elasticloadbalancing, ModifyListener, throttle",
            "model-platform, elasticloadbalancing, ModifyRule, http503",
            "makenaide-orchestrator, lambda, UpdateAlias, http503",
            "makenaide-orchestrator, lambda, UpdateAlias, throttle",
            "nodeapp-dns, route53, ChangeResourceRecordSets, http503",
            "rag-backend, ecs, UpdateService, http503",
            "rag-backend-bluegreen, elasticloadbalancing, ModifyListener, http503",
            "rag-backend-bluegreen, elasticloadbalancing, ModifyListener, throttle",
    })
    void theRollbackLandsWhileEveryOtherCallFails(String name, String writeService, String writeOperation, String kind)
            throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(ResilienceTest.HEALTHY_ISSHONI)) {
            Rollout r = example(name, s -> s);
            RolloutStatus s = null;
            for (int i = 0; i < 200 && !inFlight(s); i++) {
                s = h.pass(r).statuses().get(name);
                h.clock.advance(Duration.ofSeconds(15));
            }
            assertTrue(inFlight(s), h.timeline()::toString);
            long writesBefore = okCalls(h, writeService, writeOperation);
            for (String service : SERVICES) {
                Map<String, Object> fault = new java.util.LinkedHashMap<>(Map.of("service", service, "kind", kind));
                if (service.equals(writeService)) {
                    fault.put("exceptOperations", List.of(writeOperation));
                }
                h.sim.control().faults().add(Fault.parse(ScenarioFields.of("fault", fault)));
            }
            Rollout aborted = example(name, t -> t.replaceFirst("\nspec:\n", "\nspec:\n  abort: true\n"));
            PassReport report = h.pass(aborted);
            assertEquals(Phase.RolledBack, report.statuses().get(name).phase(), h.timeline()::toString);
            assertFalse(report.actionFailures().containsKey(name), report.actionFailures()::toString);
            assertEquals(writesBefore + 1, okCalls(h, writeService, writeOperation), "one write, no more");

            // with AWS answering again, what it serves is the rollback: nothing is held as drift
            h.sim.control().faults().clear();
            for (int i = 0; i < 40; i++) {
                h.clock.advance(Duration.ofSeconds(15));
                s = h.pass(aborted).statuses().get(name);
            }
            assertEquals(Phase.RolledBack, s.phase(), h.timeline()::toString);
            assertEquals(0.0, s.canary().orElseThrow().weight(), h.timeline()::toString);
            assertEquals(writesBefore + 1, okCalls(h, writeService, writeOperation), h.timeline()::toString);
        }
    }

    /** Past its first step: traffic (or, for a rolling update, the new revision) is on the canary. */
    private static boolean inFlight(RolloutStatus s) {
        return s != null && (s.phase() == Phase.Progressing || s.phase() == Phase.Paused)
                && s.step().map(p -> p.index() >= 2).orElse(false);
    }

    @SuppressWarnings("unchecked")
    static long okCalls(ScenarioHarness h, String service, String operation) {
        Map<String, Object> calls = (Map<String, Object>) h.sim.control().calls().snapshot().getOrDefault(service, Map.of());
        Map<String, Object> op = (Map<String, Object>) calls.getOrDefault(operation, Map.of());
        return ((Number) op.getOrDefault("ok", 0L)).longValue();
    }
}
