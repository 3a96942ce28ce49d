package io.sluice.analysis;

import io.sluice.model.status.RolloutStatus.JudgeResult;
import java.util.Optional;

/** The statistics judge checks run on, and how a judgement becomes a measurement. */
final class JudgeStatisticsFactory {
    private JudgeStatisticsFactory() {
    }

    /** The statistics of {@code io.sluice.analysis.judge}. */
    static JudgeStatistics standard() {
        return new StatisticalJudge();
    }

    static Measurement measured(double value, JudgeStatistics.Judgement j, Optional<Integer> samples, Optional<Long> count) {
        return new Measurement.Judged(value, j.outcome(), new JudgeResult(j.test(), j.statistic(), j.pValue(), j.eValue(),
                j.effect(), j.varianceRise()), j.summary(), samples, count);
    }
}
