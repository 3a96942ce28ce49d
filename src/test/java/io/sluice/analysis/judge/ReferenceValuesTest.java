package io.sluice.analysis.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The judge's statistics against scipy, case by case, from {@code judge/cases.json} (made by
 * {@code make_fixtures.py} next to it). Agreement is to 1e-9 relative unless a case says why not.
 */
class ReferenceValuesTest {
    private static final double RELATIVE = 1e-9;
    private static JsonNode cases;
    private static final Map<String, double[][]> samples = new HashMap<>();

    @BeforeAll
    static void readCases() throws IOException {
        try (InputStream in = ReferenceValuesTest.class.getResourceAsStream("/judge/cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        for (JsonNode s : cases.get("samples")) {
            samples.put(s.get("name").asText(), new double[][] {doubles(s.get("canary")), doubles(s.get("stable"))});
        }
    }

    @Test
    void everySectionOfTheFixtureIsChecked() {
        List<String> sections = StreamSupport.stream(((Iterable<String>) cases::fieldNames).spliterator(), false)
                .filter(name -> !name.startsWith("_")).toList();
        assertEquals(List.of("samples", "mannWhitney", "hodgesLehmann", "brownForsythe", "binomial", "eValues", "special"),
                sections, "a section no test reads");
    }

    @TestFactory
    Stream<DynamicTest> mannWhitneyMatchesScipyWithItsMethodChoiceAndAsymptotically() {
        return cases(cases.get("mannWhitney")).map(c -> dynamicTest(c.get("sample").asText() + " " + c.get("alternative").asText(), () -> {
            double[][] xy = samples.get(c.get("sample").asText());
            Alternative alternative = alternative(c.get("alternative").asText());
            MannWhitney.Result auto = MannWhitney.test(xy[0], xy[1], alternative);
            MannWhitney.Result asymptotic = MannWhitney.test(xy[0], xy[1], alternative, false);
            assertEquals(c.get("u").asDouble(), auto.u(), "U");
            assertClose(c.get("pAuto").asDouble(), auto.pValue(), RELATIVE, "p (auto, exact=" + auto.exact() + ")");
            assertClose(c.get("pAsymptotic").asDouble(), asymptotic.pValue(), RELATIVE, "p (asymptotic)");
        }));
    }

    @TestFactory
    Stream<DynamicTest> hodgesLehmannShiftIsTheMedianOfAllDifferences() {
        return cases(cases.get("hodgesLehmann")).map(c -> dynamicTest(c.get("sample").asText(), () -> {
            double[][] xy = samples.get(c.get("sample").asText());
            assertClose(c.get("shift").asDouble(), HodgesLehmann.shift(xy[0], xy[1]), 1e-12, "shift");
            assertClose(c.get("stableMedian").asDouble(), HodgesLehmann.median(xy[1]), 1e-15, "stable median");
        }));
    }

    @TestFactory
    Stream<DynamicTest> brownForsytheMatchesLeveneAroundTheMedian() {
        return cases(cases.get("brownForsythe")).map(c -> dynamicTest(c.get("sample").asText(), () -> {
            double[][] xy = samples.get(c.get("sample").asText());
            BrownForsythe.Result r = BrownForsythe.test(xy[0], xy[1]);
            assertClose(c.get("statistic").asDouble(), r.statistic(), RELATIVE, "W");
            assertClose(c.get("p").asDouble(), r.pValue(), RELATIVE, "p");
            double half = c.get("p").asDouble() / 2;
            assertClose(r.canaryWider() ? half : 1 - half, r.pValueWider(), RELATIVE, "one-sided p");
        }));
    }

    @TestFactory
    Stream<DynamicTest> binomialTestMatchesBinomtest() {
        return cases(cases.get("binomial")).map(c -> dynamicTest(c.get("k") + " of " + c.get("n") + " at "
                + c.get("canaryTrials") + "/" + c.get("stableTrials") + " " + c.get("alternative").asText(), () -> {
            double all = c.get("canaryTrials").asDouble() + c.get("stableTrials").asDouble();
            double p = BinomialTest.pValue(c.get("k").asLong(), c.get("n").asLong(), c.get("canaryTrials").asDouble() / all,
                    c.get("stableTrials").asDouble() / all, alternative(c.get("alternative").asText()));
            assertClose(c.get("p").asDouble(), p, RELATIVE, "p");
        }));
    }

    @TestFactory
    Stream<DynamicTest> eValuesMatchTheirFormulasInScipy() {
        Stream<DynamicTest> beta = cases(cases.get("eValues").get("beta")).map(c -> dynamicTest(
                "beta " + c.get("canaryEvents") + ":" + c.get("stableEvents") + " p0=" + c.get("p0") + " c=" + c.get("concentration"), () -> {
                    long kc = c.get("canaryEvents").asLong();
                    long ks = c.get("stableEvents").asLong();
                    double p0 = c.get("p0").asDouble();
                    double conc = c.get("concentration").asDouble();
                    // log-space sums of log-gammas near 1e3 lose a few more digits than the tests themselves
                    assertClose(c.get("up").asDouble(), EValues.betaMixture(kc, ks, p0, true, conc), 1e-8, "up");
                    assertClose(c.get("down").asDouble(), EValues.betaMixture(kc, ks, p0, false, conc), 1e-8, "down");
                }));
        Stream<DynamicTest> normal = cases(cases.get("eValues").get("normal")).map(c -> dynamicTest(
                "normal mixture z=" + c.get("z") + " r=" + c.get("r"), () -> {
                    double z = c.get("z").asDouble();
                    double r = c.get("r").asDouble();
                    assertClose(c.get("twoSided").asDouble(), EValues.normalMixtureTwoSided(z, r), RELATIVE, "two-sided");
                    assertClose(c.get("oneSided").asDouble(), EValues.normalMixtureOneSided(z, r), RELATIVE, "one-sided");
                }));
        return Stream.concat(beta, normal);
    }

    @TestFactory
    Stream<DynamicTest> specialFunctionsMatchScipy() {
        JsonNode s = cases.get("special");
        // scipy's ndtr flushes values below about 1e-308 to 0; the judge keeps the subnormals
        Stream<DynamicTest> normal = cases(s.get("normal")).map(c -> dynamicTest("normal " + c.get("x"), () -> {
            assertClose(c.get("cdf").asDouble(), Distributions.normalCdf(c.get("x").asDouble()), 1e-12,
                    Math.max(Math.abs(c.get("cdf").asDouble()), 1e-300), "cdf");
            assertClose(c.get("sf").asDouble(), Distributions.normalSf(c.get("x").asDouble()), 1e-12,
                    Math.max(Math.abs(c.get("sf").asDouble()), 1e-300), "sf");
        }));
        Stream<DynamicTest> quantile = cases(s.get("normalQuantile")).map(c -> dynamicTest("quantile " + c.get("p"),
                () -> assertClose(c.get("x").asDouble(), Distributions.normalQuantile(c.get("p").asDouble()), 1e-12, "x")));
        Stream<DynamicTest> logGamma = cases(s.get("logGamma")).map(c -> dynamicTest("log-gamma " + c.get("x"),
                // absolute: log-gamma crosses 0 at 1 and 2
                () -> assertClose(c.get("value").asDouble(), Distributions.logGamma(c.get("x").asDouble()), 1e-13,
                        Math.max(1, Math.abs(c.get("value").asDouble())), "value")));
        Stream<DynamicTest> beta = cases(s.get("regularizedBeta")).map(c -> dynamicTest(
                "I_" + c.get("x") + "(" + c.get("a") + ", " + c.get("b") + ")", () -> assertClose(c.get("value").asDouble(),
                        Distributions.regularizedBeta(c.get("x").asDouble(), c.get("a").asDouble(), c.get("b").asDouble()),
                        RELATIVE, "value")));
        Stream<DynamicTest> f = cases(s.get("fSf")).map(c -> dynamicTest("F sf " + c.get("f") + " " + c.get("d2"),
                () -> assertClose(c.get("sf").asDouble(), Distributions.fSf(c.get("f").asDouble(), c.get("d1").asDouble(),
                        c.get("d2").asDouble()), RELATIVE, "sf")));
        Stream<DynamicTest> pmf = cases(s.get("binomialPmf")).map(c -> dynamicTest(
                "binomial pmf " + c.get("k") + " of " + c.get("n") + " at " + c.get("p"), () -> {
                    double p = c.get("p").asDouble();
                    assertClose(c.get("value").asDouble(), Distributions.binomialPmf(c.get("k").asLong(), c.get("n").asLong(),
                            p, 1 - p), RELATIVE, "pmf");
                }));
        return Stream.of(normal, quantile, logGamma, beta, f, pmf).flatMap(x -> x);
    }

    static void assertClose(double expected, double actual, double relative, String what) {
        assertClose(expected, actual, relative, Math.abs(expected), what);
    }

    private static void assertClose(double expected, double actual, double relative, double scale, String what) {
        assertTrue(Math.abs(actual - expected) <= relative * scale || actual == expected,
                () -> what + ": expected " + expected + " but was " + actual + " (relative error "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    private static Alternative alternative(String scipyName) {
        return switch (scipyName) {
            case "greater" -> Alternative.GREATER;
            case "less" -> Alternative.LESS;
            default -> Alternative.TWO_SIDED;
        };
    }

    private static Stream<JsonNode> cases(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static double[] doubles(JsonNode array) {
        return cases(array).mapToDouble(JsonNode::asDouble).toArray();
    }
}
