package io.sluice.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.aws.alb.AlbTraffic;
import io.sluice.aws.route53.Route53Traffic;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentagesTest {

    @Test
    void everyWholePercentRoundTripsThroughAlbAndRoute53Weights() {
        for (int max : new int[] {AlbTraffic.MAX_WEIGHT, Route53Traffic.MAX_WEIGHT}) {
            for (int p = 0; p <= 100; p++) {
                int canary = Percentages.toWeight(p, max);
                Map<String, Long> weights = new LinkedHashMap<>();
                weights.put("stable", (long) (max - canary));
                weights.put("canary", (long) canary);
                assertEquals(p, Percentages.byRatio(weights).get("canary"), "p=" + p + " max=" + max);
            }
        }
        assertEquals(0, Percentages.toWeight(0, 999));
        assertEquals(999, Percentages.toWeight(100, 999));
    }

    @Test
    void relativeWeightsAreReadByRatioAndAddUpToOneHundred() {
        Map<String, Long> weights = new LinkedHashMap<>();
        weights.put("a", 10L);
        weights.put("b", 20L);
        assertEquals(Map.of("a", 33, "b", 67), Percentages.byRatio(weights));
        weights.put("c", 10L);
        assertEquals(100, Percentages.byRatio(weights).values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Map.of("a", 0), Percentages.byRatio(Map.of("a", 0L)));
    }
}
