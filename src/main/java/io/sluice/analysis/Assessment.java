package io.sluice.analysis;

import io.sluice.model.Check;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns one measurement of a check into its new status: pass, fail, inconclusive or error, with the
 * counters that decide an abort (consecutive failures) or a hold (consecutive provider errors).
 * Pure: no I/O, no clock.
 */
public final class Assessment {
    private Assessment() {
    }

    public static CheckStatus assess(Check check, Measurement m, Optional<CheckStatus> previous, Instant at) {
        return assessed(check, m, previous, at).withDryRun(check.dryRun());
    }

    private static CheckStatus assessed(Check check, Measurement m, Optional<CheckStatus> previous, Instant at) {
        int failures = previous.map(CheckStatus::consecutiveFailures).orElse(0);
        int errors = previous.map(CheckStatus::consecutiveErrors).orElse(0);
        int noData = previous.map(CheckStatus::consecutiveNoData).orElse(0);
        if (m instanceof Measurement.ProviderError e) {
            return new CheckStatus(check.name(), Optional.empty(), Result.error, at, failures, errors + 1, noData,
                    Optional.of(e.reason()));
        }
        if (m instanceof Measurement.NoData) {
            return noData(check, Optional.empty(), Optional.empty(), failures, noData, at);
        }
        if (m instanceof Measurement.TooFewSamples thin) {
            // too little data is no data: the check's noData policy decides, never the noise in the value
            return noData(check, thin.value(), Optional.of(thin.reason()), failures, noData, at)
                    .withSamples(thin.samples(), thin.count());
        }
        if (m instanceof Measurement.Failing f) {
            return new CheckStatus(check.name(), f.value(), Result.fail, at, failures + 1, 0, 0, Optional.of(f.reason()));
        }
        if (m instanceof Measurement.Judged j) {
            Optional<String> summary = Optional.of(j.summary());
            CheckStatus s = switch (j.outcome()) {
                case FAIL -> new CheckStatus(check.name(), Optional.of(j.value()), Result.fail, at, failures + 1, 0, 0, summary);
                case PASS -> new CheckStatus(check.name(), Optional.of(j.value()), Result.pass, at, 0, 0, 0, summary);
                case INCONCLUSIVE -> new CheckStatus(check.name(), Optional.of(j.value()), Result.inconclusive, at, failures,
                        0, 0, summary);
            };
            return s.withSamples(j.samples(), j.count()).withJudge(Optional.of(j.statistics()));
        }
        Measurement.Value v = (Measurement.Value) m;
        Verdict verdict = judge(check, v);
        CheckStatus s = switch (verdict) {
            case FAIL -> new CheckStatus(check.name(), Optional.of(v.value()), Result.fail, at, failures + 1, 0, 0);
            case PASS -> new CheckStatus(check.name(), Optional.of(v.value()), Result.pass, at, 0, 0, 0);
            default -> new CheckStatus(check.name(), Optional.of(v.value()), Result.inconclusive, at, failures, 0, 0);
        };
        return s.withSamples(v.samples(), v.count());
    }

    /** A measurement without (enough) data: what the check's noData policy and noDataLimit make of it. */
    private static CheckStatus noData(Check check, Optional<Double> value, Optional<String> why, int failures, int noData,
                                      Instant at) {
        int run = noData + 1;
        Check.NoData policy = check.noDataLimit() > 0 && run >= check.noDataLimit() ? Check.NoData.FAIL : check.noData();
        return switch (policy) {
            case PASS -> new CheckStatus(check.name(), value, Result.pass, at, 0, 0, run, why);
            case FAIL -> new CheckStatus(check.name(), value, Result.fail, at, failures + 1, 0, run, why);
            default -> new CheckStatus(check.name(), value, Result.inconclusive, at, failures, 0, run, why);
        };
    }

    enum Verdict { PASS, FAIL, INCONCLUSIVE }

    static Verdict judge(Check check, Measurement.Value v) {
        if (check.source() instanceof Check.Alarms) {
            return v.value() > 0 ? Verdict.FAIL : Verdict.PASS;
        }
        if (check.source() instanceof Check.TargetHealth th) {
            return v.value() < th.minHealthyPercent() ? Verdict.FAIL : Verdict.PASS;
        }
        if (check.failIf().map(t -> t.fails(v.value())).orElse(false)) {
            return Verdict.FAIL;
        }
        if (check.maxRatioToStable().isPresent()) {
            if (v.stableValue().isEmpty()) {
                // no stable baseline to compare with: neither pass nor fail
                return Verdict.INCONCLUSIVE;
            }
            if (v.stableValue().get() <= 0) {
                // stable at zero (no errors): any canary value above zero is infinitely worse
                return v.value() > 0 ? Verdict.FAIL : Verdict.PASS;
            }
            return v.value() / v.stableValue().get() > check.maxRatioToStable().get() ? Verdict.FAIL : Verdict.PASS;
        }
        return Verdict.PASS;
    }
}
