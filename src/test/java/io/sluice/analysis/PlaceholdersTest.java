package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.fixtures.ShopBlueGreen;
import io.sluice.model.Rollout;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {{version}} is the id measured; {{targetGroup}} the group of the side it runs on. */
class PlaceholdersTest {
    static final Rollout SHOP = AnalysisSim.rollout(ShopBlueGreen.rollout(
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/0123456789abcdef/0123456789abcdef",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/0123456789abcdef",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/0123456789abcdef", "shop:8", """
              strategy:
                steps:
                  - setWeight: 10
                  - setWeight: 100
            """));

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
