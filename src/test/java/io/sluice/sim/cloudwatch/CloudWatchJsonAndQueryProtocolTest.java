package io.sluice.sim.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two protocols the aws CLIs speak, byte for byte: awsJson1_0 (aws CLI v1.45) and awsQuery
 * (Debian awscli 2.9).
 */
class CloudWatchJsonAndQueryProtocolTest {
    static final String SCENARIO = """
            monitoring:
              start: 2026-11-24T10:00:00Z
              metrics:
                - namespace: AWS/ECS
                  metric: CPUUtilization
                  dimensions: {ClusterName: prod, ServiceName: web}
                  value: 42.5
              alarms:
                - name: cpu-high
                  namespace: AWS/ECS
                  metric: CPUUtilization
                  dimensions: {ClusterName: prod, ServiceName: web}
                  statistic: Average
                  period: 60
                  evaluationPeriods: 1
                  threshold: 80
                  comparison: GreaterThanThreshold
            """;
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/monitoring/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0000";

    CloudWatchSimFixture sim;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        sim = new CloudWatchSimFixture(SCENARIO);
        sim.clock.advance(Duration.ofMinutes(4));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    HttpResponse<String> json(String operation, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.server.endpoint() + "/"))
                .header("Authorization", AUTH)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
                .header("x-amzn-query-mode", "true")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> query(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.server.endpoint() + "/"))
                .header("Authorization", AUTH)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jsonGetMetricDataReturnsEpochSecondTimestampsNewestFirst() throws Exception {
        HttpResponse<String> r = json("GetMetricData", """
                {"MetricDataQueries":[{"Id":"cpu","MetricStat":{"Metric":{"Namespace":"AWS/ECS","MetricName":"CPUUtilization",
                "Dimensions":[{"Name":"ServiceName","Value":"web"},{"Name":"ClusterName","Value":"prod"}]},"Period":60,"Stat":"Average"}}],
                "StartTime":1795514400,"EndTime":1795514640}""");
        assertEquals(200, r.statusCode());
        assertEquals("application/x-amz-json-1.0", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"MetricDataResults\":[{\"Id\":\"cpu\",\"Label\":\"CPUUtilization\","
                + "\"Timestamps\":[1.79551452E9,1.79551446E9,1.7955144E9],\"Values\":[42.5,42.5,42.5],"
                + "\"StatusCode\":\"Complete\",\"Messages\":[]}],\"Messages\":[]}", r.body());
    }

    @Test
    void jsonErrorCarriesShapeNameAndQueryCompatibleCode() throws Exception {
        HttpResponse<String> r = json("GetMetricData", """
                {"MetricDataQueries":[{"Id":"cpu","MetricStat":{"Metric":{"Namespace":"AWS/ECS","MetricName":"CPUUtilization"},
                "Period":61,"Stat":"Average"}}],"StartTime":1795514400,"EndTime":1795514640}""");
        assertEquals(400, r.statusCode());
        assertEquals("InvalidParameterValue;Sender", r.headers().firstValue("x-amzn-query-error").orElse(""));
        assertEquals("{\"__type\":\"com.amazonaws.cloudwatch#InvalidParameterValueException\",\"message\":\"The parameter "
                + "MetricDataQueries.member.1.MetricStat.Period must be a multiple of 60 or one of 1, 5, 10, 20, 30 "
                + "(high resolution); got 61.\"}", r.body());
    }

    @Test
    void queryGetMetricDataAnswersXmlWithMemberLists() throws Exception {
        HttpResponse<String> r = query("Action=GetMetricData&Version=2010-08-01"
                + "&MetricDataQueries.member.1.Id=cpu&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FECS"
                + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=CPUUtilization"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=ClusterName"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=prod"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name=ServiceName"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value=web"
                + "&MetricDataQueries.member.1.MetricStat.Period=120&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                + "&StartTime=2026-11-24T10%3A00%3A00Z&EndTime=2026-11-24T10%3A04%3A00Z&ScanBy=TimestampAscending");
        assertEquals(200, r.statusCode());
        String body = r.body().replaceAll("<RequestId>[^<]+</RequestId>", "<RequestId/>");
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><GetMetricDataResponse "
                + "xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricDataResult><MetricDataResults>"
                + "<member><Id>cpu</Id><Label>CPUUtilization</Label><Timestamps><member>2026-11-24T10:00:00Z</member>"
                + "<member>2026-11-24T10:02:00Z</member></Timestamps><Values><member>85</member><member>42.5</member>"
                + "</Values><StatusCode>Complete</StatusCode><Messages></Messages></member></MetricDataResults>"
                + "<Messages></Messages></GetMetricDataResult><ResponseMetadata><RequestId/></ResponseMetadata>"
                + "</GetMetricDataResponse>", body);
    }

    @Test
    void queryDescribeAlarmsAndErrorDocument() throws Exception {
        HttpResponse<String> ok = query("Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=cpu-high");
        assertEquals(200, ok.statusCode());
        String body = ok.body();
        assertEquals(true, body.contains("<MetricAlarms><member><AlarmName>cpu-high</AlarmName>"), body);
        assertEquals(true, body.contains("<StateValue>OK</StateValue>"), body);
        assertEquals(true, body.contains("<Threshold>80</Threshold>"), body);

        HttpResponse<String> bad = query("Action=DescribeAlarms&Version=2010-08-01&StateValue=BROKEN");
        assertEquals(400, bad.statusCode());
        assertEquals(true, bad.body().contains("<Error><Type>Sender</Type><Code>ValidationError</Code>"), bad.body());
    }

    @Test
    void queryPutMetricDataHasNoResultElement() throws Exception {
        HttpResponse<String> r = query("Action=PutMetricData&Version=2010-08-01&Namespace=Sluice"
                + "&MetricData.member.1.MetricName=Deploys&MetricData.member.1.Value=1");
        assertEquals(200, r.statusCode());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><PutMetricDataResponse "
                + "xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><ResponseMetadata><RequestId/>"
                + "</ResponseMetadata></PutMetricDataResponse>",
                r.body().replaceAll("<RequestId>[^<]+</RequestId>", "<RequestId/>"));
    }
}
