package io.sluice.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in rollout files: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {3_600_000L, 60_000L, 1_000L, 1L};

    private Durations() {
    }

    /**
     * The duration {@code text} names, or empty when it is not of the form above or is too long to
     * count in milliseconds (more than {@link Long#MAX_VALUE} ms). Never throws.
     */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long millis = 0;
        try {
            for (int g = 1; g <= 4; g++) {
                if (m.group(g) != null) {
                    millis = Math.addExact(millis, Math.multiplyExact(number(m.group(g)), UNIT_MILLIS[g - 1]));
                }
            }
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(millis));
    }

    /**
     * Whether {@code text} has the form of a duration, however long: tells a duration too long to
     * count from text that is no duration at all.
     */
    public static boolean isDurationForm(String text) {
        return text != null && !text.isEmpty() && FORM.matcher(text).matches();
    }

    /** Decimal digits as a long; throws ArithmeticException when they do not fit. */
    private static long number(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        if (digits.length() - start > 19) {
            throw new ArithmeticException("more digits than a long holds");
        }
        try {
            return Long.parseLong(digits, start, digits.length(), 10);
        } catch (NumberFormatException e) {
            throw new ArithmeticException("more than a long holds");
        }
    }

    /** The shortest text that {@link #parse} reads back as the same duration. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long ms = d.toMillis();
        long h = ms / 3_600_000L;
        long m = ms % 3_600_000L / 60_000L;
        long s = ms % 60_000L / 1000L;
        long rest = ms % 1000L;
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        if (rest > 0) {
            b.append(rest).append("ms");
        }
        return b.toString();
    }
}
