package io.sluice.reconcile;

import io.sluice.model.DesiredState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.analysis.AddressOverrides;
import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.aws.AwsCallStats;
import io.sluice.aws.AwsClients;
import io.sluice.aws.AwsProducers;
import io.sluice.aws.AwsSettings;
import io.sluice.aws.DefaultTrafficTargets;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.sim.TwoRegionsSim;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Rollouts in ap-northeast-2 and eu-west-1 at once, with sluice's default region left at us-east-1
 * and no spec.aws.region: each call goes to the region its ARNs name, against a simulator that
 * refuses an ARN of another region as AWS does.
 */
class TwoRegionsReconcileTest {

    @Test
    void eachRolloutIsObservedAndShiftedInItsArnsRegion() throws Exception {
        try (TwoRegionsSim sim = new TwoRegionsSim();
             AwsClients aws = new AwsClients(new AwsSettings("us-east-1", Optional.of(sim.server.endpoint()),
                     Optional.of(new AwsSettings.StaticKeys(TwoRegionsSim.OWNER_KEY, "secret")),
                     AwsSettings.RetryBudget.defaults(), Duration.ofSeconds(10)), new AwsCallStats(Optional.empty()));
             ElasticLoadBalancingV2Client seoul = sim.client(ElasticLoadBalancingV2Client.builder(), TwoRegionsSim.SEOUL);
             ElasticLoadBalancingV2Client ireland = sim.client(ElasticLoadBalancingV2Client.builder(), TwoRegionsSim.IRELAND)) {
            Rollout inSeoul = rollout("shop-seoul", seoul);
            Rollout inIreland = rollout("shop-ireland", ireland);
            assertEquals(Optional.of("ap-northeast-2"), inSeoul.aws().region(), "the region comes from the ARNs");
            assertEquals(Optional.of("eu-west-1"), inIreland.aws().region());

            DefaultAnalyzer analyzer = new DefaultAnalyzer(AwsProducers.analysisClientsOf(aws), new DefaultAnalyzer.Settings(2,
                    Duration.ofSeconds(5), Duration.ofSeconds(10), AddressOverrides.parse(List.of())), Optional.empty());
            try (Reconciler r = new Reconciler(new DefaultTrafficTargets(aws), analyzer, sim.clock, 2, new RolloutBoard())) {
                PassReport report = null;
                for (int i = 0; i < 3; i++) {
                    report = r.pass(new DesiredState("c1", List.of(inSeoul, inIreland), List.of()));
                    sim.clock.advance(Duration.ofSeconds(10));
                }
                RolloutStatus seoulStatus = report.statuses().get("shop-seoul");
                assertEquals(Phase.Progressing, seoulStatus.phase(), seoulStatus.message());
                assertEquals(10.0, seoulStatus.canary().orElseThrow().weight(), seoulStatus.message());
                assertEquals(10, greenWeight(seoul));
                // Ireland's green group is unhealthy in that region only: read there, it holds the start
                RolloutStatus irelandStatus = report.statuses().get("shop-ireland");
                assertEquals(io.sluice.model.status.Reason.NotReady, irelandStatus.reason().orElseThrow(),
                        irelandStatus.message());
                assertTrue(irelandStatus.message().contains("Target.ResponseCodeMismatch"), irelandStatus.message());
                assertEquals(0, greenWeight(ireland));
            } finally {
                analyzer.close();
            }
        }
    }

    private static Rollout rollout(String name, ElasticLoadBalancingV2Client elb) {
        String lb = elb.describeLoadBalancers(d -> d.names("shop")).loadBalancers().get(0).loadBalancerArn();
        String listener = elb.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).listenerArn();
        String blue = elb.describeTargetGroups(d -> d.names("shop-blue")).targetGroups().get(0).targetGroupArn();
        String green = elb.describeTargetGroups(d -> d.names("shop-green")).targetGroups().get(0).targetGroupArn();
        String text = """
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata:
                  name: %s
                spec:
                  target:
                    alb:
                      listenerArn: %s
                      targetGroups:
                        blue: %s
                        green: %s
                  active: green
                  strategy:
                    steps:
                      - setWeight: 10
                      - pause: 10m
                      - setWeight: 100
                """.formatted(name, listener, blue, green);
        RolloutFiles.FileResult read = RolloutFiles.read(text, "rollouts/" + name + ".yaml");
        return read.rollout().orElseThrow(() -> new AssertionError(read.problems().toString()));
    }

    private static long greenWeight(ElasticLoadBalancingV2Client elb) {
        String lb = elb.describeLoadBalancers(d -> d.names("shop")).loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(d -> d.loadBalancerArn(lb)).listeners().get(0).defaultActions().get(0).forwardConfig()
                .targetGroups().stream().filter(t -> t.targetGroupArn().contains("shop-green")).findFirst()
                .map(TargetGroupTuple::weight).orElseThrow();
    }
}
