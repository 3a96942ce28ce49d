package io.sluice.aws.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.aws.SimAws;
import io.sluice.model.Rollout;
import io.sluice.traffic.Observed;
import io.sluice.traffic.Split;
import io.sluice.traffic.TargetFailure;
import io.sluice.traffic.Urgency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class Route53TrafficTest {
    static final String SCENARIO = """
            route53:
              changeSyncDelaySeconds: 10
              hostedZones:
                - id: Z0EXAMPLE1
                  name: example.com
                  records:
                    - {name: app.example.com, type: A, ttl: 60, values: [192.0.2.10, 192.0.2.11], setIdentifier: single-host, weight: 200}
                    - {name: app.example.com, type: A, ttl: 60, values: [198.51.100.7], setIdentifier: alb, weight: 0}
                    - {name: app.example.com, type: A, ttl: 60, values: [203.0.113.1], setIdentifier: other, weight: 0}
                    - {name: www.example.com, type: A, ttl: 300, values: [192.0.2.99]}
            """;
    static final Rollout APP = SimAws.rollout("app-dns", """
            route53:
              hostedZoneId: Z0EXAMPLE1
              recordName: app.example.com.
              recordType: A
              setIdentifiers: {single-host: single-host, alb: alb}
            """, "active: alb\n");

    SimAws sim;
    Route53Client route53;

    @BeforeEach
    void start() throws Exception {
        sim = new SimAws(SCENARIO);
        route53 = sim.route53();
    }

    @AfterEach
    void stop() {
        route53.close();
        sim.close();
    }

    Map<String, ResourceRecordSet> sets() {
        Map<String, ResourceRecordSet> out = new LinkedHashMap<>();
        route53.listResourceRecordSets(r -> r.hostedZoneId("Z0EXAMPLE1")).resourceRecordSets().stream()
                .filter(s -> s.setIdentifier() != null).forEach(s -> out.put(s.setIdentifier(), s));
        return out;
    }

    @Test
    void shiftsTenFiftyHundredInOneBatchEachAndWaitsForInsync() {
        assertEquals(Map.of("single-host", 100, "alb", 0), sim.seen(APP).observed().weights());
        ResourceRecordSet before = sets().get("single-host");
        int[][] expected = {{10, 229, 26}, {50, 127, 128}, {100, 0, 255}};
        for (int[] step : expected) {
            sim.resetCounts();
            sim.targets.apply(APP, new Split("single-host", "alb", step[0]), Urgency.MOVING);
            assertEquals(1, sim.simCalls("route53", "ChangeResourceRecordSets", "ok"));
            Map<String, ResourceRecordSet> sets = sets();
            assertEquals(step[1], sets.get("single-host").weight());
            assertEquals(step[2], sets.get("alb").weight());
            assertEquals(60L, sets.get("alb").ttl());
            assertEquals(before.resourceRecords(), sets.get("single-host").resourceRecords());
            assertEquals(0L, sets.get("other").weight(), "a third set of the name is left alone");
            Observed pending = sim.seen(APP).observed();
            assertEquals(Map.of("single-host", 100 - step[0], "alb", step[0]), pending.weights());
            assertTrue(pending.settlement() instanceof Observed.InProgress p && p.what().endsWith("PENDING"),
                    pending.settlement().toString());
            sim.advance(11);
            assertEquals(Observed.SETTLED, sim.seen(APP).observed().settlement());
        }
    }

    @Test
    void rollsBackFromFiftyToZeroInOneBatch() {
        sim.targets.apply(APP, new Split("single-host", "alb", 50), Urgency.MOVING);
        sim.advance(11);
        sim.resetCounts();
        sim.targets.apply(APP, new Split("single-host", "alb", 0), Urgency.MOVING);
        assertEquals(255L, sets().get("single-host").weight());
        assertEquals(0L, sets().get("alb").weight());
        assertEquals(1, sim.simCalls("route53", "ChangeResourceRecordSets", "ok"));
    }

    @Test
    void reportsAChangeWhileAnotherIsPendingAsAConflictWithoutRetrying() {
        sim.targets.apply(APP, new Split("single-host", "alb", 10), Urgency.MOVING);
        TargetFailure failure = assertThrows(TargetFailure.class,
                () -> sim.targets.apply(APP, new Split("single-host", "alb", 50), Urgency.MOVING));
        assertEquals(TargetFailure.Kind.CONFLICT, failure.kind());
        assertEquals("PriorRequestNotComplete", failure.awsCode());
        assertEquals(1, sim.simCalls("route53", "ChangeResourceRecordSets", "PriorRequestNotComplete"));
    }

    @Test
    void reportsAMissingSetIdentifierAsNotFound() {
        Rollout r = SimAws.rollout("missing", """
                route53:
                  hostedZoneId: Z0EXAMPLE1
                  recordName: app.example.com
                  setIdentifiers: {single-host: single-host, alb: nlb}
                """, "active: alb\n");
        TargetFailure failure = sim.failure(r);
        assertEquals(TargetFailure.Kind.NOT_FOUND, failure.kind(), failure.getMessage());
    }

    @Test
    void refusesASetIdentifierWithASlashBeforeAnyCall() {
        io.sluice.model.Target.Route53 slashed = new io.sluice.model.Target.Route53("Z0EXAMPLE1", "app.example.com.", "A",
                new io.sluice.model.Target.Sides("single-host", "single-host", "alb", "app/alb"));
        Rollout r = new Rollout(APP.name(), APP.source(), APP.aws(), slashed, APP.desiredVersion(), APP.strategy(),
                APP.analysis(), APP.rollback(), false, false, 0, 0, APP.driftPolicy());
        TargetFailure failure = assertThrows(TargetFailure.class,
                () -> sim.targets.apply(r, new Split("single-host", "alb", 10), Urgency.MOVING));
        assertEquals(TargetFailure.Kind.INVALID, failure.kind());
        assertEquals(0, sim.stats.totalCalls());
    }

    @Test
    void survivesThrottlingAndServerErrorsWithinTheRetryBudget() {
        sim.fault(Map.of("service", "route53", "operation", "ListResourceRecordSets", "kind", "throttle", "times", 2));
        sim.fault(Map.of("service", "route53", "operation", "ChangeResourceRecordSets", "kind", "http503", "times", 1));
        sim.targets.apply(APP, new Split("single-host", "alb", 10), Urgency.MOVING);
        assertEquals(26L, sets().get("alb").weight());
        assertEquals(3, sim.stats.attempts("Route53", "ListResourceRecordSets"), sim.stats.snapshot().toString());
        assertEquals(1, sim.simCalls("route53", "ChangeResourceRecordSets", "ok"));
    }

    @Test
    void countsTheCallsOfOneObserveAndOneShift() {
        sim.seen(APP);
        long observe = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.targets.apply(APP, new Split("single-host", "alb", 10), Urgency.MOVING);
        long shift = sim.stats.totalAttempts();
        sim.resetCounts();
        sim.seen(APP);
        long observePending = sim.stats.totalAttempts();
        System.out.println("Route 53 calls: observe " + observe + " (" + observePending + " while a change is pending), shift "
                + shift);
        assertEquals(1, observe, "ListResourceRecordSets");
        assertEquals(2, observePending, "ListResourceRecordSets, GetChange");
        assertEquals(2, shift, "ListResourceRecordSets, ChangeResourceRecordSets");
    }
}
