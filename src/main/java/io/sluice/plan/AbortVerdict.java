package io.sluice.plan;

import io.sluice.model.Check;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import java.math.BigDecimal;

/** When a check's status rolls a rollout back, and the line a person reads about it. */
public final class AbortVerdict {
    private AbortVerdict() {
    }

    /** True once a check has failed as many times in a row as it allows. */
    public static boolean abortsRollout(Check check, CheckStatus status) {
        return status.consecutiveFailures() >= check.failuresToAbort();
    }

    /** A line a person reads: why a check failed. */
    public static String describeFailure(Check check, CheckStatus status) {
        if (status.detail().isPresent() && status.result() == Result.fail) {
            return check.name() + ": " + status.detail().get() + " (" + status.consecutiveFailures() + " of "
                    + check.failuresToAbort() + ")";
        }
        String value = status.value().map(AbortVerdict::format).orElse("no data");
        String bound = check.failIf().map(t -> t.above().map(a -> "above " + format(a)).orElse("")
                + t.below().map(b -> (t.above().isPresent() ? " or " : "") + "below " + format(b)).orElse(""))
                .orElse(check.maxRatioToStable().map(r -> "more than " + format(r) + "x stable").orElse("failing"));
        if (check.source() instanceof Check.Alarms a) {
            bound = "an alarm in ALARM (" + String.join(", ", a.names()) + ")";
            value = "";
        } else if (check.source() instanceof Check.TargetHealth th) {
            bound = "below " + th.minHealthyPercent() + "% healthy";
        }
        return (check.name() + " " + value + " " + bound).replaceAll("\\s+", " ").trim()
                + " (" + status.consecutiveFailures() + " of " + check.failuresToAbort() + ")";
    }

    static String format(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
