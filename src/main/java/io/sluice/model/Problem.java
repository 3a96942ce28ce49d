package io.sluice.model;

/**
 * One thing wrong with a desired-state file, located at file, line and column (1-based), with the
 * dotted field path it concerns. Renders as {@code file:line:col: field: message}.
 */
public record Problem(String file, int line, int column, String field, String message)
        implements Comparable<Problem> {

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
}
