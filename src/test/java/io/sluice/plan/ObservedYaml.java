package io.sluice.plan;

import io.sluice.traffic.Observed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code observed.yaml} of a golden planner case, what the target reports in this pass:
 *
 * <pre>
 * weights: { blue: 90, green: 10 }     # percent per version id (required)
 * versions: { "shop:7": blue }         # the version each id runs (optional)
 * trafficSides: { "shop:7": blue }     # ECS blue/green: the side each id runs on (optional)
 * settlement: settled                  # or { inProgress: "..." } or { failed: "..." }
 * readiness: ready                     # or { notReady: "..." } or { notDeployed: { idleSide: green, reason: "..." } }
 * </pre>
 */
final class ObservedYaml {
    private ObservedYaml() {
    }

    static Observed read(String text, String file) {
        CaseYaml.Mapping m = CaseYaml.read(text, file)
                .only(Set.of("weights", "versions", "trafficSides", "settlement", "readiness"));
        Map<String, Integer> weights = new LinkedHashMap<>();
        CaseYaml.Mapping w = m.mapping("weights").orElseThrow(() -> m.fail("weights", "is required"));
        for (String id : w.nodes().keySet()) {
            weights.put(id, w.integer(id));
        }
        Map<String, String> versions = m.mapping("versions").map(CaseYaml.Mapping::texts).orElse(Map.of());
        Map<String, String> sides = m.mapping("trafficSides").map(CaseYaml.Mapping::texts).orElse(Map.of());
        return new Observed(weights, versions, settlement(m), readiness(m), sides);
    }

    private static Observed.Settlement settlement(CaseYaml.Mapping m) {
        if (m.node("settlement") instanceof ScalarNode s) {
            if (s.getValue().equals("settled")) {
                return Observed.SETTLED;
            }
            throw m.fail("settlement", "expected settled, { inProgress: ... } or { failed: ... }");
        }
        CaseYaml.Mapping s = m.mapping("settlement").orElseThrow(() -> m.fail("settlement", "is required"));
        s.only(Set.of("inProgress", "failed"));
        if (s.nodes().size() != 1) {
            throw m.fail("settlement", "expected exactly one of inProgress, failed");
        }
        return s.has("inProgress") ? new Observed.InProgress(s.required("inProgress"))
                : new Observed.Failed(s.required("failed"));
    }

    private static Observed.Readiness readiness(CaseYaml.Mapping m) {
        if (m.node("readiness") instanceof ScalarNode s) {
            if (s.getValue().equals("ready")) {
                return Observed.READY;
            }
            throw m.fail("readiness", "expected ready, { notReady: ... } or { notDeployed: ... }");
        }
        CaseYaml.Mapping r = m.mapping("readiness").orElseThrow(() -> m.fail("readiness", "is required"));
        r.only(Set.of("notReady", "notDeployed"));
        if (r.nodes().size() != 1) {
            throw m.fail("readiness", "expected exactly one of notReady, notDeployed");
        }
        if (r.has("notReady")) {
            return new Observed.NotReady(r.required("notReady"));
        }
        CaseYaml.Mapping d = r.mapping("notDeployed").orElseThrow().only(Set.of("idleSide", "reason"));
        return new Observed.NotDeployed(d.required("idleSide"), d.required("reason"));
    }
}
