package io.sluice.api;

import io.sluice.model.Check;
import io.sluice.model.Durations;
import io.sluice.model.Rollout;
import io.sluice.model.Step;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.HistoryEntry;
import io.sluice.reconcile.RolloutBoard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the API's views from the rollout board; pure, so it is tested without HTTP. */
public final class RolloutViews {
    private RolloutViews() {
    }

    public static List<RolloutView> list(RolloutBoard.Picture picture) {
        return picture.entries().stream().map(e -> summary(e, picture)).toList();
    }

    public static Optional<RolloutView.Detail> detail(RolloutBoard.Picture picture, String name) {
        return picture.entry(name).map(e -> new RolloutView.Detail(summary(e, picture), e.status().history(),
                e.rollout().map(r -> steps(r, e.status())).orElse(List.of())));
    }

    static RolloutView summary(RolloutBoard.Entry e, RolloutBoard.Picture picture) {
        Optional<Rollout> r = e.rollout();
        RolloutStatus s = e.status();
        List<HistoryEntry> history = s.history();
        return new RolloutView(e.name(), e.source(), r.map(x -> x.target().kind().key()).orElse("unknown"),
                r.map(Rollout::desiredVersion).orElse(""), s.phase(), s.reason(), s.step(),
                s.stable(), s.canary(), s.message(), s.stepStartedAt(), s.pausedUntil(), s.lastTransition(),
                r.map(x -> checks(x, s)).orElse(List.of()), e.desiredProblem(), e.actionFailure(), s.observedCommit(),
                picture.commit(), history.stream().filter(h -> h.event().equals("rollback")).findFirst(),
                history.subList(0, Math.min(RolloutView.RECENT_HISTORY, history.size())), s.conditions());
    }

    /** The rollout's checks in its order, each with its last measurement; measured checks it no longer has last. */
    static List<RolloutView.CheckView> checks(Rollout r, RolloutStatus s) {
        List<RolloutView.CheckView> out = new ArrayList<>();
        List<Check> defined = r.analysis().map(a -> a.checks()).orElse(List.of());
        for (Check c : defined) {
            Optional<CheckStatus> m = s.checks().stream().filter(x -> x.name().equals(c.name())).findFirst();
            out.add(new RolloutView.CheckView(c.name(), kind(c.source()), m.flatMap(CheckStatus::value),
                    m.map(CheckStatus::result), m.map(CheckStatus::at),
                    m.map(CheckStatus::consecutiveFailures).orElse(0), m.map(CheckStatus::consecutiveErrors).orElse(0),
                    m.map(CheckStatus::consecutiveNoData).orElse(0),
                    c.failIf().map(t -> new RolloutView.Bounds(t.above(), t.below())), c.maxRatioToStable(),
                    c.failuresToAbort(), rule(c), c.dryRun(), m.flatMap(CheckStatus::detail), m.flatMap(CheckStatus::samples),
                    m.flatMap(CheckStatus::count), c.judge().map(j -> new RolloutView.JudgeView(lower(j.direction()),
                    j.minEffect(), j.confidence(), lower(j.mode()), j.failOnVarianceRise(),
                    m.flatMap(CheckStatus::judge)))));
        }
        for (CheckStatus m : s.checks()) {
            if (defined.stream().noneMatch(c -> c.name().equals(m.name()))) {
                out.add(new RolloutView.CheckView(m.name(), "unknown", m.value(), Optional.of(m.result()),
                        Optional.of(m.at()), m.consecutiveFailures(), m.consecutiveErrors(), m.consecutiveNoData(),
                        Optional.empty(), Optional.empty(), 0, "no longer in the rollout file", m.dryRun(), m.detail(),
                        m.samples(), m.count(), Optional.empty()));
            }
        }
        return out;
    }

    static List<RolloutView.StepView> steps(Rollout r, RolloutStatus s) {
        int current = s.step().map(RolloutStatus.StepProgress::index).orElse(0);
        List<Step> steps = r.strategy().steps();
        List<RolloutView.StepView> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String kind;
            String text;
            if (step instanceof Step.SetWeight w) {
                kind = "setWeight";
                text = "setWeight " + w.percent();
            } else if (step instanceof Step.Pause p) {
                kind = "pause";
                text = p.duration().map(d -> "pause " + Durations.format(d)).orElse("pause until approved in Git");
            } else {
                Step.Analysis a = (Step.Analysis) step;
                kind = "analysis";
                text = "analysis " + Durations.format(a.duration())
                        + (a.checks().isEmpty() ? "" : " (" + String.join(", ", a.checks()) + ")");
            }
            out.add(new RolloutView.StepView(i + 1, kind, text, i + 1 == current));
        }
        return out;
    }

    static String kind(Check.Source source) {
        return source.kind().key();
    }

    /** The rule a check is held to, in words. */
    static String rule(Check c) {
        List<String> parts = new ArrayList<>();
        if (c.source() instanceof Check.Alarms a) {
            parts.add("fails while " + String.join(", ", a.names()) + " is in ALARM");
        } else if (c.source() instanceof Check.TargetHealth th) {
            parts.add("fails below " + th.minHealthyPercent() + "% healthy");
        } else if (c.source() instanceof Check.Http h) {
            parts.add("fails unless HTTP " + h.expectStatus());
        }
        c.failIf().ifPresent(t -> {
            t.above().ifPresent(a -> parts.add("fails above " + number(a)));
            t.below().ifPresent(b -> parts.add("fails below " + number(b)));
        });
        c.maxRatioToStable().ifPresent(m -> parts.add("fails above " + number(m) + "x stable"));
        c.judge().ifPresent(j -> parts.add("fails when the canary is significantly "
                + switch (j.direction()) {
                    case INCREASE -> "higher";
                    case DECREASE -> "lower";
                    case EITHER -> "different";
                } + " than stable by " + number(j.minEffect() * 100) + "% or more at " + number(j.confidence() * 100)
                + "% confidence (" + lower(j.mode()) + (j.failOnVarianceRise() ? ", or wider" : "") + ")"));
        String rule = parts.isEmpty() ? "no threshold" : String.join(", ", parts);
        rule = c.failuresToAbort() > 1 ? rule + ", " + c.failuresToAbort() + " in a row" : rule;
        return c.dryRun() ? "dry run: " + rule + " (reported only)" : rule;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
