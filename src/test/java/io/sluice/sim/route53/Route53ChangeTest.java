package io.sluice.sim.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class Route53ChangeTest {
    private Route53Sim sim;

    @BeforeEach
    void start() throws Exception {
        sim = new Route53Sim();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static Change weighted(ChangeAction action, String id, long weight, long ttl, String ip) {
        return Change.builder().action(action).resourceRecordSet(r -> r.name("api.example.com").type("A")
                .setIdentifier(id).weight(weight).ttl(ttl).resourceRecords(v -> v.value(ip))).build();
    }

    static Change simple(ChangeAction action, String name, long ttl, String ip) {
        return Change.builder().action(action).resourceRecordSet(r -> r.name(name).type("A").ttl(ttl)
                .resourceRecords(v -> v.value(ip))).build();
    }

    private ChangeInfo submit(Change... changes) {
        return sim.route53.changeResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE1")
                .changeBatch(c -> c.comment("shift").changes(changes))).changeInfo();
    }

    /** Submits after the previous change is in sync, so only the batch's own rules can refuse it. */
    private ChangeInfo submitLater(Change... changes) {
        sim.clock.advance(Duration.ofSeconds(5));
        return submit(changes);
    }

    private Map<String, ResourceRecordSet> apiRecords() {
        return sim.route53.listResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE1")).resourceRecordSets().stream()
                .filter(r -> r.name().equals("api.example.com.") && r.setIdentifier() != null)
                .collect(Collectors.toMap(ResourceRecordSet::setIdentifier, Function.identity()));
    }

    private static AwsServiceException refused(Class<? extends AwsServiceException> type, String code, int status,
            Runnable call) {
        AwsServiceException e = assertThrows(type, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        return e;
    }

    @Test
    void weightedUpsertIsPendingThenInSyncAfterTheConfiguredDelay() {
        ChangeInfo info = submit(weighted(ChangeAction.UPSERT, "blue", 90, 60, "192.0.2.10"),
                weighted(ChangeAction.UPSERT, "green", 10, 60, "192.0.2.20"));
        assertEquals(ChangeStatus.PENDING, info.status());
        assertTrue(info.id().startsWith("C"), "the SDK strips /change/ from " + info.id());
        assertEquals("shift", info.comment());
        assertEquals(90L, apiRecords().get("blue").weight());
        assertEquals(10L, apiRecords().get("green").weight());

        sim.clock.advance(Duration.ofSeconds(4));
        assertEquals(ChangeStatus.PENDING, sim.route53.getChange(b -> b.id(info.id())).changeInfo().status());
        sim.clock.advance(Duration.ofSeconds(1));
        assertEquals(ChangeStatus.INSYNC, sim.route53.getChange(b -> b.id("/change/" + info.id())).changeInfo().status());
    }

    @Test
    void aSecondChangeToTheZoneWhileTheFirstIsPendingIsRefused() {
        submit(weighted(ChangeAction.UPSERT, "green", 10, 60, "192.0.2.20"));
        refused(PriorRequestNotCompleteException.class, "PriorRequestNotComplete", 400,
                () -> submit(weighted(ChangeAction.UPSERT, "green", 20, 60, "192.0.2.20")));
        assertEquals(10L, apiRecords().get("green").weight());
        assertEquals(ChangeStatus.PENDING, submitLater(weighted(ChangeAction.UPSERT, "green", 20, 60, "192.0.2.20")).status());
    }

    @Test
    void creatingAnExistingRecordIsAnInvalidChangeBatch() {
        AwsServiceException e = refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(weighted(ChangeAction.CREATE, "blue", 1, 60, "192.0.2.99")));
        assertEquals("[Tried to create resource record set [name='api.example.com.', type='A', set-identifier='blue'] "
                + "but it already exists]", e.awsErrorDetails().errorMessage());
    }

    @Test
    void deletingAMissingRecordOrWithOtherValuesIsAnInvalidChangeBatch() {
        AwsServiceException missing = refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(simple(ChangeAction.DELETE, "old.example.com", 60, "192.0.2.5")));
        assertEquals("[Tried to delete resource record set [name='old.example.com.', type='A'] but it was not found]",
                missing.awsErrorDetails().errorMessage());
        AwsServiceException mismatch = refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(weighted(ChangeAction.DELETE, "blue", 100, 60, "192.0.2.11")));
        assertTrue(mismatch.awsErrorDetails().errorMessage().endsWith("but the values provided do not match the current values]"));
        submit(weighted(ChangeAction.DELETE, "blue", 100, 60, "192.0.2.10"));
        assertEquals(List.of("green"), List.copyOf(apiRecords().keySet()));
    }

    @Test
    void aBatchWithOneBadChangeChangesNothingAndReportsEveryProblem() {
        AwsServiceException e = refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(weighted(ChangeAction.UPSERT, "green", 50, 60, "192.0.2.20"),
                        weighted(ChangeAction.CREATE, "blue", 50, 60, "192.0.2.10"),
                        simple(ChangeAction.DELETE, "gone.example.com", 60, "192.0.2.7")));
        assertEquals(2, e.awsErrorDetails().errorMessage().split("Tried to").length - 1);
        assertEquals(0L, apiRecords().get("green").weight());
        assertEquals(ChangeStatus.PENDING, submit(weighted(ChangeAction.UPSERT, "green", 50, 60, "192.0.2.20")).status());
    }

    @Test
    void weightedRecordsOfOneNameAndTypeMustShareTheirTtl() {
        AwsServiceException e = refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(weighted(ChangeAction.UPSERT, "green", 10, 300, "192.0.2.20")));
        assertEquals("[RRSet with DNS name api.example.com. and type A, SetIdentifier green cannot be created as "
                + "weighted sets must contain the same TTL.]", e.awsErrorDetails().errorMessage());
        submit(weighted(ChangeAction.UPSERT, "green", 10, 300, "192.0.2.20"),
                weighted(ChangeAction.UPSERT, "blue", 90, 300, "192.0.2.10"));
        assertEquals(300L, apiRecords().get("blue").ttl());
    }

    @Test
    void weightedAndSimpleRecordsCannotShareANameAndType() {
        AwsServiceException weightedOnSimple = refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(Change.builder().action(ChangeAction.CREATE).resourceRecordSet(r -> r.name("www.example.com")
                        .type("A").setIdentifier("blue").weight(1L).ttl(300L).resourceRecords(v -> v.value("192.0.2.3"))).build()));
        assertTrue(weightedOnSimple.awsErrorDetails().errorMessage().contains("a non-weighted set exists with the same name and type"));
        refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(simple(ChangeAction.CREATE, "api.example.com", 60, "192.0.2.3")));

        submit(simple(ChangeAction.DELETE, "www.example.com", 300, "192.0.2.1"),
                Change.builder().action(ChangeAction.CREATE).resourceRecordSet(r -> r.name("www.example.com").type("A")
                        .setIdentifier("blue").weight(1L).ttl(300L).resourceRecords(v -> v.value("192.0.2.3"))).build());
    }

    @Test
    void weightAndSetIdentifierOutsideTheirRangesAreInvalidInput() {
        refused(InvalidInputException.class, "InvalidInput", 400,
                () -> submit(weighted(ChangeAction.UPSERT, "green", 256, 60, "192.0.2.20")));
        refused(InvalidInputException.class, "InvalidInput", 400,
                () -> submit(weighted(ChangeAction.UPSERT, "x".repeat(129), 1, 60, "192.0.2.20")));
        refused(InvalidInputException.class, "InvalidInput", 400, () -> submit(Change.builder().action(ChangeAction.UPSERT)
                .resourceRecordSet(r -> r.name("api.example.com").type("A").weight(5L).ttl(60L)
                        .resourceRecords(v -> v.value("192.0.2.2"))).build()));
        assertEquals(ChangeStatus.PENDING, submit(weighted(ChangeAction.UPSERT, "x".repeat(128), 255, 60, "192.0.2.30")).status());
    }

    @Test
    void aRecordOutsideTheZoneIsNotPermitted() {
        AwsServiceException e = refused(InvalidChangeBatchException.class, "InvalidChangeBatch", 400,
                () -> submit(simple(ChangeAction.CREATE, "www.other.org", 60, "192.0.2.1")));
        assertEquals("[RRSet with DNS name www.other.org. is not permitted in zone example.com.]",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void unknownZoneAndUnknownChangeAreNotFound() {
        AwsServiceException zone = refused(NoSuchHostedZoneException.class, "NoSuchHostedZone", 404,
                () -> sim.route53.changeResourceRecordSets(b -> b.hostedZoneId("ZNOPE")
                        .changeBatch(c -> c.changes(simple(ChangeAction.UPSERT, "a.example.com", 60, "192.0.2.1")))));
        assertEquals("No hosted zone found with ID: ZNOPE", zone.awsErrorDetails().errorMessage());
        refused(NoSuchChangeException.class, "NoSuchChange", 404, () -> sim.route53.getChange(b -> b.id("CNOPE")));
    }

    @Test
    void aZoneIdWithItsPrefixIsAccepted() {
        ChangeInfo info = sim.route53.changeResourceRecordSets(b -> b.hostedZoneId("/hostedzone/Z0EXAMPLE1")
                .changeBatch(c -> c.changes(weighted(ChangeAction.UPSERT, "green", 5, 60, "192.0.2.20")))).changeInfo();
        assertEquals(ChangeStatus.PENDING, info.status());
        assertEquals(5L, apiRecords().get("green").weight());
    }
}
