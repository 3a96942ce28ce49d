package io.sluice.model.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The human-readable YAML form of a {@link RolloutStatus}: fixed key order, one line per side,
 * check and history entry, so that Git diffs read well. {@link StatusYamlReader} reads it back;
 * write(read(text)) gives the same bytes for any text this class wrote.
 */
public final class StatusYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/@+-]*(:[A-Za-z0-9._/@+-]+)*");
    private static final Pattern LOOKS_TYPED = Pattern.compile(
            "(?i)true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\\.(inf|nan)"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|[0-9:]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9]+\\.[0-9]+\\.[0-9.]+");

    private StatusYaml() {
    }

    public static String write(RolloutStatus s) {
        StringBuilder b = new StringBuilder(512);
        line(b, "rollout", text(s.rollout()));
        s.observedCommit().ifPresent(c -> line(b, "observedCommit", text(c)));
        if (s.retry() > 0) {
            line(b, "retry", Integer.toString(s.retry()));
        }
        line(b, "phase", s.phase().name());
        s.step().ifPresent(p -> line(b, "step", p.toString()));
        s.stable().ifPresent(side -> line(b, "stable", side(side)));
        s.canary().ifPresent(side -> line(b, "canary", side(side)));
        s.stepStartedAt().ifPresent(t -> line(b, "stepStartedAt", instant(t)));
        s.pausedUntil().ifPresent(t -> line(b, "pausedUntil", instant(t)));
        s.lastTransition().ifPresent(t -> line(b, "lastTransition", instant(t)));
        if (!s.checks().isEmpty()) {
            b.append("checks:\n");
            for (RolloutStatus.CheckStatus c : s.checks()) {
                b.append("  - { name: ").append(text(c.name()));
                c.value().ifPresent(v -> b.append(", value: ").append(number(v)));
                b.append(", result: ").append(c.result().name()).append(", at: ").append(instant(c.at()));
                if (c.consecutiveFailures() > 0) {
                    b.append(", failures: ").append(c.consecutiveFailures());
                }
                if (c.consecutiveErrors() > 0) {
                    b.append(", errors: ").append(c.consecutiveErrors());
                }
                if (c.consecutiveNoData() > 0) {
                    b.append(", noData: ").append(c.consecutiveNoData());
                }
                c.samples().ifPresent(n -> b.append(", samples: ").append(n));
                c.count().ifPresent(n -> b.append(", count: ").append(n));
                if (c.dryRun()) {
                    b.append(", dryRun: true");
                }
                c.judge().ifPresent(j -> b.append(", judge: { test: ").append(text(j.test()))
                        .append(", statistic: ").append(anyNumber(j.statistic()))
                        .append(", pValue: ").append(anyNumber(j.pValue()))
                        .append(", eValue: ").append(anyNumber(j.eValue()))
                        .append(", effect: ").append(anyNumber(j.effect()))
                        .append(", varianceRise: ").append(j.varianceRise()).append(" }"));
                c.detail().ifPresent(d -> b.append(", detail: ").append(quoted(d)));
                b.append(" }\n");
            }
        }
        line(b, "message", quoted(s.message()));
        if (!s.conditions().isEmpty()) {
            b.append("conditions:\n");
            for (Condition c : s.conditions()) {
                b.append("  - { type: ").append(c.type().name()).append(", status: ").append(c.status())
                        .append(", reason: ").append(c.reason().name()).append(", message: ").append(quoted(c.message()))
                        .append(", since: ").append(instant(c.since())).append(" }\n");
            }
        }
        if (!s.history().isEmpty()) {
            b.append("history:\n");
            for (RolloutStatus.HistoryEntry h : s.history()) {
                b.append("  - { at: ").append(instant(h.at())).append(", event: ").append(text(h.event()));
                optional(b, "from", h.from());
                optional(b, "to", h.to());
                optional(b, "commit", h.commit());
                h.cause().ifPresent(c -> b.append(", cause: ").append(c.name()));
                h.reason().ifPresent(r -> b.append(", reason: ").append(quoted(r)));
                b.append(" }\n");
            }
        }
        return b.toString();
    }

    private static void optional(StringBuilder b, String key, Optional<String> value) {
        value.ifPresent(v -> b.append(", ").append(key).append(": ").append(text(v)));
    }

    private static String side(RolloutStatus.Side side) {
        return "{ name: " + text(side.name()) + ", version: " + text(side.version()) + ", weight: "
                + number(side.weight()) + side.live().map(l -> ", live: " + number(l)).orElse("") + " }";
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(key).append(": ").append(value).append('\n');
    }

    static String instant(Instant t) {
        return t.toString();
    }

    /** Shortest decimal that reads back as the same double: 0.0004, 50, 12.5. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** A number that may be infinite or NaN (statistics can be): written as Java reads it back. */
    static String anyNumber(double v) {
        return Double.isFinite(v) ? number(v) : Double.toString(v);
    }

    /** Plain when it reads back as the same text, double-quoted otherwise. */
    static String text(String v) {
        return PLAIN.matcher(v).matches() && !LOOKS_TYPED.matcher(v).matches() ? v : quoted(v);
    }

    static String quoted(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
