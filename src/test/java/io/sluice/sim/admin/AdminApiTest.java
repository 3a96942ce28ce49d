package io.sluice.sim.admin;

import static io.sluice.sim.elbv2.Elbv2Sim.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.sim.elbv2.Elbv2Sim;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

class AdminApiTest {
    private Elbv2Sim sim;
    private AdminHttp admin;

    @BeforeEach
    void start() throws Exception {
        sim = new Elbv2Sim();
        admin = new AdminHttp(sim.server.endpoint());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Map<String, Integer> defaultWeights() {
        return sim.elb.describeListeners(r -> r.listenerArns(sim.listenerArn(80))).listeners().get(0).defaultActions().get(0)
                .forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(t -> t.targetGroupArn().split("/")[1], TargetGroupTuple::weight));
    }

    @Test
    void stateShowsTheClockAndEveryServiceSnapshot() {
        AdminHttp.Answer state = admin.get("/_sim/state");
        assertEquals(200, state.status());
        assertEquals("2026-11-24T10:00:00Z", state.body().get("clock").get("now").asText());
        assertTrue(state.body().get("clock").get("manual").asBoolean());
        JsonNode region = state.body().get("services").get("elasticloadbalancing").get("regions").get("us-east-1");
        assertEquals("shop", region.get("loadBalancers").get(0).get("name").asText());
        assertEquals("initial", region.get("targetGroups").get(0).get("targets").get(0).get("state").asText());
        assertEquals("123456789012", state.body().get("services").get("sts").get("account").asText());
    }

    @Test
    void advancingTheClockMovesTargetHealthOn() {
        AdminHttp.Answer advanced = admin.post("/_sim/clock/advance?seconds=45", "");
        assertEquals("2026-11-24T10:00:45Z", advanced.body().get("now").asText());
        JsonNode region = admin.get("/_sim/state").body().get("services").get("elasticloadbalancing").get("regions").get("us-east-1");
        assertEquals("healthy", region.get("targetGroups").get(0).get("targets").get(0).get("state").asText());
        assertEquals(400, admin.post("/_sim/clock/advance?seconds=-5", "").status());
        assertEquals(400, admin.post("/_sim/clock/advance", "").status());
    }

    @Test
    void loadsAScenarioInYamlOrJsonAndNamesTheFieldOfAnInvalidOne() {
        String json = "{\"elasticloadbalancing\":{\"targetGroups\":[{\"name\":\"solo\"}]},\"clock\":{\"start\":\"2026-11-24T11:00:00Z\"}}";
        AdminHttp.Answer loaded = admin.post("/_sim/scenario", json);
        assertEquals(200, loaded.status(), loaded.text());
        assertEquals("2026-11-24T11:00:00Z", loaded.body().get("clock").get("now").asText());
        assertEquals(1, sim.elb.describeTargetGroups(r -> { }).targetGroups().size());
        assertRefused("LoadBalancerNotFound", 400, () -> sim.elb.describeLoadBalancers(r -> r.names("shop")));

        AdminHttp.Answer bad = admin.post("/_sim/scenario", "elasticloadbalancing:\n  targetGroups:\n    - {name: a, prot: HTTP}\n");
        assertEquals(400, bad.status());
        assertTrue(bad.body().get("error").asText().contains("elasticloadbalancing.targetGroups[0].prot"), bad.text());
        assertEquals(400, admin.post("/_sim/scenario", "lambada: {}\n").status());
        AdminHttp.Answer weight = admin.post("/_sim/scenario", Elbv2Sim.SCENARIO.replace("Weight: 100", "Weight: 1000"));
        assertEquals(400, weight.status());
        assertTrue(weight.body().get("error").asText().contains("defaultActions: ValidationError"), weight.text());
    }

    @Test
    void aChangeByHandIsAppliedAtOnceWithTheRulesOfTheApi() {
        String change = """
                {"elasticloadbalancing": {"modifyListener": {"loadBalancer": "shop", "port": 80, "defaultActions": [
                  {"Type": "forward", "ForwardConfig": {"TargetGroups": [
                    {"TargetGroupArn": "shop-blue", "Weight": 20}, {"TargetGroupArn": "shop-green", "Weight": 80}]}}]}}}
                """;
        AdminHttp.Answer applied = admin.post("/_sim/events", change);
        assertEquals(200, applied.status(), applied.text());
        assertEquals(Map.of("shop-blue", 20, "shop-green", 80), defaultWeights());

        AdminHttp.Answer refused = admin.post("/_sim/events", change.replace("80}", "1000}"));
        assertEquals(400, refused.status());
        assertTrue(refused.body().get("error").asText().startsWith("ValidationError"), refused.text());
        assertEquals(Map.of("shop-blue", 20, "shop-green", 80), defaultWeights());
        assertTrue(admin.get("/_sim/calls").body().isEmpty() || !admin.get("/_sim/calls").body()
                .path("elasticloadbalancing").has("ModifyListener"), "a change by hand is not an API call");
    }

    @Test
    void aScheduledEventChangesTheWeightsWhenItsTimeComes() {
        String scenario = Elbv2Sim.SCENARIO + """
                events:
                  - at: 2026-11-24T10:10:00Z
                    elasticloadbalancing:
                      modifyListener:
                        loadBalancer: shop
                        port: 80
                        defaultActions:
                          - Type: forward
                            ForwardConfig:
                              TargetGroups:
                                - {TargetGroupArn: shop-blue, Weight: 0}
                                - {TargetGroupArn: shop-green, Weight: 100}
                """;
        assertEquals(200, admin.post("/_sim/scenario", scenario).status());
        sim.advance(599);
        assertEquals(Map.of("shop-blue", 100, "shop-green", 0), defaultWeights());
        sim.advance(1);
        assertEquals(Map.of("shop-blue", 0, "shop-green", 100), defaultWeights());
        JsonNode applied = admin.get("/_sim/state").body().get("events").get("applied").get(0);
        assertEquals("applied", applied.get("outcome").asText());
    }

    @Test
    void unsignedAwsRequestsAreRefusedInTheServiceErrorShape() {
        AdminHttp.Answer elb = admin.send(HttpRequest.newBuilder(sim.server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeListeners&Version=2015-12-01")));
        assertEquals(403, elb.status());
        assertTrue(elb.text().contains("<Code>MissingAuthenticationToken</Code>"), elb.text());
        assertTrue(elb.text().contains("xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\""), elb.text());
        AdminHttp.Answer sts = admin.send(HttpRequest.newBuilder(sim.server.endpoint().resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")));
        assertEquals(403, sts.status());
        assertTrue(sts.text().contains("https://sts.amazonaws.com/doc/2011-06-15/"), sts.text());
    }

    @Test
    void unknownAdminPathsAndMethodsAreRefused() {
        assertEquals(404, admin.get("/_sim/nothing").status());
        assertEquals(405, admin.delete("/_sim/state").status());
        assertEquals(400, admin.post("/_sim/faults", "{\"kind\":\"gremlins\"}").status());
        assertEquals(400, admin.post("/_sim/faults", "not json").status());
    }

    @Test
    void theCallLogTellsWhoCalledWhatWhenAndForWhichRegionInOrder() {
        long before = System.currentTimeMillis() * 1000;
        sim.elb.describeLoadBalancers(r -> r.names("shop"));
        try (var other = ElasticLoadBalancingV2Client.builder()
                .endpointOverride(sim.server.endpoint()).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDOTHER", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertRefused("LoadBalancerNotFound", 400, () -> other.describeLoadBalancers(r -> r.names("shop")));
        }
        JsonNode log = admin.get("/_sim/calls/log").body();
        JsonNode calls = log.get("calls");
        assertEquals(2, calls.size(), log.toString());
        JsonNode first = calls.get(0);
        JsonNode second = calls.get(1);
        assertEquals(1, first.get("seq").asLong());
        assertEquals("AKIDEXAMPLE", first.get("accessKeyId").asText());
        assertEquals("us-east-1", first.get("region").asText());
        assertEquals("DescribeLoadBalancers", first.get("operation").asText());
        assertEquals("ok", first.get("outcome").asText());
        assertEquals("AKIDOTHER", second.get("accessKeyId").asText());
        assertEquals("eu-west-3", second.get("region").asText());
        assertEquals("LoadBalancerNotFound", second.get("outcome").asText(), "the shop exists in us-east-1 only");
        assertTrue(first.get("start").asLong() >= before - 1_000_000 && first.get("start").asLong() <= first.get("end").asLong()
                && first.get("end").asLong() <= second.get("start").asLong(), log.toString());
        assertEquals(2, log.get("next").asLong());

        JsonNode after = admin.get("/_sim/calls/log?since=1").body();
        assertEquals(1, after.get("calls").size());
        assertEquals("AKIDOTHER", after.get("calls").get(0).get("accessKeyId").asText());
        assertEquals(0, admin.get("/_sim/calls/log?since=2").body().get("calls").size());
        assertEquals(400, admin.get("/_sim/calls/log?since=two").status());
        admin.delete("/_sim/calls");
        assertEquals(0, admin.get("/_sim/calls/log").body().get("calls").size());
    }
}
