package io.sluice.sim.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.AwsError;
import io.sluice.sim.SimRequest;
import io.sluice.sim.SimResponse;
import io.sluice.sim.SimService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

class Route53ReadTest {
    private Route53Sim sim;

    @BeforeEach
    void start() throws Exception {
        sim = new Route53Sim();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String describe(ResourceRecordSet r) {
        return r.name() + " " + r.typeAsString() + (r.setIdentifier() == null ? "" : " " + r.setIdentifier());
    }

    @Test
    void hostedZonesAreListedAndPaged() {
        ListHostedZonesResponse all = sim.route53.listHostedZones();
        assertEquals(List.of("example.com.", "internal.example."), all.hostedZones().stream().map(HostedZone::name).toList());
        HostedZone example = all.hostedZones().get(0);
        assertEquals("Z0EXAMPLE1", example.id());
        assertEquals("public zone", example.config().comment());
        assertFalse(example.config().privateZone());
        assertEquals(5L, example.resourceRecordSetCount());
        assertTrue(all.hostedZones().get(1).config().privateZone());

        ListHostedZonesResponse first = sim.route53.listHostedZones(b -> b.maxItems("1"));
        assertTrue(first.isTruncated());
        ListHostedZonesResponse second = sim.route53.listHostedZones(b -> b.maxItems("1").marker(first.nextMarker()));
        assertEquals("Z0EXAMPLE2", second.hostedZones().get(0).id());
        assertFalse(second.isTruncated());
        assertEquals("example.com.", sim.route53.getHostedZone(b -> b.id("Z0EXAMPLE1")).hostedZone().name());
    }

    @Test
    void recordSetsAreListedInRoute53OrderWithTheirWeights() {
        ListResourceRecordSetsResponse page = sim.route53.listResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE1"));
        assertEquals(List.of("example.com. NS", "example.com. SOA", "api.example.com. A blue", "api.example.com. A green",
                "www.example.com. A"), page.resourceRecordSets().stream().map(Route53ReadTest::describe).toList());
        ResourceRecordSet blue = page.resourceRecordSets().get(2);
        assertEquals(100L, blue.weight());
        assertEquals(60L, blue.ttl());
        assertEquals("192.0.2.10", blue.resourceRecords().get(0).value());
        assertFalse(page.isTruncated());
        assertEquals("300", page.maxItems());
    }

    @Test
    void recordSetsArePagedByNameTypeAndIdentifier() {
        ListResourceRecordSetsResponse first = sim.route53.listResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE1").maxItems("3"));
        assertTrue(first.isTruncated());
        assertEquals("api.example.com.", first.nextRecordName());
        assertEquals("A", first.nextRecordTypeAsString());
        assertEquals("green", first.nextRecordIdentifier());
        ListResourceRecordSetsResponse rest = sim.route53.listResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE1")
                .startRecordName(first.nextRecordName()).startRecordType(first.nextRecordType())
                .startRecordIdentifier(first.nextRecordIdentifier()));
        assertEquals(List.of("api.example.com. A green", "www.example.com. A"),
                rest.resourceRecordSets().stream().map(Route53ReadTest::describe).toList());
        assertNull(rest.nextRecordName());

        assertEquals("www.example.com. A", describe(sim.route53.listResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE1")
                .startRecordName("www.example.com")).resourceRecordSets().get(0)));
    }

    @Test
    void aStartTypeWithoutAStartNameIsInvalidInput() {
        AwsServiceException e = assertThrows(Route53Exception.class, () -> sim.route53.listResourceRecordSets(
                b -> b.hostedZoneId("Z0EXAMPLE1").startRecordType("A")));
        assertEquals("InvalidInput", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        AwsServiceException zone = assertThrows(NoSuchHostedZoneException.class,
                () -> sim.route53.listResourceRecordSets(b -> b.hostedZoneId("ZNOPE")));
        assertEquals(404, zone.statusCode());
    }

    @Test
    void errorsUseTheRoute53ErrorResponseDocument() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.server.endpoint() + "/2013-04-01/hostedzone/ZNOPE/rrset"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/route53/aws4_request, "
                        + "SignedHeaders=host, Signature=0").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                + "<Error><Type>Sender</Type><Code>NoSuchHostedZone</Code>"), response.body());
        assertTrue(response.body().contains("<RequestId>"));
    }

    @Test
    void throttlingIsRenderedAsThrottlingRateExceeded() throws Exception {
        try (Route53Sim throttled = new Route53Sim(Route53ReadTest::throttling)) {
            AwsServiceException e = assertThrows(Route53Exception.class, () -> throttled.route53.listHostedZones());
            assertEquals("Throttling", e.awsErrorDetails().errorCode());
            assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
            assertEquals(400, e.statusCode());
            assertTrue(e.isThrottlingException());
        }
    }

    @Test
    void aScenarioThatBreaksABatchRuleOrHasAnUnknownFieldIsRefusedNamingTheField() {
        Route53Service service = new Route53Service(sim.clock);
        IllegalArgumentException ttl = assertThrows(IllegalArgumentException.class, () -> service.load(
                new org.yaml.snakeyaml.Yaml().load("""
                        hostedZones:
                          - name: example.com
                            records:
                              - {name: a.example.com, ttl: 60, setIdentifier: x, weight: 1, values: [192.0.2.1]}
                              - {name: a.example.com, ttl: 30, setIdentifier: y, weight: 1, values: [192.0.2.2]}
                        """)));
        assertTrue(ttl.getMessage().startsWith("route53.hostedZones[0].records:"), ttl.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> service.load(
                Map.of("hostedZones", List.of(Map.of("name", "example.com", "recrods", List.of())))));
        assertEquals("route53.hostedZones[0].recrods: unknown field", unknown.getMessage());
    }

    /** Stands in for the core's fault injection: every request is throttled. */
    private static SimService throttling(SimService route53) {
        return new SimService() {
            public String signingName() {
                return route53.signingName();
            }

            public boolean recognises(SimRequest request) {
                return route53.recognises(request);
            }

            public SimResponse handle(SimRequest request) {
                throw AwsError.client(400, "Throttling", "Rate exceeded").raise();
            }

            public SimResponse error(SimRequest request, AwsError error) {
                return route53.error(request, error);
            }

            public String operationName(SimRequest request) {
                return route53.operationName(request);
            }

            public void load(Map<String, Object> section) {
                route53.load(section);
            }

            public Map<String, Object> snapshot() {
                return route53.snapshot();
            }
        };
    }
}
