package io.sluice.plan;

import io.sluice.traffic.Split;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code expected-decision.yaml} of a golden planner case: the kind of decision and each of its
 * fields other than the status, plus whether the loop would measure checks in this pass.
 *
 * <pre>
 * decision: RollBack                                       # ShiftWeights, DeployRevision, RollBack, Hold, AwaitApproval, NoChange
 * split: { stable: blue, canary: green, canaryPercent: 0 } # ShiftWeights, RollBack
 * side: green                                              # DeployRevision
 * revision: "shop:8"                                       # DeployRevision
 * step: 4                                                  # AwaitApproval
 * reason: "five-xx-rate 0.04 above 0.01 (2 of 2)"          # RollBack
 * recheckAt: 2026-11-24T10:00:05Z                          # when the decision asks to look again (absent: no time)
 * analysisDue: false                                       # Planner.analysisDue for the same rollout, last status and now
 * </pre>
 *
 * Both the expected file and the planner's decision are written in this order and form, so that
 * they compare as text.
 */
final class DecisionYaml {
    private static final List<String> ORDER = List.of("decision", "split", "side", "revision", "step", "reason",
            "recheckAt", "analysisDue");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "ShiftWeights", Set.of("split"),
            "DeployRevision", Set.of("side", "revision"),
            "RollBack", Set.of("split", "reason"),
            "Hold", Set.of(),
            "AwaitApproval", Set.of("step"),
            "NoChange", Set.of());
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Set<String> TYPED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    private DecisionYaml() {
    }

    static String write(Decision d, boolean analysisDue) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("decision", d.getClass().getSimpleName());
        if (d instanceof Decision.ShiftWeights s) {
            out.put("split", split(s.split()));
        } else if (d instanceof Decision.DeployRevision r) {
            out.put("side", text(r.side()));
            out.put("revision", text(r.revision()));
        } else if (d instanceof Decision.RollBack r) {
            out.put("split", split(r.split()));
            out.put("reason", text(r.reason()));
        } else if (d instanceof Decision.AwaitApproval a) {
            out.put("step", Integer.toString(a.step()));
        }
        d.recheckAt().ifPresent(t -> out.put("recheckAt", t.toString()));
        out.put("analysisDue", Boolean.toString(analysisDue));
        return render(out);
    }

    /** The expected file in the form {@link #write} gives, after checking its fields. */
    static String normalize(String text, String file) {
        CaseYaml.Mapping m = CaseYaml.read(text, file);
        String kind = m.required("decision");
        Set<String> fields = FIELDS.get(kind);
        if (fields == null) {
            throw m.fail("decision", "unknown decision '" + kind + "', expected one of " + FIELDS.keySet());
        }
        Set<String> allowed = new java.util.HashSet<>(fields);
        allowed.addAll(Set.of("decision", "recheckAt", "analysisDue"));
        m.only(allowed);
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : ORDER) {
            if (!m.has(key)) {
                if (fields.contains(key) || key.equals("analysisDue")) {
                    throw m.fail(key, "is required for " + kind);
                }
                continue;
            }
            out.put(key, switch (key) {
                case "split" -> {
                    CaseYaml.Mapping s = m.mapping("split").orElseThrow().only(Set.of("stable", "canary", "canaryPercent"));
                    yield split(new Split(s.required("stable"), s.required("canary"), s.integer("canaryPercent")));
                }
                case "step" -> Integer.toString(m.integer("step"));
                case "recheckAt" -> instant(m, "recheckAt");
                case "analysisDue" -> Boolean.toString(m.bool("analysisDue", false));
                case "decision" -> kind;
                default -> text(m.required(key));
            });
        }
        return render(out);
    }

    private static String instant(CaseYaml.Mapping m, String key) {
        String v = m.required(key);
        try {
            return Instant.parse(v).toString();
        } catch (DateTimeParseException e) {
            throw m.fail(key, "expected an instant such as 2026-11-24T10:00:05Z, got '" + v + "'");
        }
    }

    private static String split(Split s) {
        return "{ stable: " + text(s.stable()) + ", canary: " + text(s.canary()) + ", canaryPercent: "
                + s.canaryPercent() + " }";
    }

    private static String render(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    static String text(String v) {
        if (PLAIN.matcher(v).matches() && !TYPED.contains(v.toLowerCase(java.util.Locale.ROOT))) {
            return v;
        }
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
