package io.sluice.cli;

import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import io.sluice.reconcile.RolloutBoard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live terminal view of {@code simulate}: one line per rollout (phase, step, a weights bar,
 * check values) printed when something changed, and one line per new history event.
 */
final class ProgressView {
    static final int BAR = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Map<String, String> lastLine = new HashMap<>();
    private final Map<String, Instant> lastEvent = new HashMap<>();

    /** The lines to print for this picture: events first, then the rollouts whose line changed. */
    List<String> update(RolloutBoard.Picture picture, Instant simulatedNow) {
        List<String> out = new ArrayList<>();
        for (RolloutBoard.Entry e : picture.entries()) {
            String name = e.name();
            Instant seen = lastEvent.getOrDefault(name, Instant.MIN);
            List<HistoryEntry> fresh = new ArrayList<>();
            for (HistoryEntry h : e.status().history()) {
                if (!h.at().isAfter(seen)) {
                    break;
                }
                fresh.add(0, h);
            }
            for (HistoryEntry h : fresh) {
                out.add(TIME.format(h.at()) + "  " + pad(name, 24) + " " + event(h));
            }
            if (!e.status().history().isEmpty()) {
                lastEvent.put(name, e.status().history().get(0).at());
            }
            // printed when something a person follows changed: not for every new measured value
            String key = e.status().phase() + " " + e.status().step() + " " + e.status().canary() + " "
                    + e.status().checks().stream().map(c -> c.name() + c.result()).toList() + " " + e.desiredProblem();
            if (!key.equals(lastLine.get(name))) {
                lastLine.put(name, key);
                out.add(TIME.format(simulatedNow) + "  " + line(e));
            }
        }
        return out;
    }

    static String line(RolloutBoard.Entry e) {
        RolloutStatus s = e.status();
        String step = s.step().map(Object::toString).orElse("-");
        return pad(e.name(), 24) + " " + pad(s.phase().name(), 11) + " " + pad(step, 5) + " " + bar(s)
                + "  " + checks(s.checks()) + (e.desiredProblem().map(p -> "  [file broken: " + p + "]").orElse(""))
                + (s.phase() == Phase.RolledBack || s.phase() == Phase.Degraded || s.phase() == Phase.Paused
                ? "  " + s.message() : "");
    }

    static String bar(RolloutStatus s) {
        if (s.canary().isEmpty()) {
            return s.stable().map(st -> pad("[" + "=".repeat(BAR) + "] " + st.name() + " 100%", BAR + 30)).orElse(pad("", BAR + 30));
        }
        int canary = (int) Math.round(s.canary().get().serving());
        int filled = Math.round(canary * BAR / 100f);
        String stable = s.stable().map(RolloutStatus.Side::name).orElse("?");
        return pad(stable + " [" + "=".repeat(BAR - filled) + "#".repeat(filled) + "] " + canary + "% "
                + s.canary().get().name(), BAR + 30);
    }

    static String checks(List<CheckStatus> checks) {
        List<String> parts = new ArrayList<>();
        for (CheckStatus c : checks) {
            parts.add(c.name() + " " + c.value().map(ProgressView::number).orElse("-") + " " + c.result());
        }
        return String.join(", ", parts);
    }

    private static String event(HistoryEntry h) {
        return h.event() + h.from().map(f -> " " + f).orElse("") + h.to().map(t -> " -> " + t).orElse("")
                + h.reason().map(r -> ": " + r).orElse("");
    }

    static String number(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
