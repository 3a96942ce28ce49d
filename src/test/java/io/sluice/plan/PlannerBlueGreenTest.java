package io.sluice.plan;

import static io.sluice.plan.PlannerFixtures.T0;
import static io.sluice.plan.PlannerFixtures.notReady;
import static io.sluice.plan.PlannerFixtures.plan;
import static io.sluice.plan.PlannerFixtures.replan;
import static io.sluice.plan.PlannerFixtures.rollout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sluice.model.Rollout;
import io.sluice.model.status.Phase;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ECS blue/green: the idle service gets the revision first, then weights move as for an ALB. */
class PlannerBlueGreenTest {
    static final String SHOP_TEXT = """
            apiVersion: sluice.io/v1alpha1
            kind: Rollout
            metadata:
              name: shop
            spec:
              target:
                ecs:
                  cluster: prod
                  services: {blue: shop-blue, green: shop-green}
                  alb:
                    listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef/0123456789abcdef
                    targetGroups:
                      blue: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/0123456789abcdef
                      green: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/0123456789abcdef
              taskDefinition: shop:8
              strategy:
                steps:
                  - setWeight: 10
                  - setWeight: 100
            """;
    static final Rollout SHOP = rollout(SHOP_TEXT, "shop");

    static Observed live(int canaryWeight, Observed.Readiness readiness) {
        return new Observed(canaryWeight == 0 ? Map.of("shop:7", 100) : Map.of("shop:7", 100 - canaryWeight, "shop:8",
                canaryWeight), Map.of("shop:7", "blue", "shop:8", "green"), Observed.SETTLED, readiness);
    }

    @Test
    void deploysTheNewRevisionToTheIdleServiceBeforeAnyTrafficMoves() {
        Decision d = plan(SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:6 and takes no traffic")), T0);
        Decision.DeployRevision deploy = assertInstanceOf(Decision.DeployRevision.class, d);
        assertEquals("green", deploy.side());
        assertEquals("shop:8", deploy.revision());
        assertEquals(Phase.Progressing, d.status().phase());
        assertEquals("0/2", d.status().step().orElseThrow().toString());
        assertEquals("waiting before step 1/2: deploying shop:8 to the idle service green (green runs shop:6 and takes no"
                + " traffic)", d.status().message());
    }

    @Test
    void holdsWhileTheIdleServiceDeploysThenShiftsTheFirstWeight() {
        Decision deploy = plan(SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:6")), T0);
        Decision deploying = replan(deploy, SHOP, live(0, new Observed.NotReady("shop-green: deployment IN_PROGRESS, 1 of 3"
                + " tasks running")), T0.plusSeconds(5));
        Decision.Hold hold = assertInstanceOf(Decision.Hold.class, deploying);
        assertEquals("0/2", hold.status().step().orElseThrow().toString());
        assertEquals("waiting before step 1/2: shop:8 (green) is not ready: shop-green: deployment IN_PROGRESS, 1 of 3"
                + " tasks running", hold.status().message());
        Decision shift = replan(hold, SHOP, live(0, Observed.READY), T0.plusSeconds(20));
        assertEquals(new Split("shop:7", "shop:8", 10), assertInstanceOf(Decision.ShiftWeights.class, shift).split());
        assertEquals("start", shift.status().history().get(0).event());
    }

    @Test
    void aBrokenFileDeploysNothing() {
        Decision deploy = plan(SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:6")), T0);
        Decision broken = Planner.plan(new PlanInput(SHOP, java.util.Optional.of("line 3: bad indentation"), "c0ffee2",
                live(0, new Observed.NotDeployed("green", "green runs shop:6")), java.util.Optional.of(deploy.status()),
                java.util.List.of(), T0.plusSeconds(5)));
        assertInstanceOf(Decision.Hold.class, broken);
        assertEquals("waiting before step 1/2: rollouts/shop.yaml is broken (line 3: bad indentation); nothing is deployed"
                + " until it is fixed", broken.status().message());
    }

    @Test
    void aSideThatIsStillNotReadyOnTheNextPassKeepsTheRolloutBeforeStepOne() {
        Decision first = plan(SHOP, notReady("shop:7", "shop:8", "2 of 3 targets unhealthy"), T0);
        Decision second = replan(first, SHOP, notReady("shop:7", "shop:8", "1 of 3 targets unhealthy"), T0.plusSeconds(15));
        Decision.Hold hold = assertInstanceOf(Decision.Hold.class, second);
        assertEquals("0/2", hold.status().step().orElseThrow().toString());
        assertEquals(0, hold.status().history().size(), "nothing started");
    }

    @Test
    void aFailedDeploymentOnTheIdleServiceRollsBackWithoutEverShiftingTraffic() {
        Decision deploy = plan(SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:6")), T0);
        Observed failed = new Observed(Map.of("shop:7", 100), Map.of(), new Observed.Failed(
                "shop-green: deployment of shop:8 FAILED: ECS deployment circuit breaker: tasks failed to start."),
                new Observed.NotReady("shop-green: deployment FAILED"));
        Decision.RollBack rb = assertInstanceOf(Decision.RollBack.class, replan(deploy, SHOP, failed, T0.plusSeconds(40)));
        assertEquals(new Split("shop:7", "shop:8", 0), rb.split());
        assertEquals(Phase.RolledBack, rb.status().phase());
    }
    @Test
    void recordsTheDeployInTheHistory() {
        Decision d = plan(SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:6")), T0);
        assertEquals("deploy", d.status().history().get(0).event());
        assertEquals(java.util.Optional.of("shop:8 (green)"), d.status().history().get(0).to());
    }

    @Test
    void aDeployUndoneBeforeItWasSeenIsAFailedStepNotARedeploy() {
        Decision deploy = plan(SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:7")), T0);
        // the circuit breaker failed shop:8 and finished rolling green back to shop:7 between two passes
        Decision undone = replan(deploy, SHOP, live(0, new Observed.NotDeployed("green",
                "shop-green runs shop:7 and takes no traffic")), T0.plusSeconds(120));
        Decision.Hold hold = assertInstanceOf(Decision.Hold.class, undone, "no second UpdateService, no traffic move");
        assertEquals(Phase.RolledBack, hold.status().phase());
        assertEquals("rollback", hold.status().history().get(0).event());
        assertEquals("deployment of shop:8 (green) was undone before it took traffic: shop-green runs shop:7 and takes"
                + " no traffic (an ECS circuit-breaker rollback, or a change by hand)",
                hold.status().history().get(0).reason().orElseThrow());
        assertEquals("shop:7", hold.status().stable().orElseThrow().name());
        Decision later = replan(undone, SHOP, live(0, new Observed.NotDeployed("green", "shop-green runs shop:7")),
                T0.plusSeconds(240));
        assertInstanceOf(Decision.NoChange.class, later, "stays rolled back until the desired state changes");
        assertEquals(Phase.RolledBack, later.status().phase());
    }

    @Test
    void aRetryAfterAnUndoneDeployDeploysAgain() {
        Decision deploy = plan(SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:7")), T0);
        Decision undone = replan(deploy, SHOP, live(0, new Observed.NotDeployed("green", "green runs shop:7")),
                T0.plusSeconds(120));
        Rollout retried = rollout(SHOP_TEXT.replace("  taskDefinition: shop:8\n", "  taskDefinition: shop:8\n  retry: 1\n"),
                "shop");
        Decision again = replan(undone, retried, live(0, new Observed.NotDeployed("green", "green runs shop:7")),
                T0.plusSeconds(180));
        assertEquals("green", assertInstanceOf(Decision.DeployRevision.class, again).side());
    }
}
