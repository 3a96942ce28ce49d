package io.sluice.analysis;

import io.sluice.model.Check;
import io.sluice.model.status.RolloutStatus.JudgeResult;
import java.util.Optional;

/** The statistics judge checks run on, and how a judgement becomes a measurement. */
final class JudgeStatisticsFactory {
    private JudgeStatisticsFactory() {
    }

    /** Until the statistics package is part of the build, a judge check is a provider error that says so. */
    static final JudgeStatistics UNAVAILABLE = new JudgeStatistics() {
        @Override
        public Judgement continuous(Check.Judge judge, double[] canary, double[] stable) {
            throw new UnsupportedOperationException("this build has no judge statistics");
        }

        @Override
        public Judgement counts(Check.Judge judge, long canaryEvents, long canaryTrials, long stableEvents,
                                long stableTrials) {
            throw new UnsupportedOperationException("this build has no judge statistics");
        }
    };

    static JudgeStatistics standard() {
        return UNAVAILABLE;
    }

    static Measurement measured(double value, JudgeStatistics.Judgement j, Optional<Integer> samples, Optional<Long> count) {
        return new Measurement.Judged(value, j.outcome(), new JudgeResult(j.test(), j.statistic(), j.pValue(), j.eValue(),
                j.effect(), j.varianceRise()), j.summary(), samples, count);
    }
}
