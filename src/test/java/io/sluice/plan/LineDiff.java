package io.sluice.plan;

import java.util.List;

/** A line diff for people: every line of both texts, "- " only expected, "+ " only actual. */
final class LineDiff {
    private LineDiff() {
    }

    static String of(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.append("    ").append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.append("  - ").append(a.get(i++)).append('\n');
            } else {
                out.append("  + ").append(b.get(j++)).append('\n');
            }
        }
        return out.toString();
    }
}
