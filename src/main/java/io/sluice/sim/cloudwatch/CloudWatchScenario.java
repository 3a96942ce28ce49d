package io.sluice.sim.cloudwatch;

import io.sluice.sim.Caller;
import io.sluice.sim.ScenarioFields;
import io.sluice.sim.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code monitoring} section of a scenario (format in {@code SCENARIO.md}): metric
 * generators and alarms, each in its own {@code region} and {@code account} (us-east-1 and
 * 123456789012 by default). A {@code relativeTo} names another metric id of the same scope.
 */
final class CloudWatchScenario {
    /** The metric stores and alarms of every scope the section names. */
    record State(Map<Scope, MetricStore> stores, Map<Scope, Map<String, MetricAlarm>> alarms) {
    }

    private CloudWatchScenario() {
    }

    static State read(ScenarioFields section, Instant now) {
        Instant start = section.time("start", now).orElse(now);
        Duration history = section.duration("history", Duration.ofHours(3));
        Map<Scope, MetricStore> stores = new LinkedHashMap<>();
        Map<Scope, Map<String, MetricGenerator>> byId = new LinkedHashMap<>();
        List<ScenarioFields> metrics = section.mappings("metrics");
        List<MetricGenerator> all = new ArrayList<>();
        for (ScenarioFields m : metrics) {
            Scope scope = scope(m);
            MetricGenerator g = MetricGenerator.parse(m, start, start.minus(history));
            stores.computeIfAbsent(scope, r -> new MetricStore()).addGenerator(g, m.path());
            if (g.id().isPresent() && byId.computeIfAbsent(scope, r -> new LinkedHashMap<>())
                    .putIfAbsent(g.id().get(), g) != null) {
                throw m.problem("id", "repeats " + g.id().get());
            }
            all.add(g);
        }
        for (int i = 0; i < all.size(); i++) {
            MetricGenerator g = all.get(i);
            if (g.relativeToId().isPresent()) {
                MetricGenerator base = byId.getOrDefault(scope(metrics.get(i)), Map.of()).get(g.relativeToId().get());
                if (base == null || base == g) {
                    throw metrics.get(i).problem("relativeTo", "names no other metric id of its region and account: "
                            + g.relativeToId().get());
                }
                g.resolveRelativeTo(base);
            }
        }
        checkNoCycles(all, section);
        Map<Scope, Map<String, MetricAlarm>> alarms = new LinkedHashMap<>();
        for (ScenarioFields a : section.mappings("alarms")) {
            Scope scope = scope(a);
            MetricAlarm alarm = new MetricAlarm(a, now);
            if (alarms.computeIfAbsent(scope, r -> new LinkedHashMap<>()).putIfAbsent(alarm.name, alarm) != null) {
                throw a.problem("name", "repeats " + alarm.name);
            }
        }
        return new State(stores, alarms);
    }

    private static Scope scope(ScenarioFields f) {
        return Scope.named(f.string("account", Caller.DEFAULT_ACCOUNT), f.string("region", Scope.DEFAULT_REGION), f.path());
    }

    private static void checkNoCycles(List<MetricGenerator> all, ScenarioFields section) {
        for (MetricGenerator g : all) {
            Set<MetricGenerator> seen = new HashSet<>();
            for (MetricGenerator at = g; at != null; at = at.base().orElse(null)) {
                if (!seen.add(at)) {
                    throw section.problem("metrics", "relativeTo forms a cycle at " + g.key);
                }
            }
        }
    }
}
