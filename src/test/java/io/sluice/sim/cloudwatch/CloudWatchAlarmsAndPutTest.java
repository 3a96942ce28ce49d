package io.sluice.sim.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.AwsError;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

class CloudWatchAlarmsAndPutTest {
    static final String SCENARIO = """
            monitoring:
              start: 2026-11-24T10:00:00Z
              metrics:
                - namespace: AWS/Lambda
                  metric: Errors
                  dimensions: {FunctionName: checkout, Resource: "checkout:live", ExecutedVersion: "7"}
                  kind: count
                  schedule:
                    - until: 5m
                      value: 1
                    - value: 12
              alarms:
                - name: checkout-v7-errors
                  namespace: AWS/Lambda
                  metric: Errors
                  dimensions: {FunctionName: checkout, Resource: "checkout:live", ExecutedVersion: "7"}
                  statistic: Sum
                  period: 60
                  evaluationPeriods: 3
                  datapointsToAlarm: 2
                  threshold: 10
                  comparison: GreaterThanThreshold
                - name: nothing-here
                  namespace: Custom
                  metric: Missing
                  statistic: Average
                  period: 60
                  threshold: 1
            """;

    CloudWatchSimFixture sim;

    @BeforeEach
    void start() throws Exception {
        sim = new CloudWatchSimFixture(SCENARIO);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    MetricAlarm alarm(String name) {
        return sim.client.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0);
    }

    @Test
    void alarmIsOkBeforeTheErrorsRiseAndAlarmsOnceTwoOfThreePeriodsBreach() {
        sim.clock.advance(Duration.ofMinutes(5));
        MetricAlarm before = alarm("checkout-v7-errors");
        assertEquals(StateValue.OK, before.stateValue());
        assertEquals(3, before.evaluationPeriods());
        assertEquals(2, before.datapointsToAlarm());
        assertEquals(10.0, before.threshold());
        assertEquals("Sum", before.statisticAsString());

        sim.clock.advance(Duration.ofMinutes(3));
        MetricAlarm after = alarm("checkout-v7-errors");
        assertEquals(StateValue.ALARM, after.stateValue());
        assertTrue(after.stateReason().startsWith("Threshold Crossed: 2 out of the last 3 datapoints"), after.stateReason());
        assertEquals(Instant.parse("2026-11-24T10:08:00Z"), after.stateUpdatedTimestamp());
    }

    @Test
    void alarmWithoutDataIsInsufficientDataAndStateValueFilters() {
        sim.clock.advance(Duration.ofMinutes(10));
        assertEquals(StateValue.INSUFFICIENT_DATA, alarm("nothing-here").stateValue());
        List<MetricAlarm> alarming = sim.client.describeAlarms(b -> b.stateValue(StateValue.ALARM)).metricAlarms();
        assertEquals(List.of("checkout-v7-errors"), alarming.stream().map(MetricAlarm::alarmName).toList());
        assertEquals(2, sim.client.describeAlarms(b -> b.alarmNamePrefix("")).metricAlarms().size());
    }

    @Test
    void alarmNamesWithPrefixIsAnInvalidCombination() {
        assertThrows(InvalidParameterCombinationException.class, () ->
                sim.client.describeAlarms(b -> b.alarmNames("a").alarmNamePrefix("a")));
    }

    @Test
    void publishedValuesAreReadableWithEveryStatistic() {
        Instant t = Instant.parse("2026-11-24T09:58:10Z");
        sim.client.putMetricData(b -> b.namespace("Sluice/Test").metricData(
                d -> d.metricName("Latency").timestamp(t).unit("Milliseconds")
                        .dimensions(Dimension.builder().name("Version").value("7").build())
                        .values(100.0, 200.0, 300.0, 400.0).counts(1.0, 1.0, 1.0, 1.0),
                d -> d.metricName("Latency").timestamp(t.plusSeconds(20)).unit("Milliseconds")
                        .dimensions(Dimension.builder().name("Version").value("7").build())
                        .value(1000.0)));
        var response = sim.client.getMetricData(b -> b.startTime(t.minusSeconds(60)).endTime(t.plusSeconds(120))
                .metricDataQueries(
                        CloudWatchGetMetricDataTest.stat("sum", "Sluice/Test", "Latency", "Sum", 60, true,
                                Dimension.builder().name("Version").value("7").build()),
                        CloudWatchGetMetricDataTest.stat("n", "Sluice/Test", "Latency", "SampleCount", 60, true,
                                Dimension.builder().name("Version").value("7").build()),
                        CloudWatchGetMetricDataTest.stat("max", "Sluice/Test", "Latency", "Maximum", 60, true,
                                Dimension.builder().name("Version").value("7").build()),
                        CloudWatchGetMetricDataTest.stat("p50", "Sluice/Test", "Latency", "p50", 60, true,
                                Dimension.builder().name("Version").value("7").build())));
        List<MetricDataResult> r = response.metricDataResults();
        assertEquals(List.of(Instant.parse("2026-11-24T09:58:00Z")), r.get(0).timestamps());
        assertEquals(List.of(2000.0), r.get(0).values());
        assertEquals(List.of(5.0), r.get(1).values());
        assertEquals(List.of(1000.0), r.get(2).values());
        assertEquals(List.of(300.0), r.get(3).values());
    }

    @Test
    void putMetricDataRefusesAwsNamespacesAndValueWithStatisticValues() {
        InvalidParameterValueException aws = assertThrows(InvalidParameterValueException.class, () ->
                sim.client.putMetricData(b -> b.namespace("AWS/Lambda").metricData(d -> d.metricName("x").value(1.0))));
        assertEquals("InvalidParameterValue", aws.awsErrorDetails().errorCode());
        InvalidParameterCombinationException both = assertThrows(InvalidParameterCombinationException.class, () ->
                sim.client.putMetricData(b -> b.namespace("Custom").metricData(d -> d.metricName("x").value(1.0)
                        .statisticValues(StatisticSet.builder().sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)
                                .build()))));
        assertEquals(400, both.statusCode());
    }

    /** What the simulator core does for fault injection: the service renders a throttling error. */
    @Test
    @SuppressWarnings("unchecked")
    void injectedThrottlingReachesTheSdkAsARetryableThrottlingError() throws Exception {
        CloudWatchService real = new CloudWatchService(sim.clock);
        SimService throttled = new SimService() {
            public String signingName() {
                return real.signingName();
            }

            public boolean recognises(SimRequest r) {
                return real.recognises(r);
            }

            public SimResponse handle(SimRequest r) {
                throw AwsError.client(400, "Throttling", "Rate exceeded").raise();
            }

            public SimResponse error(SimRequest r, AwsError e) {
                return real.error(r, e);
            }

            public String operationName(SimRequest r) {
                return real.operationName(r);
            }

            public void load(Map<String, Object> s) {
                real.load(s);
            }

            public Map<String, Object> snapshot() {
                return real.snapshot();
            }
        };
        try (SimServer server = SimServer.start(0, sim.clock, List.of(throttled));
                CloudWatchClient client = CloudWatchClient.builder().endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            CloudWatchException e = assertThrows(CloudWatchException.class, () -> client.describeAlarms());
            assertEquals("Throttling", e.awsErrorDetails().errorCode());
            assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
            assertTrue(e.isThrottlingException());
            assertEquals(400, e.statusCode());
        }
    }
}
