package io.sluice.sim.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

class CloudWatchGetMetricDataTest {
    static final String TG = "targetgroup/green/0123456789abcdef";
    static final String LB = "app/web/fedcba9876543210";
    static final String SCENARIO = """
            monitoring:
              start: 2026-11-24T10:00:00Z
              metrics:
                - id: green-requests
                  namespace: AWS/ApplicationELB
                  metric: RequestCount
                  dimensions: {TargetGroup: %s, LoadBalancer: %s}
                  kind: count
                  unit: Count
                  value: 1000
                - namespace: AWS/ApplicationELB
                  metric: HTTPCode_Target_5XX_Count
                  dimensions: {TargetGroup: %s, LoadBalancer: %s}
                  kind: count
                  unit: Count
                  relativeTo: green-requests
                  schedule:
                    - until: 2026-11-24T10:05:00Z
                      value: 0.002
                    - value: 0.06
                - namespace: AWS/ApplicationELB
                  metric: TargetResponseTime
                  dimensions: {TargetGroup: %s, LoadBalancer: %s}
                  value: 0.350
                  valueStat: p95
                  spread: 0.4
                  samplesPerMinute: 2000
                  seed: 7
                - namespace: AWS/ECS
                  metric: CPUUtilization
                  dimensions: {ClusterName: prod, ServiceName: web}
                  unit: Percent
                  schedule:
                    - value: 40
                    - after: 4m
                      value: none
                    - after: 6m
                      value: 55
            """.formatted(TG, LB, TG, LB, TG, LB);

    CloudWatchSimFixture sim;

    @BeforeEach
    void start() throws Exception {
        sim = new CloudWatchSimFixture(SCENARIO);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static MetricDataQuery stat(String id, String namespace, String metric, String stat, int period, boolean returnData,
            Dimension... dims) {
        return MetricDataQuery.builder().id(id).returnData(returnData)
                .metricStat(MetricStat.builder().period(period).stat(stat)
                        .metric(Metric.builder().namespace(namespace).metricName(metric).dimensions(dims).build())
                        .build())
                .build();
    }

    static Dimension[] tgDims() {
        return new Dimension[] {Dimension.builder().name("TargetGroup").value(TG).build(),
            Dimension.builder().name("LoadBalancer").value(LB).build()};
    }

    GetMetricDataResponse query(Instant from, Instant to, MetricDataQuery... queries) {
        return sim.client.getMetricData(GetMetricDataRequest.builder().startTime(from).endTime(to)
                .metricDataQueries(queries).build());
    }

    @Test
    void fiveXxRateExpressionJumpsFromPointTwoToSixPercentAtTenOhFive() {
        sim.clock.advance(Duration.ofMinutes(12));
        GetMetricDataResponse response = query(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:12:00Z"),
                stat("errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", 60, false, tgDims()),
                stat("requests", "AWS/ApplicationELB", "RequestCount", "Sum", 60, false, tgDims()),
                MetricDataQuery.builder().id("rate").expression("100 * errors / requests").label("5xx %").build());
        assertEquals(1, response.metricDataResults().size());
        MetricDataResult rate = response.metricDataResults().get(0);
        assertEquals("rate", rate.id());
        assertEquals("5xx %", rate.label());
        assertEquals(StatusCode.COMPLETE, rate.statusCode());
        // data arrive a minute late: the 10:10 bucket ends at 10:11 and is visible from 10:12
        assertEquals(11, rate.timestamps().size());
        assertEquals(Instant.parse("2026-11-24T10:10:00Z"), rate.timestamps().get(0), "newest first");
        assertEquals(6.0, rate.values().get(0), 1e-9);
        assertEquals(0.2, rate.values().get(rate.values().size() - 1), 1e-9);
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), rate.timestamps().get(rate.timestamps().size() - 1));
    }

    @Test
    void countMetricSumSampleCountAndAverageDifferAsAlbReportsThem() {
        sim.clock.advance(Duration.ofMinutes(10));
        GetMetricDataResponse response = query(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:05:00Z"),
                stat("sum", "AWS/ApplicationELB", "RequestCount", "Sum", 300, true, tgDims()),
                stat("count", "AWS/ApplicationELB", "RequestCount", "SampleCount", 300, true, tgDims()),
                stat("avg", "AWS/ApplicationELB", "RequestCount", "Average", 300, true, tgDims()));
        assertEquals(List.of(5000.0), response.metricDataResults().get(0).values());
        assertEquals(List.of(5000.0), response.metricDataResults().get(1).values());
        assertEquals(List.of(1.0), response.metricDataResults().get(2).values());
        assertEquals("RequestCount", response.metricDataResults().get(0).label());
    }

    @Test
    void latencyP95IsTheScheduledValueAndAboveTheAverage() {
        sim.clock.advance(Duration.ofMinutes(10));
        GetMetricDataResponse response = query(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:05:00Z"),
                stat("p95", "AWS/ApplicationELB", "TargetResponseTime", "p95", 300, true, tgDims()),
                stat("avg", "AWS/ApplicationELB", "TargetResponseTime", "Average", 300, true, tgDims()),
                stat("p999", "AWS/ApplicationELB", "TargetResponseTime", "p99.9", 300, true, tgDims()));
        double p95 = response.metricDataResults().get(0).values().get(0);
        double avg = response.metricDataResults().get(1).values().get(0);
        double p999 = response.metricDataResults().get(2).values().get(0);
        assertEquals(0.350, p95, 0.02);
        assertTrue(avg < p95 && p95 < p999, avg + " < " + p95 + " < " + p999);
    }

    @Test
    void noDataWindowLeavesAGapAndAscendingScanOrdersOldestFirst() {
        sim.clock.advance(Duration.ofMinutes(10));
        GetMetricDataResponse response = sim.client.getMetricData(GetMetricDataRequest.builder()
                .startTime(Instant.parse("2026-11-24T10:02:00Z")).endTime(Instant.parse("2026-11-24T10:08:00Z"))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(stat("cpu", "AWS/ECS", "CPUUtilization", "Average", 60, true,
                        Dimension.builder().name("ClusterName").value("prod").build(),
                        Dimension.builder().name("ServiceName").value("web").build()))
                .build());
        MetricDataResult cpu = response.metricDataResults().get(0);
        assertEquals(List.of(Instant.parse("2026-11-24T10:02:00Z"), Instant.parse("2026-11-24T10:03:00Z"),
                Instant.parse("2026-11-24T10:06:00Z"), Instant.parse("2026-11-24T10:07:00Z")), cpu.timestamps());
        assertEquals(List.of(40.0, 40.0, 55.0, 55.0), cpu.values());
    }

    @Test
    void aDimensionSubsetIsAnotherMetricWithoutData() {
        sim.clock.advance(Duration.ofMinutes(10));
        GetMetricDataResponse response = query(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:05:00Z"),
                stat("m", "AWS/ApplicationELB", "RequestCount", "Sum", 60, true,
                        Dimension.builder().name("TargetGroup").value(TG).build()));
        assertTrue(response.metricDataResults().get(0).values().isEmpty());
    }

    @Test
    void periodThatIsNoMultipleOfSixtyIsRejected() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () ->
                query(START, START.plusSeconds(600), stat("m", "AWS/ECS", "CPUUtilization", "Average", 90, true)));
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void moreThanFiveHundredQueriesAreRejected() {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            queries.add(stat("m" + i, "AWS/ECS", "CPUUtilization", "Average", 60, true));
        }
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () ->
                query(START, START.plusSeconds(600), queries.toArray(MetricDataQuery[]::new)));
        assertTrue(e.getMessage().contains("must not have a size greater than 500"), e.getMessage());
    }

    @Test
    void unknownStatisticIsAValidationError() {
        CloudWatchException e = assertThrows(CloudWatchException.class, () ->
                query(START, START.plusSeconds(600), stat("m", "AWS/ECS", "CPUUtilization", "Mean", 60, true)));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void queryWithBothMetricStatAndExpressionIsAnInvalidCombination() {
        MetricDataQuery both = stat("m", "AWS/ECS", "CPUUtilization", "Average", 60, true).toBuilder()
                .expression("1 + 1").build();
        InvalidParameterCombinationException e = assertThrows(InvalidParameterCombinationException.class, () ->
                query(START, START.plusSeconds(600), both));
        assertEquals("InvalidParameterCombination", e.awsErrorDetails().errorCode());
    }

    @Test
    void startAfterEndIsRejected() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () ->
                query(START.plusSeconds(600), START, stat("m", "AWS/ECS", "CPUUtilization", "Average", 60, true)));
        assertEquals(400, e.statusCode());
    }
}
