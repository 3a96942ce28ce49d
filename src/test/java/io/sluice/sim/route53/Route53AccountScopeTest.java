package io.sluice.sim.route53;

import static io.sluice.sim.TwoRegionsSim.IRELAND;
import static io.sluice.sim.TwoRegionsSim.SEOUL;
import static io.sluice.sim.TwoRegionsSim.assertRefused;
import static io.sluice.sim.TwoRegionsSim.rawBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.TwoRegionsSim;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;

/**
 * Route 53 is global: whatever region signs, the caller sees the same hosted zones, those of its own
 * account. A zone id of another account is refused with 403 AccessDenied.
 */
class Route53AccountScopeTest {
    private TwoRegionsSim sim;
    private Route53Client global;
    private Route53Client seoul;
    private Route53Client ireland;
    private Route53Client tenant;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        global = sim.client(Route53Client.builder(), Region.AWS_GLOBAL);
        seoul = sim.client(Route53Client.builder(), SEOUL);
        ireland = sim.client(Route53Client.builder(), IRELAND);
        tenant = sim.client(Route53Client.builder(), SEOUL, TwoRegionsSim.TENANT_KEY);
    }

    @AfterEach
    void stop() {
        List.of(global, seoul, ireland, tenant).forEach(Route53Client::close);
        sim.close();
    }

    private static List<String> zones(Route53Client r53) {
        return r53.listHostedZones().hostedZones().stream().map(HostedZone::name).toList();
    }

    @Test
    void everyRegionSeesTheSameZonesOfTheCallersAccount() {
        for (Route53Client r53 : List.of(global, seoul, ireland)) {
            assertEquals(List.of("shop.example.com."), zones(r53));
            assertEquals(3, r53.listResourceRecordSets(r -> r.hostedZoneId("Z0SHOPEXAMPLE1")).resourceRecordSets().size());
        }
        assertEquals(List.of("tenant.example.com."), zones(tenant));
    }

    @Test
    void aZoneOfAnotherAccountIsAccessDenied() {
        AwsServiceException e = assertRefused("AccessDenied", 403,
                "User: arn:aws:iam::123456789012:user/sluice-sim is not authorized to access this resource",
                () -> seoul.getHostedZone(r -> r.id("Z0TENANTEXAMPLE1")));
        assertTrue(rawBody(e).contains("<Type>Sender</Type>"), rawBody(e));
        assertRefused("AccessDenied", 403, "User: " + TwoRegionsSim.TENANT_ARN + " is not authorized to access this resource",
                () -> tenant.listResourceRecordSets(r -> r.hostedZoneId("Z0SHOPEXAMPLE1")));
        assertRefused("NoSuchHostedZone", 404, "No hosted zone found with ID: Z0NOSUCHZONE1",
                () -> seoul.getHostedZone(r -> r.id("Z0NOSUCHZONE1")));
    }
}
