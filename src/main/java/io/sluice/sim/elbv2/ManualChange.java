package io.sluice.sim.elbv2;

import io.sluice.sim.ScenarioFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A listener or rule changed by hand, as a person in the console would: the same checks as
 * ModifyListener / ModifyRule, addressed by load balancer name and port (and rule priority) or by ARN.
 */
final class ManualChange {
    private ManualChange() {
    }

    static void apply(ScenarioFields change, Map<String, RegionState> regions, Instant now) {
        change.only("region", "modifyListener", "modifyRule");
        String regionName = change.string("region", "us-east-1");
        RegionState region = regions.computeIfAbsent(regionName, r -> new RegionState());
        if (change.has("modifyListener")) {
            ScenarioFields f = change.mapping("modifyListener").only("listenerArn", "loadBalancer", "port",
                    "defaultActions");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("ListenerArn", listenerArn(f, regionName));
            request.put("DefaultActions", f.list("defaultActions"));
            ListenerOperations.modifyListener(region, Elbv2Scenario.formOf("", request, region), now);
        }
        if (change.has("modifyRule")) {
            ScenarioFields f = change.mapping("modifyRule").only("ruleArn", "loadBalancer", "port", "priority",
                    "actions", "conditions");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("RuleArn", f.optionalString("ruleArn").orElseGet(
                    () -> Arns.rule(listenerArn(f, regionName), f.string("priority"))));
            if (f.has("actions")) {
                request.put("Actions", f.list("actions"));
            }
            if (f.has("conditions")) {
                request.put("Conditions", f.list("conditions"));
            }
            ListenerOperations.modifyRule(region, Elbv2Scenario.formOf("", request, region), now);
        }
    }

    private static String listenerArn(ScenarioFields f, String region) {
        return f.optionalString("listenerArn").orElseGet(
                () -> Arns.listener(Arns.loadBalancer(region, f.string("loadBalancer")), f.integer("port", 80)));
    }
}
