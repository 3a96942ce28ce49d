package io.sluice.analysis.judge;

import java.util.Objects;

/**
 * How to judge one metric.
 *
 * @param direction which way is worse
 * @param minEffect smallest relative effect that counts (0.1 = canary 10 % worse than stable); a significant
 *        change smaller than this passes
 * @param confidence e.g. 0.99; the false-fail rate of one check on identical versions is at most
 *        {@code 1 - confidence} (over all looks in {@link Mode#SEQUENTIAL} mode)
 * @param mode {@link Mode#SEQUENTIAL} or {@link Mode#FIXED}
 * @param failOnVarianceRise fail when the canary's spread rises significantly even with an equal centre (default
 *        false: the rise is only reported)
 * @throws IllegalArgumentException when confidence is not strictly between 0 and 1 or minEffect is negative or
 *         not finite: those are mistakes of the caller, not data
 */
public record JudgeSpec(Direction direction, double minEffect, double confidence, Mode mode, boolean failOnVarianceRise) {
    public JudgeSpec {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mode, "mode");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, was " + confidence);
        }
        if (!(minEffect >= 0) || Double.isInfinite(minEffect)) {
            throw new IllegalArgumentException("minEffect must be a finite number >= 0, was " + minEffect);
        }
    }

    /** A 10 % minimum effect, 99 % confidence, sequential looks, a rise in spread only reported. */
    public static JudgeSpec defaults(Direction d) {
        return new JudgeSpec(d, 0.1, 0.99, Mode.SEQUENTIAL, false);
    }

    /** The e-value at or above which a sequential check is significant: {@code 1 / (1 - confidence)}. */
    public double eValueThreshold() {
        return 1 / (1 - confidence);
    }

    /** The p-value at or below which a fixed-horizon check is significant: {@code 1 - confidence}. */
    public double alpha() {
        return 1 - confidence;
    }
}
