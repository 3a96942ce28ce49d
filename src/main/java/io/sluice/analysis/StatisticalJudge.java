package io.sluice.analysis;

import io.sluice.analysis.judge.Direction;
import io.sluice.analysis.judge.Judge;
import io.sluice.analysis.judge.JudgeSpec;
import io.sluice.analysis.judge.Mode;
import io.sluice.analysis.judge.Verdict;
import io.sluice.model.Check;

/** Judge checks decided by {@link Judge}: the rollout file's judge block mapped to a {@link JudgeSpec}. */
final class StatisticalJudge implements JudgeStatistics {

    @Override
    public Judgement continuous(Check.Judge judge, double[] canary, double[] stable) {
        return of(Judge.continuous(spec(judge), canary, stable));
    }

    @Override
    public Judgement counts(Check.Judge judge, long canaryEvents, long canaryTrials, long stableEvents, long stableTrials) {
        return of(Judge.counts(spec(judge), canaryEvents, canaryTrials, stableEvents, stableTrials));
    }

    static JudgeSpec spec(Check.Judge judge) {
        Direction direction = switch (judge.direction()) {
            case INCREASE -> Direction.INCREASE;
            case DECREASE -> Direction.DECREASE;
            case EITHER -> Direction.EITHER;
        };
        Mode mode = switch (judge.mode()) {
            case SEQUENTIAL -> Mode.SEQUENTIAL;
            case FIXED -> Mode.FIXED;
        };
        return new JudgeSpec(direction, judge.minEffect(), judge.confidence(), mode, judge.failOnVarianceRise());
    }

    private static Judgement of(Verdict v) {
        Measurement.Judged.Outcome outcome = switch (v.outcome()) {
            case PASS -> Measurement.Judged.Outcome.PASS;
            case FAIL -> Measurement.Judged.Outcome.FAIL;
            case INCONCLUSIVE -> Measurement.Judged.Outcome.INCONCLUSIVE;
        };
        return new Judgement(outcome, v.test(), v.statistic(), v.pValue(), v.eValue(), v.effect(), v.varianceRise(),
                v.summary());
    }
}
