package io.sluice.sim.cloudwatch;

import static io.sluice.sim.TwoRegionsSim.IRELAND;
import static io.sluice.sim.TwoRegionsSim.SEOUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.TwoRegionsSim;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Metrics and alarms are regional: the same query or alarm name gives each region its own data, and
 * a region that has none of them answers with no data and no alarms, never with another region's.
 */
class CloudWatchRegionScopeTest {
    static final String SEOUL_TG = "targetgroup/shop-green/5c1996abb5d7c254";
    static final String SEOUL_LB = "app/shop/82c4c702f96e8402";
    static final String IRELAND_TG = "targetgroup/shop-green/571a530b07c83c6c";
    static final String IRELAND_LB = "app/shop/c183a9f54b3a48ef";

    private TwoRegionsSim sim;
    private CloudWatchClient seoul;
    private CloudWatchClient ireland;
    private CloudWatchClient virginia;
    private CloudWatchClient tenantSeoul;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        sim.clock.advance(Duration.ofMinutes(5));
        seoul = sim.client(CloudWatchClient.builder(), SEOUL);
        ireland = sim.client(CloudWatchClient.builder(), IRELAND);
        virginia = sim.client(CloudWatchClient.builder(), Region.US_EAST_1);
        tenantSeoul = sim.client(CloudWatchClient.builder(), SEOUL, TwoRegionsSim.TENANT_KEY);
    }

    @AfterEach
    void stop() {
        List.of(seoul, ireland, virginia, tenantSeoul).forEach(CloudWatchClient::close);
        sim.close();
    }

    private List<Double> requests(CloudWatchClient cw, String targetGroup, String loadBalancer) {
        Instant end = sim.clock.now().minus(Duration.ofMinutes(2));
        MetricDataResult result = cw.getMetricData(r -> r.startTime(end.minus(Duration.ofMinutes(3))).endTime(end)
                .scanBy("TimestampAscending")
                .metricDataQueries(q -> q.id("requests").metricStat(s -> s.stat("Sum").period(60)
                        .metric(m -> m.namespace("AWS/ApplicationELB").metricName("RequestCount").dimensions(
                                Dimension.builder().name("TargetGroup").value(targetGroup).build(),
                                Dimension.builder().name("LoadBalancer").value(loadBalancer).build()))))).metricDataResults().get(0);
        assertEquals("Complete", result.statusCodeAsString());
        return result.values();
    }

    @Test
    void theSameQueryReadsEachRegionsOwnMetric() {
        assertEquals(List.of(600.0, 600.0, 600.0), requests(seoul, SEOUL_TG, SEOUL_LB));
        assertEquals(List.of(60.0, 60.0, 60.0), requests(ireland, IRELAND_TG, IRELAND_LB));
    }

    @Test
    void anotherRegionOrAccountSimplyHasNoData() {
        assertEquals(List.of(), requests(ireland, SEOUL_TG, SEOUL_LB));
        assertEquals(List.of(), requests(virginia, SEOUL_TG, SEOUL_LB));
        assertEquals(List.of(), requests(tenantSeoul, SEOUL_TG, SEOUL_LB));
    }

    @Test
    void alarmsOfTheSameNameAreEvaluatedInTheirOwnRegion() {
        MetricAlarm seoulAlarm = seoul.describeAlarms(r -> r.alarmNames("shop-green-5xx")).metricAlarms().get(0);
        assertEquals("arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:shop-green-5xx", seoulAlarm.alarmArn());
        assertEquals("ALARM", seoulAlarm.stateValueAsString());
        MetricAlarm irelandAlarm = ireland.describeAlarms(r -> r.alarmNames("shop-green-5xx")).metricAlarms().get(0);
        assertEquals("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-green-5xx", irelandAlarm.alarmArn());
        assertEquals("OK", irelandAlarm.stateValueAsString());
        assertTrue(virginia.describeAlarms(r -> r.alarmNames("shop-green-5xx")).metricAlarms().isEmpty());
        assertTrue(tenantSeoul.describeAlarms().metricAlarms().isEmpty());
    }

    @Test
    void dataPutInOneRegionStaysThere() {
        ireland.putMetricData(r -> r.namespace("Sluice/Test").metricData(d -> d.metricName("Probe").value(3.0)
                .timestamp(sim.clock.now().minus(Duration.ofMinutes(1)))));
        Instant end = sim.clock.now();
        for (CloudWatchClient cw : List.of(ireland, seoul)) {
            List<Double> values = cw.getMetricData(r -> r.startTime(end.minus(Duration.ofMinutes(5))).endTime(end)
                    .metricDataQueries(q -> q.id("probe").metricStat(s -> s.stat("Sum").period(300)
                            .metric(m -> m.namespace("Sluice/Test").metricName("Probe"))))).metricDataResults().get(0).values();
            assertEquals(cw == ireland ? List.of(3.0) : List.of(), values);
        }
    }
}
