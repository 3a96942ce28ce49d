package io.sluice.sim.elbv2;

import io.sluice.sim.Arn;
import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A listener or rule changed by hand, as a person in the console would: the same checks as
 * ModifyListener / ModifyRule, addressed by load balancer name and port (and rule priority) or by ARN.
 */
final class ManualChange {
    private ManualChange() {
    }

    /**
     * Applies the change in its {@code region} and {@code account}: as given, else those of the ARN it
     * names, else us-east-1 and 123456789012.
     */
    static void apply(ScenarioFields change, Map<Scope, RegionState> regions, Instant now) {
        change.only("region", "account", "modifyListener", "modifyRule");
        Optional<Arn> named = Optional.<Object>empty()
                .or(() -> Optional.ofNullable(change.mapping("modifyListener").raw("listenerArn")))
                .or(() -> Optional.ofNullable(change.mapping("modifyRule").raw("ruleArn")))
                .flatMap(a -> Arn.parse(String.valueOf(a)));
        Scope scope = Scope.named(change.string("account", named.map(Arn::account).orElse(Caller.DEFAULT_ACCOUNT)),
                change.string("region", named.map(Arn::region).orElse(Scope.DEFAULT_REGION)), change.path());
        RegionState region = regions.computeIfAbsent(scope, RegionState::new);
        if (change.has("modifyListener")) {
            ScenarioFields f = change.mapping("modifyListener").only("listenerArn", "loadBalancer", "port",
                    "defaultActions");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("ListenerArn", listenerArn(f, scope));
            request.put("DefaultActions", f.list("defaultActions"));
            ListenerOperations.modifyListener(region, Elbv2Scenario.formOf("", request, region), now);
        }
        if (change.has("modifyRule")) {
            ScenarioFields f = change.mapping("modifyRule").only("ruleArn", "loadBalancer", "port", "priority",
                    "actions", "conditions");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("RuleArn", f.optionalString("ruleArn").orElseGet(
                    () -> Arns.rule(listenerArn(f, scope), f.string("priority"))));
            if (f.has("actions")) {
                request.put("Actions", f.list("actions"));
            }
            if (f.has("conditions")) {
                request.put("Conditions", f.list("conditions"));
            }
            ListenerOperations.modifyRule(region, Elbv2Scenario.formOf("", request, region), now);
        }
    }

    private static String listenerArn(ScenarioFields f, Scope scope) {
        return f.optionalString("listenerArn").orElseGet(
                () -> Arns.listener(Arns.loadBalancer(scope, f.string("loadBalancer")), f.integer("port", 80)));
    }
}
