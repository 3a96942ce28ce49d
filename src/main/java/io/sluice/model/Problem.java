package io.sluice.model;

import java.util.List;

/**
 * One thing wrong with a desired-state file, located at file, line and column (1-based), with the
 * dotted field path it concerns. Renders as {@code file:line:col: field: message}, always on one
 * line: line breaks and other control characters in any part are shown escaped ({@code \n},
 * {@code \u0085}), and overlong parts are cut.
 */
public record Problem(String file, int line, int column, String field, String message)
        implements Comparable<Problem> {
    /** Most characters of a value echoed in a message (see {@link #excerpt}). */
    public static final int MAX_EXCERPT = 80;
    static final int MAX_FILE = 300;
    static final int MAX_FIELD = 200;
    static final int MAX_MESSAGE = 600;

    public Problem {
        file = oneLine(file == null ? "" : file, MAX_FILE);
        field = oneLine(field == null ? "" : field, MAX_FIELD);
        message = oneLine(message == null ? "" : message, MAX_MESSAGE);
        line = Math.max(1, line);
        column = Math.max(1, column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    /**
     * The problem of a file to show first where only one fits (the board, a status message): a key
     * nobody knows, which is usually a misspelling that also causes the "is required" problems above
     * it; else the first by position.
     */
    public static Problem mostTelling(List<Problem> problems) {
        return problems.stream().filter(p -> p.message().startsWith("unknown field")).findFirst()
                .orElse(problems.get(0));
    }

    /** A value from a file as a message shows it: at most {@value #MAX_EXCERPT} characters, then {@code ...}. */
    public static String excerpt(String value) {
        return cut(value, MAX_EXCERPT);
    }

    /** {@code text} cut to at most {@code max} code points (the last three being {@code ...} when cut). */
    static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 3)) + "...";
    }

    /** {@code text} cut to {@code max} code points, with everything that could break or hide a line escaped. */
    static String oneLine(String text, int max) {
        String cut = cut(text, max);
        StringBuilder b = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            String escaped = escape(cut, i, c);
            if (escaped != null && b == null) {
                b = new StringBuilder(cut.length() + 16).append(cut, 0, i);
            }
            if (b != null) {
                if (escaped != null) {
                    b.append(escaped);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? cut : b.toString();
    }

    private static String escape(String s, int i, char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        boolean lone = Character.isHighSurrogate(c) ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
        boolean hides = Character.isISOControl(c) // C0, DEL, C1 (with NEL, U+0085)
                || c == '\u2028' || c == '\u2029' // line and paragraph separators
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') // bidi controls
                || c == '\u200E' || c == '\u200F' || c == '\uFEFF';
        return hides || lone ? String.format("\\u%04X", (int) c) : null;
    }
}
