package io.sluice.sim.elbv2;

import static io.sluice.sim.TwoRegionsSim.IRELAND;
import static io.sluice.sim.TwoRegionsSim.SEOUL;
import static io.sluice.sim.TwoRegionsSim.assertRefused;
import static io.sluice.sim.TwoRegionsSim.rawBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sim.AwsError;
import io.sluice.sim.ManualChanges;
import io.sluice.sim.TwoRegionsSim;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * One scenario with the same ALB in ap-northeast-2 and eu-west-1: each region's client sees its own,
 * and a call naming an ARN of another region (or account) gets ELBv2's 400 ValidationError, never
 * the resource. The region of a call is the region its signature names.
 */
class Elbv2RegionScopeTest {
    private TwoRegionsSim sim;
    private ElasticLoadBalancingV2Client seoul;
    private ElasticLoadBalancingV2Client ireland;
    private ElasticLoadBalancingV2Client virginia;
    private ElasticLoadBalancingV2Client tenantSeoul;
    private String seoulListener;
    private String irelandListener;

    @BeforeEach
    void start() throws Exception {
        sim = new TwoRegionsSim();
        seoul = sim.client(ElasticLoadBalancingV2Client.builder(), SEOUL);
        ireland = sim.client(ElasticLoadBalancingV2Client.builder(), IRELAND);
        virginia = sim.client(ElasticLoadBalancingV2Client.builder(), Region.US_EAST_1);
        tenantSeoul = sim.client(ElasticLoadBalancingV2Client.builder(), SEOUL, TwoRegionsSim.TENANT_KEY);
        seoulListener = listener(seoul);
        irelandListener = listener(ireland);
    }

    @AfterEach
    void stop() {
        List.of(seoul, ireland, virginia, tenantSeoul).forEach(ElasticLoadBalancingV2Client::close);
        sim.close();
    }

    private static String listener(ElasticLoadBalancingV2Client elb) {
        String lb = elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        return elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
    }

    private static String group(ElasticLoadBalancingV2Client elb, String name) {
        return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0).targetGroupArn();
    }

    private static Map<String, Integer> weights(ElasticLoadBalancingV2Client elb, String listenerArn) {
        return elb.describeListeners(r -> r.listenerArns(listenerArn)).listeners().get(0).defaultActions().get(0)
                .forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(t -> t.targetGroupArn().replaceAll(".*:targetgroup/([^/]+)/.*", "$1"),
                        TargetGroupTuple::weight));
    }

    private static AwsServiceException assertInvalidArn(String arn, String noun,
            org.junit.jupiter.api.function.Executable call) {
        AwsServiceException e = assertRefused("ValidationError", 400, "'" + arn + "' is not a valid " + noun + " ARN", call);
        String body = rawBody(e);
        assertTrue(body.contains("<Type>Sender</Type>") && body.contains("<Code>ValidationError</Code>"), body);
        return e;
    }

    @Test
    void eachRegionHasItsOwnLoadBalancerListenerAndTargetGroupsUnderTheSameNames() {
        assertTrue(seoulListener.startsWith("arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/shop/"),
                seoulListener);
        assertTrue(irelandListener.startsWith("arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/"),
                irelandListener);
        assertEquals(Map.of("shop-blue", 90, "shop-green", 10), weights(seoul, seoulListener));
        assertEquals(Map.of("shop-blue", 100, "shop-green", 0), weights(ireland, irelandListener));
        assertNotEquals(group(seoul, "shop-green"), group(ireland, "shop-green"));
        assertTrue(group(seoul, "shop-green").contains(":ap-northeast-2:"));
        assertEquals("unhealthy", ireland.describeTargetHealth(r -> r.targetGroupArn(group(ireland, "shop-green")))
                .targetHealthDescriptions().get(0).targetHealth().stateAsString());
        assertEquals("healthy", seoul.describeTargetHealth(r -> r.targetGroupArn(group(seoul, "shop-green")))
                .targetHealthDescriptions().get(0).targetHealth().stateAsString());
    }

    @Test
    void aRegionWithoutResourcesHasNone() {
        assertTrue(virginia.describeLoadBalancers().loadBalancers().isEmpty());
        assertTrue(virginia.describeTargetGroups().targetGroups().isEmpty());
        assertRefused("LoadBalancerNotFound", 400, "Load balancers '[shop]' not found",
                () -> virginia.describeLoadBalancers(r -> r.names("shop")));
    }

    @Test
    void describeListenersWithAListenerOfAnotherRegionIsAValidationError() {
        assertInvalidArn(seoulListener, "listener", () -> virginia.describeListeners(r -> r.listenerArns(seoulListener)));
        assertInvalidArn(seoulListener, "listener", () -> ireland.describeListeners(r -> r.listenerArns(seoulListener)));
        assertInvalidArn(seoulListener, "listener",
                () -> ireland.describeListeners(r -> r.listenerArns(irelandListener, seoulListener)));
        String seoulLb = seoul.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        assertInvalidArn(seoulLb, "load balancer", () -> ireland.describeListeners(r -> r.loadBalancerArn(seoulLb)));
        assertInvalidArn(seoulLb, "load balancer", () -> ireland.describeLoadBalancers(r -> r.loadBalancerArns(seoulLb)));
        assertInvalidArn(seoulLb, "load balancer", () -> ireland.describeTargetGroups(r -> r.loadBalancerArn(seoulLb)));
    }

    @Test
    void anUnknownArnOfTheCallersRegionIsStillNotFound() {
        String gone = seoulListener.replaceAll("/[0-9a-f]+$", "/0000000000000000");
        assertRefused("ListenerNotFound", 400, "One or more listeners not found",
                () -> seoul.describeListeners(r -> r.listenerArns(gone)));
    }

    @Test
    void anArnOfAnotherResourceTypeIsAValidationError() {
        String seoulLb = seoul.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0).loadBalancerArn();
        assertInvalidArn(seoulLb, "listener", () -> seoul.describeListeners(r -> r.listenerArns(seoulLb)));
    }

    @Test
    void modifyListenerOfAnotherRegionIsRefusedAndChangesNothing() {
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(group(seoul, "shop-blue")).weight(50).build(),
                TargetGroupTuple.builder().targetGroupArn(group(seoul, "shop-green")).weight(50).build())).build();
        assertInvalidArn(seoulListener, "listener",
                () -> virginia.modifyListener(r -> r.listenerArn(seoulListener).defaultActions(forward)));
        assertEquals(Map.of("shop-blue", 90, "shop-green", 10), weights(seoul, seoulListener));
        seoul.modifyListener(r -> r.listenerArn(seoulListener).defaultActions(forward));
        assertEquals(Map.of("shop-blue", 50, "shop-green", 50), weights(seoul, seoulListener));
        assertEquals(Map.of("shop-blue", 100, "shop-green", 0), weights(ireland, irelandListener));
    }

    @Test
    void aListenerForwardsOnlyToTargetGroupsOfItsOwnRegion() {
        String seoulGreen = group(seoul, "shop-green");
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(group(ireland, "shop-blue")).weight(50).build(),
                TargetGroupTuple.builder().targetGroupArn(seoulGreen).weight(50).build())).build();
        assertInvalidArn(seoulGreen, "target group",
                () -> ireland.modifyListener(r -> r.listenerArn(irelandListener).defaultActions(forward)));
        assertEquals(Map.of("shop-blue", 100, "shop-green", 0), weights(ireland, irelandListener));
    }

    @Test
    void rulesOfAnotherRegionAreAValidationError() {
        String seoulRule = seoul.describeRules(r -> r.listenerArn(seoulListener)).rules().stream()
                .filter(r -> !r.isDefault()).findFirst().orElseThrow().ruleArn();
        assertEquals("10", seoul.describeRules(r -> r.ruleArns(seoulRule)).rules().get(0).priority());
        assertInvalidArn(seoulListener, "listener", () -> ireland.describeRules(r -> r.listenerArn(seoulListener)));
        assertInvalidArn(seoulRule, "listener rule", () -> ireland.describeRules(r -> r.ruleArns(seoulRule)));
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(group(seoul, "shop-green")).build();
        assertInvalidArn(seoulRule, "listener rule", () -> virginia.modifyRule(r -> r.ruleArn(seoulRule).actions(forward)));
        assertEquals(group(seoul, "shop-blue"), seoul.describeRules(r -> r.ruleArns(seoulRule)).rules().get(0).actions()
                .get(0).targetGroupArn());
    }

    @Test
    void targetGroupsOfAnotherRegionAreAValidationError() {
        String seoulGreen = group(seoul, "shop-green");
        assertEquals("300", seoul.describeTargetGroupAttributes(r -> r.targetGroupArn(seoulGreen)).attributes().stream()
                .filter(a -> a.key().equals("deregistration_delay.timeout_seconds")).findFirst().orElseThrow().value());
        assertInvalidArn(seoulGreen, "target group", () -> ireland.describeTargetHealth(r -> r.targetGroupArn(seoulGreen)));
        assertInvalidArn(seoulGreen, "target group",
                () -> virginia.describeTargetGroupAttributes(r -> r.targetGroupArn(seoulGreen)));
        assertInvalidArn(seoulGreen, "target group", () -> ireland.describeTargetGroups(r -> r.targetGroupArns(seoulGreen)));
        assertInvalidArn(seoulGreen, "target group", () -> ireland.registerTargets(r -> r.targetGroupArn(seoulGreen)
                .targets(t -> t.id("10.20.2.11"))));
        assertInvalidArn(seoulGreen, "target group", () -> ireland.modifyTargetGroupAttributes(r -> r
                .targetGroupArn(seoulGreen).attributes(a -> a.key("deregistration_delay.timeout_seconds").value("5"))));
    }

    @Test
    void describeTagsOfAnotherRegionsResourceIsAValidationError() {
        String seoulGreen = group(seoul, "shop-green");
        assertEquals(1, seoul.describeTags(r -> r.resourceArns(seoulGreen)).tagDescriptions().size());
        assertRefused("ValidationError", 400, "'" + seoulGreen + "' must be in ARN format",
                () -> ireland.describeTags(r -> r.resourceArns(seoulGreen)));
    }

    @Test
    void aChangeByHandToAListenerArnIsMadeInTheArnsRegion() {
        ManualChanges elb = (ManualChanges) sim.server.services().get("elasticloadbalancing");
        List<Object> actions = List.of(Map.of("Type", "forward", "ForwardConfig", Map.of("TargetGroups", List.of(
                Map.of("TargetGroupArn", "shop-blue", "Weight", 0), Map.of("TargetGroupArn", "shop-green", "Weight", 100)))));
        elb.applyManualChange(Map.of("modifyListener", Map.of("listenerArn", seoulListener, "defaultActions", actions)));
        assertEquals(Map.of("shop-blue", 0, "shop-green", 100), weights(seoul, seoulListener));
        elb.applyManualChange(Map.of("region", "eu-west-1",
                "modifyListener", Map.of("loadBalancer", "shop", "port", 80, "defaultActions", actions)));
        assertEquals(Map.of("shop-blue", 0, "shop-green", 100), weights(ireland, irelandListener));
        AwsError.Raised refused = assertThrows(AwsError.Raised.class, () -> elb.applyManualChange(Map.of(
                "region", "eu-west-1", "modifyListener", Map.of("listenerArn", seoulListener, "defaultActions", actions))));
        assertEquals("ValidationError", refused.error().code());
    }

    @Test
    void anotherAccountSeesOnlyItsOwnResourcesAndCannotNameTheOwners() {
        List<TargetGroup> tenant = tenantSeoul.describeTargetGroups().targetGroups();
        assertEquals(List.of("tenant-blue"), tenant.stream().map(TargetGroup::targetGroupName).toList());
        String tenantBlue = tenant.get(0).targetGroupArn();
        assertTrue(tenantBlue.startsWith("arn:aws:elasticloadbalancing:ap-northeast-2:210987654321:targetgroup/tenant-blue/"),
                tenantBlue);
        assertTrue(tenantSeoul.describeLoadBalancers().loadBalancers().isEmpty());
        assertInvalidArn(seoulListener, "listener", () -> tenantSeoul.describeListeners(r -> r.listenerArns(seoulListener)));
        assertInvalidArn(tenantBlue, "target group", () -> seoul.describeTargetHealth(r -> r.targetGroupArn(tenantBlue)));
    }
}
