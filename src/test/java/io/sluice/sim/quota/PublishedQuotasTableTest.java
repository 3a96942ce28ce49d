package io.sluice.sim.quota;

import static io.sluice.sim.quota.PublishedQuotas.CLOUDWATCH_GET_METRIC_DATA;
import static io.sluice.sim.quota.PublishedQuotas.ECS_DESCRIBE_SERVICES;
import static io.sluice.sim.quota.PublishedQuotas.ECS_UPDATE_SERVICE;
import static io.sluice.sim.quota.PublishedQuotas.ELBV2_DESCRIBE;
import static io.sluice.sim.quota.PublishedQuotas.ELBV2_MUTATE;
import static io.sluice.sim.quota.PublishedQuotas.ELB_ACCOUNT;
import static io.sluice.sim.quota.PublishedQuotas.LAMBDA_CONTROL;
import static io.sluice.sim.quota.PublishedQuotas.ROUTE53;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.analysis.CloudWatchMetricsProvider;
import io.sluice.aws.quota.QuotaBuckets;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The published quota table of design section 7 (its copy in {@code design-quotas.md}) against the
 * simulator's own table and against sluice's own defaults, each written on its own: every figure
 * the design states is theirs, and the calls the design names draw on that bucket.
 */
class PublishedQuotasTableTest {

    /** The simulator's bucket for a design figure, and calls of the row that must draw on it. */
    private record SimBucket(String bucket, String service, List<String> operations) {
    }

    /** Keyed by {@link DesignQuotaTable.Figure#name()}. */
    private static final Map<String, SimBucket> SIMULATOR = Map.of(
            "ELBv2 Describe*", new SimBucket(ELBV2_DESCRIBE, "elasticloadbalancing",
                    List.of("DescribeListeners", "DescribeRules", "DescribeTargetHealth", "DescribeTargetGroups")),
            "ELBv2 Describe* [also an account-wide ELB bucket]", new SimBucket(ELB_ACCOUNT, "elasticloadbalancing",
                    List.of("DescribeListeners", "ModifyListener", "ModifyRule", "RegisterTargets")),
            "ELBv2 ModifyListener / ModifyRule", new SimBucket(ELBV2_MUTATE, "elasticloadbalancing",
                    List.of("ModifyListener", "ModifyRule")),
            "Lambda control plane (GetAlias, UpdateAlias, ...)", new SimBucket(LAMBDA_CONTROL, "lambda",
                    List.of("GetAlias", "UpdateAlias", "ListAliases", "ListVersionsByFunction")),
            "Route 53", new SimBucket(ROUTE53, "route53",
                    List.of("ChangeResourceRecordSets", "GetChange", "ListResourceRecordSets")),
            "CloudWatch GetMetricData", new SimBucket(CLOUDWATCH_GET_METRIC_DATA, "monitoring", List.of("GetMetricData")),
            "ECS UpdateService", new SimBucket(ECS_UPDATE_SERVICE, "ecs", List.of("UpdateService")),
            "ECS UpdateService [DescribeServices]", new SimBucket(ECS_DESCRIBE_SERVICES, "ecs",
                    List.of("DescribeServices")));

    /** Per-call limits of the simulator, by design figure name. */
    private static final Map<String, Integer> SIMULATOR_PER_CALL = Map.of(
            "CloudWatch GetMetricData", PublishedQuotas.GET_METRIC_DATA_QUERIES_PER_CALL);

    /** sluice's own bucket for a design figure, and its {@code AwsClients} service key. */
    private record SluiceBucket(String bucket, String service, List<String> operations) {
    }

    /** Keyed by {@link DesignQuotaTable.Figure#name()}: sluice's defaults, written independently of the simulator's. */
    private static final Map<String, SluiceBucket> SLUICE = Map.of(
            "ELBv2 Describe*", new SluiceBucket(QuotaBuckets.ELBV2_DESCRIBE, "elbv2", List.of("DescribeListeners")),
            "ELBv2 Describe* [also an account-wide ELB bucket]", new SluiceBucket(QuotaBuckets.ELB_ACCOUNT, "elbv2",
                    List.of("DescribeListeners", "ModifyListener")),
            "ELBv2 ModifyListener / ModifyRule", new SluiceBucket(QuotaBuckets.ELBV2_MUTATE, "elbv2",
                    List.of("ModifyListener", "ModifyRule")),
            "Lambda control plane (GetAlias, UpdateAlias, ...)", new SluiceBucket(QuotaBuckets.LAMBDA_CONTROL, "lambda",
                    List.of("GetAlias", "UpdateAlias")),
            "Route 53", new SluiceBucket(QuotaBuckets.ROUTE53, "route53", List.of("ChangeResourceRecordSets")),
            "CloudWatch GetMetricData", new SluiceBucket(QuotaBuckets.CLOUDWATCH_GET_METRIC_DATA, "cloudwatch",
                    List.of("GetMetricData")),
            "ECS UpdateService", new SluiceBucket(QuotaBuckets.ECS_UPDATE_SERVICE, "ecs", List.of("UpdateService")),
            "ECS UpdateService [DescribeServices]", new SluiceBucket(QuotaBuckets.ECS_DESCRIBE_SERVICES, "ecs",
                    List.of("DescribeServices")));

    private final DesignQuotaTable design = DesignQuotaTable.load();

    @Test
    void sluicesOwnDefaultsHaveThePublishedSizesAndDrawOnThem() {
        assertEquals(new TreeSet<>(SLUICE.keySet()), new TreeSet<>(design.names()));
        for (DesignQuotaTable.Figure figure : design.figures()) {
            SluiceBucket own = SLUICE.get(figure.name());
            QuotaBuckets.Rate rate = QuotaBuckets.published(own.bucket());
            figure.burst().ifPresent(burst -> assertEquals(burst, rate.burst(), figure.name() + ": sluice's burst"));
            figure.perSecond().ifPresent(perSecond ->
                    assertEquals(perSecond, rate.perSecond(), figure.name() + ": sluice's refill per second"));
            figure.perCall().ifPresent(perCall -> assertEquals(perCall, CloudWatchMetricsProvider.MAX_QUERIES_PER_CALL,
                    figure.name() + ": sluice's queries per call"));
            own.operations().forEach(op -> assertTrue(QuotaBuckets.bucketsFor(own.service(), op).contains(own.bucket()),
                    figure.name() + ": sluice's " + own.service() + " " + op + " draws on "
                            + QuotaBuckets.bucketsFor(own.service(), op)));
        }
    }

    @Test
    void everyFigureOfTheDesignHasASimulatorBucket() {
        assertEquals(new TreeSet<>(SIMULATOR.keySet()), new TreeSet<>(design.names()),
                "each figure of design section 7 names the simulator bucket that stands for it");
    }

    @Test
    void theSimulatorsBucketsHaveThePublishedSizes() {
        Map<String, PublishedQuotas.Rate> rates = PublishedQuotas.defaults();
        for (DesignQuotaTable.Figure figure : design.figures()) {
            PublishedQuotas.Rate rate = rates.get(SIMULATOR.get(figure.name()).bucket());
            figure.burst().ifPresent(burst -> assertEquals(burst, rate.burst(), figure.name() + ": burst"));
            figure.perSecond().ifPresent(perSecond ->
                    assertEquals(perSecond, rate.perSecond(), figure.name() + ": refill per second"));
            figure.perCall().ifPresent(perCall ->
                    assertEquals(perCall, SIMULATOR_PER_CALL.get(figure.name()), figure.name() + ": per call"));
        }
    }

    @Test
    void theCallsTheDesignNamesDrawOnTheirBucket() {
        SIMULATOR.forEach((figure, sim) -> sim.operations().forEach(operation ->
                assertTrue(PublishedQuotas.bucketsFor(sim.service(), operation).contains(sim.bucket()),
                        figure + ": " + sim.service() + " " + operation + " draws on "
                                + PublishedQuotas.bucketsFor(sim.service(), operation))));
    }

    @Test
    void theLambdaControlPlaneSharesOneBucket() {
        List<String> getAlias = PublishedQuotas.bucketsFor("lambda", "GetAlias");
        assertEquals(List.of(LAMBDA_CONTROL), getAlias);
        List.of("UpdateAlias", "ListAliases", "ListVersionsByFunction", "GetFunctionConfiguration")
                .forEach(op -> assertEquals(getAlias, PublishedQuotas.bucketsFor("lambda", op), op));
    }

    @Test
    void theDesignTableReadsAsItIsWritten() {
        assertEquals(8, design.figures().size(), design.names().toString());
        DesignQuotaTable.Figure account = design.figure("ELBv2 Describe* [also an account-wide ELB bucket]");
        assertEquals(OptionalDouble.of(40), account.burst());
        assertEquals(OptionalDouble.of(10), account.perSecond());
        DesignQuotaTable.Figure lambda = design.figure("Lambda control plane (GetAlias, UpdateAlias, ...)");
        assertEquals(OptionalDouble.empty(), lambda.burst());
        assertEquals(OptionalDouble.of(15), lambda.perSecond());
        assertEquals(OptionalInt.of(500), design.figure("CloudWatch GetMetricData").perCall());
        assertEquals(OptionalDouble.of(100), design.figure("ECS UpdateService [DescribeServices]").burst());
    }

    @Test
    void aFigureInAnUnknownFormFailsTheReadInsteadOfBeingSkipped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DesignQuotaTable.parse("""
                | API | bucket |
                |---|---|
                | Route 53 | 5 changes a second |
                """));
        assertTrue(e.getMessage().contains("Route 53"), e.getMessage());
    }
}
