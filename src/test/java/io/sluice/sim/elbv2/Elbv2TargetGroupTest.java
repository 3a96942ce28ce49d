package io.sluice.sim.elbv2;

import static io.sluice.sim.elbv2.Elbv2Sim.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

class Elbv2TargetGroupTest {
    private Elbv2Sim sim;
    private String blue;
    private String green;

    @BeforeEach
    void start() throws Exception {
        sim = new Elbv2Sim();
        blue = sim.targetGroupArn("shop-blue");
        green = sim.targetGroupArn("shop-green");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** target id -> "state/reason". */
    private Map<String, String> health(String group) {
        return sim.elb.describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions().stream()
                .collect(Collectors.toMap(d -> d.target().id(), TargetHealthDescription::toString)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> stateOf(group, e.getKey())));
    }

    private String stateOf(String group, String id) {
        var d = sim.elb.describeTargetHealth(r -> r.targetGroupArn(group).targets(t -> t.id(id)))
                .targetHealthDescriptions().get(0).targetHealth();
        return d.stateAsString() + (d.reasonAsString() == null ? "" : "/" + d.reasonAsString());
    }

    private static TargetDescription target(String id) {
        return TargetDescription.builder().id(id).build();
    }

    @Test
    void describesTargetGroupsWithTheLoadBalancersThatUseThem() {
        var groups = sim.elb.describeTargetGroups(r -> { }).targetGroups();
        assertEquals(List.of("shop-blue", "shop-green", "spare", "extra-1", "extra-2", "extra-3"),
                groups.stream().map(g -> g.targetGroupName()).toList());
        assertEquals(List.of(sim.loadBalancerArn()), groups.get(0).loadBalancerArns());
        assertTrue(groups.get(2).loadBalancerArns().isEmpty());
        assertEquals("/health", groups.get(0).healthCheckPath());
        assertEquals(2, sim.elb.describeTargetGroups(r -> r.loadBalancerArn(sim.loadBalancerArn())).targetGroups().size());
        assertRefused("TargetGroupNotFound", 400, () -> sim.elb.describeTargetGroups(r -> r.names("nope")));
        assertRefused("TargetGroupNotFound", 400, () -> sim.elb.describeTargetGroups(r -> r.targetGroupArns(blue + "0")));
    }

    @Test
    void targetsAreInitialDuringTheHealthCheckDelayThenReportTheScenarioHealth() {
        assertEquals("initial/Elb.RegistrationInProgress", stateOf(blue, "10.0.1.10"));
        sim.advance(20);
        assertEquals("initial/Elb.InitialHealthChecking", stateOf(blue, "10.0.1.10"));
        sim.advance(10);
        assertEquals(Map.of("10.0.1.10", "healthy", "10.0.1.11", "healthy"), health(blue));
        assertEquals(Map.of("10.0.2.10", "unhealthy/Target.ResponseCodeMismatch", "10.0.2.11", "healthy"), health(green));
        var described = sim.elb.describeTargetHealth(r -> r.targetGroupArn(green).targets(t -> t.id("10.0.2.10")))
                .targetHealthDescriptions().get(0);
        assertEquals("Health checks failed with these codes: [502]", described.targetHealth().description());
        assertEquals(8080, described.target().port());
    }

    @Test
    void targetHealthFollowsTheScenarioChangesOverTime() {
        sim.advance(60);
        assertEquals("healthy", stateOf(green, "10.0.2.11"));
        sim.advance(240);
        assertEquals("unhealthy/Target.FailedHealthChecks", stateOf(green, "10.0.2.11"));
    }

    @Test
    void targetsOfAGroupNoListenerUsesAreUnusedUntilAListenerForwardsToIt() {
        String spare = sim.targetGroupArn("spare");
        assertEquals(Map.of("10.0.3.10", "unused/Target.NotInUse"), health(spare));
        sim.advance(100);
        String http = sim.listenerArn(80);
        sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(spare).build()));
        assertEquals("initial/Elb.RegistrationInProgress", stateOf(spare, "10.0.3.10"));
        assertEquals("unused/Target.NotInUse", stateOf(green, "10.0.2.10"), "only the default action used green");
        assertEquals("healthy", stateOf(blue, "10.0.1.10"), "the path rule still forwards to blue");
    }

    @Test
    void registeredTargetsStartInitialAndDeregisteredOnesDrainThenDisappear() {
        sim.advance(60);
        sim.elb.registerTargets(r -> r.targetGroupArn(green).targets(target("10.0.2.20")));
        assertEquals("initial/Elb.RegistrationInProgress", stateOf(green, "10.0.2.20"));
        sim.advance(30);
        assertEquals("unhealthy/Target.Timeout", stateOf(green, "10.0.2.20"));

        sim.elb.deregisterTargets(r -> r.targetGroupArn(blue).targets(target("10.0.1.10")));
        assertEquals("draining/Target.DeregistrationInProgress", stateOf(blue, "10.0.1.10"));
        sim.advance(59);
        assertEquals("draining/Target.DeregistrationInProgress", stateOf(blue, "10.0.1.10"));
        sim.advance(1);
        assertEquals(Map.of("10.0.1.11", "healthy"), health(blue));
        assertEquals("unused/Target.NotRegistered", stateOf(blue, "10.0.1.10"));
    }

    @Test
    void refusesInvalidRegistrations() {
        assertRefused("InvalidTarget", 400, () -> sim.elb.registerTargets(r -> r.targetGroupArn(blue).targets(target("i-0abc"))));
        assertRefused("InvalidTarget", 400, () -> sim.elb.deregisterTargets(r -> r.targetGroupArn(blue).targets(target("10.9.9.9"))));
        assertRefused("TargetGroupNotFound", 400, () -> sim.elb.registerTargets(r -> r.targetGroupArn(blue + "0").targets(target("10.0.0.1"))));
        assertRefused("ValidationError", 400, () -> sim.elb.registerTargets(r -> r.targetGroupArn(blue).targets(
                TargetDescription.builder().id("10.0.0.1").port(70000).build())));
        assertRefused("TargetGroupNotFound", 400, () -> sim.elb.describeTargetHealth(r -> r.targetGroupArn(blue + "0")));
    }

    @Test
    void describesAndModifiesAttributesWithinTheirBounds() {
        Map<String, String> attributes = attributes(sim.elb.describeTargetGroupAttributes(r -> r.targetGroupArn(blue)).attributes());
        assertEquals("60", attributes.get("deregistration_delay.timeout_seconds"));
        assertEquals("false", attributes.get("stickiness.enabled"));
        assertEquals("86400", attributes.get("stickiness.lb_cookie.duration_seconds"));

        var modified = sim.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(blue).attributes(
                attribute("deregistration_delay.timeout_seconds", "0"), attribute("stickiness.enabled", "true"),
                attribute("stickiness.lb_cookie.duration_seconds", "604800")));
        assertEquals("0", attributes(modified.attributes()).get("deregistration_delay.timeout_seconds"));
        assertEquals("true", attributes(sim.elb.describeTargetGroupAttributes(r -> r.targetGroupArn(blue)).attributes())
                .get("stickiness.enabled"));

        for (var bad : List.of(attribute("deregistration_delay.timeout_seconds", "3601"),
                attribute("deregistration_delay.timeout_seconds", "-1"), attribute("deregistration_delay.timeout_seconds", "soon"),
                attribute("stickiness.enabled", "yes"), attribute("stickiness.type", "source_ip"),
                attribute("stickiness.lb_cookie.duration_seconds", "0"),
                attribute("stickiness.lb_cookie.duration_seconds", "604801"), attribute("no.such.key", "1"))) {
            assertRefused("ValidationError", 400, () -> sim.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(blue).attributes(bad)));
        }
        assertEquals("0", attributes(sim.elb.describeTargetGroupAttributes(r -> r.targetGroupArn(blue)).attributes())
                .get("deregistration_delay.timeout_seconds"));
    }

    @Test
    void aZeroDeregistrationDelayRemovesTheTargetAtOnce() {
        sim.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(blue).attributes(attribute("deregistration_delay.timeout_seconds", "0")));
        sim.elb.deregisterTargets(r -> r.targetGroupArn(blue).targets(target("10.0.1.10")));
        assertEquals(List.of("10.0.1.11"), sim.elb.describeTargetHealth(r -> r.targetGroupArn(blue)).targetHealthDescriptions()
                .stream().map(d -> d.target().id()).toList());
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }

    private static Map<String, String> attributes(List<TargetGroupAttribute> list) {
        return list.stream().collect(Collectors.toMap(TargetGroupAttribute::key, TargetGroupAttribute::value));
    }
}
