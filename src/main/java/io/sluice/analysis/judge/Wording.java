package io.sluice.analysis.judge;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the judge's numbers read in a verdict's one-line summary. */
final class Wording {
    private Wording() {
    }

    /** Two significant digits in plain notation between 0.001 and 10,000, scientific outside. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.1e", v);
    }

    /** A U statistic: a whole number or a half. */
    static String statistic(double u) {
        return u == Math.rint(u) ? String.format(Locale.ROOT, "%.0f", u) : String.format(Locale.ROOT, "%.1f", u);
    }

    /** A relative effect against the stable side: "42% higher than stable", "2.5x stable", "12% lower than stable". */
    static String effect(double effect, String of) {
        if (Double.isNaN(effect)) {
            return "canary " + of + " not comparable with stable";
        }
        if (Double.isInfinite(effect)) {
            return "canary " + of + (effect > 0 ? " above" : " below") + " a stable " + of + " of 0";
        }
        if (effect >= 1) {
            return "canary " + of + " " + String.format(Locale.ROOT, "%.1fx", 1 + effect) + " stable";
        }
        long percent = Math.round(Math.abs(effect) * 100);
        if (percent == 0) {
            return "canary " + of + " level with stable";
        }
        return "canary " + of + " " + percent + "% " + (effect > 0 ? "higher" : "lower") + " than stable";
    }

    /** A rate as a percentage with two significant digits. */
    static String rate(long events, long trials) {
        return number(100.0 * events / trials) + "%";
    }

    static String percent(double fraction) {
        return number(100 * fraction) + "%";
    }
}
