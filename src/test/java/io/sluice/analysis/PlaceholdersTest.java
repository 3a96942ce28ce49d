package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.model.Rollout;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {{version}} is the id measured; {{targetGroup}} the group of the side it runs on. */
class PlaceholdersTest {
    static final Rollout SHOP = AnalysisSim.rollout("""
            apiVersion: sluice.io/v1alpha1
            kind: Rollout
            metadata:
              name: shop
            spec:
              target:
                ecs:
                  cluster: prod
                  services: {blue: shop-blue, green: shop-green}
                  alb:
                    listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef/0123456789abcdef
                    targetGroups:
                      blue: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/0123456789abcdef
                      green: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/0123456789abcdef
              taskDefinition: shop:8
              strategy:
                steps:
                  - setWeight: 10
                  - setWeight: 100
            """);

    @Test
    void ecsBlueGreenFillsTheTargetGroupOfTheServiceRunningTheRevision() {
        Placeholders.Result filled = Placeholders.fill("{{targetGroup}} {{version}}", SHOP, "shop:8", "green");
        assertEquals(Optional.of("targetgroup/shop-green/0123456789abcdef shop:8"), filled.value());
    }

    @Test
    void anIdThatRunsOnNoSideSaysSo() {
        Placeholders.Result filled = Placeholders.fill("{{targetGroup}}", SHOP, "shop:8", "shop:8");
        assertEquals(Optional.empty(), filled.value());
        assertEquals("{{targetGroup}}: 'shop:8' is not one of the target group sides blue, green", filled.problem());
    }
}
