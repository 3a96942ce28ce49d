package io.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.analysis.Backtest;
import io.sluice.model.Durations;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** What {@code sluice backtest} prints: lines for people, or one JSON document (shape in the README). */
final class BacktestReport {
    /** Failures listed per check in the text; JSON lists them all. */
    static final int TEXT_FAILURES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BacktestReport() {
    }

    static void text(Backtest.Outcome o, PrintWriter out) {
        List<Backtest.CheckReplay> replayed = o.checks().stream().filter(Backtest.CheckReplay::replayed).toList();
        List<Backtest.CheckReplay> skipped = o.checks().stream().filter(c -> !c.replayed()).toList();
        out.printf("%s (%s): %d of %d checks replayed every %s from %s to %s; canary %s, stable %s%n",
                o.subject().rollout().name(), o.subject().rollout().source(), replayed.size(), o.checks().size(),
                Durations.format(o.interval()), o.from(), o.to(), o.subject().canaryId(),
                o.subject().stableId().isEmpty() ? "not named" : o.subject().stableId());
        if (!skipped.isEmpty()) {
            out.println("not replayed (they read live state only): " + String.join(", ", skipped.stream()
                    .map(c -> c.check().name() + " (" + c.check().source().kind().key() + ")").toList()));
        }
        for (Backtest.CheckReplay c : replayed) {
            out.printf("%s: %d measurements: %d pass, %d fail, %d inconclusive, %d errors%s%n", c.check().name(),
                    c.measurements(), c.passed(), c.failed(), c.inconclusive(), c.errors(),
                    c.lastError().map(e -> " (last error: " + e + ")").orElse(""));
            failures(c, out);
        }
        o.held().ifPresent(h -> out.printf("held at %s: check %s %s; provider errors are never counted as failures%n",
                h.at(), h.check(), h.reason()));
        if (o.rollback().isEmpty()) {
            out.printf("no rollback: no check failed its 'for' count in a row from %s to %s%n", o.from(), o.to());
        } else if (o.automaticRollback()) {
            out.printf("rolled back at %s: %s%n", o.rollback().get().at(), o.rollback().get().reason());
        } else {
            out.printf("check failed at %s: %s; rollback.automatic is false, so the rollout would have held for a person%n",
                    o.rollback().get().at(), o.rollback().get().reason());
        }
    }

    /**
     * Each failure up to the check's {@code for} count in a row; a run that goes on past it is one line,
     * since every further failure only repeats that the check still fails.
     */
    private static void failures(Backtest.CheckReplay c, PrintWriter out) {
        List<Backtest.Failure> all = c.failures();
        int lines = 0;
        for (int i = 0; i < all.size(); i++, lines++) {
            if (lines == TEXT_FAILURES) {
                out.printf("  ... (--json lists every failure)%n");
                return;
            }
            Backtest.Failure f = all.get(i);
            if (f.consecutive() <= c.check().failuresToAbort()) {
                out.printf("  %s  fail  %s%n", f.at(), f.description());
                continue;
            }
            int last = i;
            while (last + 1 < all.size() && all.get(last + 1).consecutive() == all.get(last).consecutive() + 1) {
                last++;
            }
            out.printf("  %s .. %s  still failing, %d more in a row%n", f.at(), all.get(last).at(), last - i + 1);
            i = last;
        }
    }

    static String json(Backtest.Outcome o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("rollout", o.subject().rollout().name());
        root.put("file", o.subject().rollout().source());
        root.put("from", o.from().toString());
        root.put("to", o.to().toString());
        root.put("interval", Durations.format(o.interval()));
        root.put("canary", o.subject().canaryId());
        if (o.subject().stableId().isEmpty()) {
            root.putNull("stable");
        } else {
            root.put("stable", o.subject().stableId());
        }
        ArrayNode checks = root.putArray("checks");
        for (Backtest.CheckReplay c : o.checks()) {
            ObjectNode check = checks.addObject();
            check.put("name", c.check().name());
            check.put("kind", c.check().source().kind().key());
            check.put("replayed", c.replayed());
            if (!c.replayed()) {
                continue;
            }
            check.put("for", c.check().failuresToAbort());
            check.put("measurements", c.measurements());
            check.put("pass", c.passed());
            check.put("fail", c.failed());
            check.put("inconclusive", c.inconclusive());
            check.put("error", c.errors());
            optional(check, "lastError", c.lastError());
            ArrayNode failures = check.putArray("failures");
            for (Backtest.Failure f : c.failures()) {
                ObjectNode failure = failures.addObject();
                failure.put("at", f.at().toString());
                if (f.value().isPresent() && Double.isFinite(f.value().get())) {
                    failure.put("value", f.value().get());
                } else {
                    failure.putNull("value");
                }
                failure.put("consecutive", f.consecutive());
                failure.put("message", f.description());
            }
        }
        stop(root, "rollback", o.rollback());
        if (o.rollback().isPresent()) {
            ((ObjectNode) root.get("rollback")).put("automatic", o.automaticRollback());
        }
        stop(root, "held", o.held());
        optional(root, "unmeasurable", o.unmeasurable());
        return root.toPrettyString();
    }

    private static void stop(ObjectNode root, String field, Optional<Backtest.Stop> stop) {
        if (stop.isEmpty()) {
            root.putNull(field);
            return;
        }
        ObjectNode s = root.putObject(field);
        s.put("at", stop.get().at().toString());
        s.put("check", stop.get().check());
        s.put("message", stop.get().reason());
    }

    private static void optional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
