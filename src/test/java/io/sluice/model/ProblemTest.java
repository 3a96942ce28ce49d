package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void rendersAsOneLineWhateverItsPartsHold() {
        Problem p = new Problem("rollouts/a\nb.yaml", 3, 7, "spec.active", "'green\nblue\r\n\u2028\u2029\u0085\u0000\u001b[31m' is neither");
        assertEquals("rollouts/a\\nb.yaml:3:7: spec.active: 'green\\nblue\\r\\n\\u2028\\u2029\\u0085\\u0000\\u001B[31m'"
                + " is neither", p.toString());
        assertEquals(1, p.toString().lines().count());
    }

    @Test
    void showsBidiControlsAndLoneSurrogatesEscapedButKeepsOtherUnicode() {
        assertEquals("a.yaml:1:1: x: caf\u00e9 \ud83d\ude80 \\u202Etxet \\uD800",
                new Problem("a.yaml", 1, 1, "x", "caf\u00e9 \ud83d\ude80 \u202Etxet \ud800").toString());
    }

    @Test
    void cutsOverlongPartsWithoutSplittingACharacter() {
        Problem p = new Problem("a.yaml", 1, 1, "f".repeat(1000), "\ud83d\ude80".repeat(2000));
        assertEquals(Problem.MAX_FIELD, p.field().length());
        assertTrue(p.field().endsWith("..."));
        assertEquals(Problem.MAX_MESSAGE, p.message().codePointCount(0, p.message().length()));
        assertTrue(p.message().endsWith("\ud83d\ude80..."), p.message().substring(p.message().length() - 10));
    }

    @Test
    void anExcerptOfAValueIsCut() {
        assertEquals("short", Problem.excerpt("short"));
        assertEquals("x".repeat(Problem.MAX_EXCERPT - 3) + "...", Problem.excerpt("x".repeat(10_000)));
    }

    @Test
    void aPositionIsNeverBeforeTheFirstLineOrColumn() {
        assertEquals("a.yaml:1:1: m", new Problem("a.yaml", 0, -4, "", "m").toString());
    }
}
