package io.sluice.aws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our weights are percents; AWS's are relative integers (ALB 0..999, Route 53 0..255) or fractions
 * (Lambda). These conversions are exact at 0 and 100 and round-trip every whole percent.
 */
public final class Percentages {
    private Percentages() {
    }

    /** The AWS weight of {@code percent} on a scale of {@code max} (e.g. 10% of 999 = 100). */
    public static int toWeight(int percent, int max) {
        return (int) Math.round(percent * (double) max / 100.0);
    }

    /**
     * Shares of the total in whole percents that add up to exactly 100 (largest remainder), in the
     * map's order; all zero gives all zero.
     */
    public static Map<String, Integer> byRatio(Map<String, Long> amounts) {
        long total = amounts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Integer> out = new LinkedHashMap<>();
        if (total <= 0) {
            amounts.keySet().forEach(k -> out.put(k, 0));
            return out;
        }
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        int given = 0;
        for (Map.Entry<String, Long> e : amounts.entrySet()) {
            double exact = e.getValue() * 100.0 / total;
            int floor = (int) Math.floor(exact);
            out.put(e.getKey(), floor);
            given += floor;
            remainders.add(Map.entry(e.getKey(), exact - floor));
        }
        remainders.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        for (int i = 0; i < 100 - given; i++) {
            out.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return out;
    }
}
