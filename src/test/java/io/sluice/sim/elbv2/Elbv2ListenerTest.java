package io.sluice.sim.elbv2;

import static io.sluice.sim.elbv2.Elbv2Sim.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

class Elbv2ListenerTest {
    private Elbv2Sim sim;
    private String blue;
    private String green;
    private String http;

    @BeforeEach
    void start() throws Exception {
        sim = new Elbv2Sim();
        blue = sim.targetGroupArn("shop-blue");
        green = sim.targetGroupArn("shop-green");
        http = sim.listenerArn(80);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Action weighted(int blueWeight, int greenWeight) {
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(blue).weight(blueWeight).build(),
                TargetGroupTuple.builder().targetGroupArn(green).weight(greenWeight).build())).build();
    }

    private Map<String, Integer> weights(Action forward) {
        return forward.forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
    }

    @Test
    void describesTheLoadBalancerByNameAndArnAndRefusesAnUnknownOne() {
        var lb = sim.elb.describeLoadBalancers(r -> r.names("shop")).loadBalancers().get(0);
        assertTrue(lb.loadBalancerArn().startsWith("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/"));
        assertEquals("application", lb.typeAsString());
        assertEquals("active", lb.state().codeAsString());
        assertEquals(1, sim.elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn())).loadBalancers().size());
        assertRefused("LoadBalancerNotFound", 400, () -> sim.elb.describeLoadBalancers(r -> r.names("nope")));
    }

    @Test
    void describesListenersByLoadBalancerOrByArnsWithTheirDefaultActions() {
        List<Listener> listeners = sim.elb.describeListeners(r -> r.loadBalancerArn(sim.loadBalancerArn())).listeners();
        assertEquals(List.of(80, 443), listeners.stream().map(Listener::port).toList());
        Listener byArn = sim.elb.describeListeners(r -> r.listenerArns(http)).listeners().get(0);
        Action forward = byArn.defaultActions().get(0);
        assertEquals(Map.of(blue, 100, green, 0), weights(forward));
        assertNull(forward.targetGroupArn(), "a weighted forward carries ForwardConfig only");
        assertFalse(forward.forwardConfig().targetGroupStickinessConfig().enabled());
        Listener https = listeners.get(1);
        assertEquals("fixed-response", https.defaultActions().get(0).typeAsString());
        assertEquals("404", https.defaultActions().get(0).fixedResponseConfig().statusCode());
        assertEquals("arn:aws:acm:us-east-1:123456789012:certificate/abc", https.certificates().get(0).certificateArn());
    }

    @Test
    void refusesUnknownListenersTooManyArnsAndAMissingFilter() {
        assertRefused("ListenerNotFound", 400, () -> sim.elb.describeListeners(r -> r.listenerArns(http + "0")));
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            arns.add(http);
        }
        assertRefused("ValidationError", 400, () -> sim.elb.describeListeners(r -> r.listenerArns(arns)));
        assertRefused("ValidationError", 400, () -> sim.elb.describeListeners(r -> { }));
        assertRefused("LoadBalancerNotFound", 400, () -> sim.elb.describeListeners(
                r -> r.loadBalancerArn(sim.loadBalancerArn().replace("shop", "shop2"))));
    }

    @Test
    void pagesListenersWithAMarker() {
        var first = sim.elb.describeListeners(r -> r.loadBalancerArn(sim.loadBalancerArn()).pageSize(1));
        assertEquals(80, first.listeners().get(0).port());
        var second = sim.elb.describeListeners(r -> r.loadBalancerArn(sim.loadBalancerArn()).pageSize(1)
                .marker(first.nextMarker()));
        assertEquals(443, second.listeners().get(0).port());
        assertNull(second.nextMarker());
    }

    @Test
    void describesRulesWithTheDefaultRuleLastAndTheLegacyFormFilledInBothWays() {
        List<Rule> rules = sim.elb.describeRules(r -> r.listenerArn(http)).rules();
        assertEquals(List.of("10", "default"), rules.stream().map(Rule::priority).toList());
        Rule path = rules.get(0);
        assertFalse(path.isDefault());
        assertEquals("path-pattern", path.conditions().get(0).field());
        assertEquals(List.of("/api/*"), path.conditions().get(0).values());
        Action single = path.actions().get(0);
        assertEquals(blue, single.targetGroupArn());
        assertEquals(Map.of(blue, 1), weights(single));
        assertEquals(1, single.order());
        assertTrue(rules.get(1).isDefault());
        assertEquals(path, sim.elb.describeRules(r -> r.ruleArns(path.ruleArn())).rules().get(0));
        assertRefused("RuleNotFound", 400, () -> sim.elb.describeRules(r -> r.ruleArns(path.ruleArn() + "0")));
        assertRefused("ListenerNotFound", 400, () -> sim.elb.describeRules(r -> r.listenerArn(http + "0")));
    }

    @Test
    void shiftsWeightsWithModifyListenerAndReadsThemBack() {
        Listener modified = sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(weighted(90, 10))).listeners().get(0);
        assertEquals(Map.of(blue, 90, green, 10), weights(modified.defaultActions().get(0)));
        Listener read = sim.elb.describeListeners(r -> r.listenerArns(http)).listeners().get(0);
        assertEquals(Map.of(blue, 90, green, 10), weights(read.defaultActions().get(0)));
        Rule defaultRule = sim.elb.describeRules(r -> r.listenerArn(http)).rules().get(1);
        assertEquals(Map.of(blue, 90, green, 10), weights(defaultRule.actions().get(0)));
    }

    @Test
    void keepsGroupStickinessAsGivenAndEnforcesItsBounds() {
        Action sticky = weighted(50, 50).toBuilder().forwardConfig(weighted(50, 50).forwardConfig().toBuilder()
                .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(3600)).build()).build();
        Action read = sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(sticky)).listeners().get(0).defaultActions().get(0);
        assertTrue(read.forwardConfig().targetGroupStickinessConfig().enabled());
        assertEquals(3600, read.forwardConfig().targetGroupStickinessConfig().durationSeconds());
        for (int bad : new int[] {0, 604_801}) {
            Action tooLong = sticky.toBuilder().forwardConfig(sticky.forwardConfig().toBuilder()
                    .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(bad)).build()).build();
            assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(tooLong)));
        }
        Action noDuration = sticky.toBuilder().forwardConfig(sticky.forwardConfig().toBuilder()
                .targetGroupStickinessConfig(s -> s.enabled(true)).build()).build();
        assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(noDuration)));
    }

    @Test
    void refusesWeightsOutsideZeroTo999AndLeavesTheListenerAsItWas() {
        assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(weighted(1000, 0))));
        assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(weighted(-1, 5))));
        Listener read = sim.elb.describeListeners(r -> r.listenerArns(http)).listeners().get(0);
        assertEquals(Map.of(blue, 100, green, 0), weights(read.defaultActions().get(0)));
        sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(weighted(999, 0)));
    }

    @Test
    void refusesMoreThanFiveTargetGroupsInOneForward() {
        List<TargetGroupTuple> six = new ArrayList<>();
        for (String name : List.of("shop-blue", "shop-green", "spare", "extra-1", "extra-2", "extra-3")) {
            six.add(TargetGroupTuple.builder().targetGroupArn(sim.targetGroupArn(name)).weight(1).build());
        }
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(six)).build();
        assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(forward)));
        Action five = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(six.subList(0, 5))).build();
        assertEquals(5, sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(five)).listeners().get(0)
                .defaultActions().get(0).forwardConfig().targetGroups().size());
    }

    @Test
    void refusesUnknownTargetGroupsListenersAndRules() {
        Action unknown = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(blue + "0").build();
        assertRefused("TargetGroupNotFound", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(unknown)));
        assertRefused("ListenerNotFound", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http + "0").defaultActions(weighted(1, 1))));
        String rule = sim.elb.describeRules(r -> r.listenerArn(http)).rules().get(0).ruleArn();
        assertRefused("RuleNotFound", 400, () -> sim.elb.modifyRule(r -> r.ruleArn(rule + "0").actions(weighted(1, 1))));
    }

    @Test
    void refusesModifyRuleOnTheDefaultRule() {
        Rule defaultRule = sim.elb.describeRules(r -> r.listenerArn(http)).rules().get(1);
        assertRefused("OperationNotPermitted", 400, () -> sim.elb.modifyRule(r -> r.ruleArn(defaultRule.ruleArn()).actions(weighted(50, 50))));
    }

    @Test
    void modifyRuleReplacesTheWholeActionListAndKeepsOtherActionsExactly() {
        String rule = sim.elb.describeRules(r -> r.listenerArn(http)).rules().get(0).ruleArn();
        Action oidc = Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1)
                .authenticateOidcConfig(AuthenticateOidcActionConfig.builder().issuer("https://idp.example.com")
                        .authorizationEndpoint("https://idp.example.com/auth").tokenEndpoint("https://idp.example.com/token")
                        .userInfoEndpoint("https://idp.example.com/userinfo").clientId("client-1")
                        .authenticationRequestExtraParams(Map.of("prompt", "login")).scope("openid").build())
                .build();
        Action forward = weighted(70, 30).toBuilder().order(2).build();
        Rule modified = sim.elb.modifyRule(r -> r.ruleArn(rule).actions(oidc, forward)).rules().get(0);
        Rule read = sim.elb.describeRules(r -> r.ruleArns(rule)).rules().get(0);
        assertEquals(modified, read);
        assertEquals(2, read.actions().size());
        assertEquals(oidc, read.actions().get(0));
        assertEquals(Map.of(blue, 70, green, 30), weights(read.actions().get(1)));
        assertEquals(2, read.actions().get(1).order());
        assertEquals("/api/*", read.conditions().get(0).values().get(0), "conditions not given stay unchanged");

        Rule replaced = sim.elb.modifyRule(r -> r.ruleArn(rule).actions(weighted(0, 100))).rules().get(0);
        assertEquals(1, replaced.actions().size(), "the whole list is replaced");
    }

    @Test
    void refusesMalformedActions() {
        assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http)
                .defaultActions(Action.builder().forwardConfig(weighted(1, 1).forwardConfig()).build())));
        Action forward = weighted(1, 1);
        Action fixed = Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("503")).build();
        assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(forward, fixed)));
        assertRefused("InvalidLoadBalancerAction", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http)
                .defaultActions(forward.toBuilder().order(1).build(), fixed.toBuilder().order(2).build())));
        assertRefused("InvalidLoadBalancerAction", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http)
                .defaultActions(forward.toBuilder().targetGroupArn(blue).build())));
        assertRefused("ValidationError", 400, () -> sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(
                Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(blue).build(),
                        TargetGroupTuple.builder().targetGroupArn(green).build())).build())));
    }

    @Test
    void acceptsTheLegacyTargetGroupArnFormAndReportsBothForms() {
        Action legacy = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(green).build();
        Action read = sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(legacy)).listeners().get(0).defaultActions().get(0);
        assertEquals(green, read.targetGroupArn());
        assertEquals(Map.of(green, 1), weights(read));
        Action both = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(blue)
                .forwardConfig(f -> f.targetGroups(TargetGroupTuple.builder().targetGroupArn(blue).weight(5).build())).build();
        Action readBoth = sim.elb.modifyListener(r -> r.listenerArn(http).defaultActions(both)).listeners().get(0).defaultActions().get(0);
        assertEquals(blue, readBoth.targetGroupArn());
        assertEquals(Map.of(blue, 5), weights(readBoth));
    }

    @Test
    void describesTagsOfEveryKindOfResource() {
        var tags = sim.elb.describeTags(r -> r.resourceArns(sim.loadBalancerArn(), blue, http)).tagDescriptions();
        assertEquals("shop", tags.get(0).tags().get(0).value());
        assertEquals(List.of("app", "colour"), tags.get(1).tags().stream().map(t -> t.key()).toList());
        assertTrue(tags.get(2).tags().isEmpty());
        assertRefused("TargetGroupNotFound", 400, () -> sim.elb.describeTags(r -> r.resourceArns(blue + "0")));
    }
}
