package io.sluice.analysis;

import io.sluice.model.Check;
import io.sluice.model.Rollout;

/** One check of one rollout that is measured in this pass. */
record DueCheck(CheckRef ref, AnalysisRequest request, Check check) {

    /** Names a check across rollouts: rollout names are unique, check names unique per rollout. */
    record CheckRef(String rollout, String check) {
        @Override
        public String toString() {
            return rollout + "/" + check;
        }
    }

    static DueCheck of(AnalysisRequest request, Check check) {
        return new DueCheck(new CheckRef(request.rollout().name(), check.name()), request, check);
    }

    Rollout rollout() {
        return request.rollout();
    }

    /** Region and role of the rollout's AWS calls; checks of one scope can share a call. */
    Rollout.AwsScope scope() {
        return request.rollout().aws();
    }
}
