package io.sluice.reconcile;

import static io.sluice.reconcile.RollbackNeedsOnlyItsWriteTest.okCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.model.status.Reason;
import io.sluice.model.status.RolloutStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A process that wrote to AWS and died before its first status commit for a rollout leaves no status
 * at all in Git: the next process takes the write as made (never makes it twice) and reports what
 * runs while the deployment is in progress.
 */
class FirstStatusLostTest {

    @Test
    void anEcsDeploymentStartedBeforeAnyStatusIsTakenAsMadeAndItsRunningTasksAreReported() throws Exception {
        try (ScenarioHarness h = new ScenarioHarness(UnaryOperator.identity())) {
            Rollout rag = ScenarioHarness.example("rag-backend", UnaryOperator.identity());
            // what the process that died had done: UpdateService to the desired revision, no status committed
            EcsClient ecs = h.aws.ecs(Rollout.AwsScope.defaults());
            ecs.updateService(u -> u.cluster("rag").service("rag-backend").taskDefinition("rag-backend:42"));
            long writes = okCalls(h, "ecs", "UpdateService");

            RolloutStatus first = h.pass(rag).statuses().get("rag-backend");
            assertEquals(writes, okCalls(h, "ecs", "UpdateService"), "the deployment already made is not made again: "
                    + h.timeline());
            assertEquals(Phase.Progressing, first.phase(), h.timeline());
            assertEquals(Optional.of(Reason.DeploymentInProgress), first.reason(), first.message());
            RolloutStatus.Side canary = first.canary().orElseThrow();
            assertEquals(100, canary.weight(), "the revision sluice set");
            assertEquals(Optional.of(0.0), canary.live(), "no task of the new revision runs yet: " + canary);

            h.clock.advance(Duration.ofSeconds(15));
            RolloutStatus later = h.pass(rag).statuses().get("rag-backend");
            double running = later.canary().orElseThrow().serving();
            assertTrue(running > 0 && running < 100, "part of the new tasks run: " + later.canary() + "\n" + h.timeline());
            assertEquals(writes, okCalls(h, "ecs", "UpdateService"), h.timeline());

            RolloutStatus done = h.runUntilSettled(rag, Duration.ofSeconds(30), Duration.ofHours(1));
            assertEquals(Phase.Healthy, done.phase(), h.timeline());
            assertEquals("rag-backend:42", done.stable().orElseThrow().name(), h.timeline());
            assertEquals(Optional.empty(), done.stable().orElseThrow().live(), "all of it runs: " + done.stable());
            assertEquals(writes, okCalls(h, "ecs", "UpdateService"), "one deployment in all: " + h.timeline());
        }
    }
}
