package io.sluice.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in rollout files: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Duration d = Duration.ZERO;
        boolean any = false;
        long[] unitsMillis = {3_600_000L, 60_000L, 1_000L, 1L};
        for (int g = 1; g <= 4; g++) {
            if (m.group(g) != null) {
                any = true;
                d = d.plusMillis(Long.parseLong(m.group(g)) * unitsMillis[g - 1]);
            }
        }
        return any ? Optional.of(d) : Optional.empty();
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
