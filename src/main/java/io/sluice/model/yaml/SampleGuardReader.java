package io.sluice.model.yaml;

import io.sluice.model.Bounds;
import io.sluice.model.Check;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a check's minimum-sample guard ({@code minSamples}, {@code minCount}) and fills in the defaults
 * of rate and ratio checks. A rate or ratio check is a cloudwatch check with an {@code expression}, a
 * check with {@code compareToStable}, a {@code judge} check, or a prometheus check whose query divides.
 * Its default count: a judge's {@code counts.trials}; else the query an expression divides by last
 * ({@code errors / requests}: requests), its values when its stat is Sum or SampleCount, else its
 * metric's SampleCount; else, for a single metric, that metric's SampleCount; at least
 * {@link Bounds#MIN_COUNT_DEFAULT}. A prometheus query's count cannot be inferred (its rates are per
 * second), so prometheus checks count only what {@code minCount.query} names.
 */
final class SampleGuardReader {
    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Pattern COUNTING_STAT = Pattern.compile("Sum|SampleCount");

    private final NodeReader r;

    SampleGuardReader(NodeReader reader) {
        this.r = reader;
    }

    Check.SampleGuard read(MapView m, String field, Check.Source source, boolean rateOrRatio,
                           Optional<Check.Judge> judge) {
        boolean numeric = source instanceof Check.CloudWatch || source instanceof Check.Prometheus;
        Function<String, String> outside = v -> "must be " + Bounds.MIN_SAMPLES_MIN + ".." + Bounds.MIN_SAMPLES_MAX
                + " datapoints, got " + v;
        Optional<Integer> minSamples = m.get("minSamples").flatMap(n -> r.integer(n, field + ".minSamples",
                Bounds.MIN_SAMPLES_MIN, Bounds.MIN_SAMPLES_MAX, outside, outside));
        Optional<Node> countNode = m.get("minCount");
        if (!numeric) {
            for (String key : new String[] {"minSamples", "minCount"}) {
                if (m.has(key)) {
                    r.error(m.keyNode(key).orElseThrow(), field + "." + key, "not used by this provider: only cloudwatch"
                            + " and prometheus checks measure samples");
                }
            }
            return Check.SampleGuard.NONE;
        }
        Optional<Check.MinCount> minCount = countNode.isPresent()
                ? countNode.flatMap(n -> explicit(n, field + ".minCount", source))
                : rateOrRatio ? inferred(source, judge) : Optional.empty();
        return new Check.SampleGuard(minSamples.orElse(Bounds.MIN_SAMPLES_DEFAULT), minCount);
    }

    /** {@code minCount: {query, atLeast}}; {@code atLeast: 0} turns counting off. */
    private Optional<Check.MinCount> explicit(Node node, String field, Check.Source source) {
        return r.map(node, field).flatMap(c -> {
            Function<String, String> outside = v -> "must be " + Bounds.MIN_COUNT_MIN + ".." + Bounds.MIN_COUNT_MAX
                    + " events, got " + v;
            int atLeast = c.get("atLeast").flatMap(n -> r.integer(n, field + ".atLeast", Bounds.MIN_COUNT_MIN,
                    Bounds.MIN_COUNT_MAX, outside, outside)).orElse(Bounds.MIN_COUNT_DEFAULT);
            Optional<Node> queryNode = c.get("query");
            Optional<String> query = queryNode.flatMap(n -> r.string(n, field + ".query"));
            c.finish();
            if (queryNode.isPresent() && query.isEmpty()) {
                return Optional.empty();
            }
            Optional<Check.MinCount> count = Optional.empty();
            if (source instanceof Check.CloudWatch cw) {
                count = cloudWatch(cw, query, queryNode.orElse(node), field, atLeast);
            } else if (query.isEmpty()) {
                r.error(node, field + ".query", "is required: a PromQL query whose value is the number of"
                        + " events (e.g. sum(increase(http_requests_total[5m])))");
            } else {
                count = Optional.of(new Check.MinCount(query.get(), false, atLeast));
            }
            return count.filter(x -> x.atLeast() > 0);
        });
    }

    private Optional<Check.MinCount> cloudWatch(Check.CloudWatch cw, Optional<String> query, Node at, String field,
                                                int atLeast) {
        if (query.isEmpty()) {
            if (cw.expression().isPresent()) {
                r.error(at, field + ".query", "is required: name the query whose Sum is the number of events, one of "
                        + new java.util.TreeSet<>(cw.queries().keySet()));
                return Optional.empty();
            }
            // a single metric: its own SampleCount is the number of samples behind each value
            return Optional.of(new Check.MinCount("m", true, atLeast));
        }
        if (cw.expression().isEmpty()) {
            r.error(at, field + ".query", "a single-metric check counts the samples of its metric; leave query out");
            return Optional.empty();
        }
        Check.MetricQuery q = cw.queries().get(query.get());
        if (q == null) {
            r.error(at, field + ".query", NodeReader.quote(query.get()) + " is not one of the queries "
                    + new java.util.TreeSet<>(cw.queries().keySet()) + NodeReader.hint(query.get(), cw.queries().keySet()));
            return Optional.empty();
        }
        if (!COUNTING_STAT.matcher(q.stat()).matches()) {
            r.error(at, field + ".query", "query " + query.get() + " has stat " + q.stat()
                    + ", which counts nothing: use a query with stat Sum or SampleCount");
            return Optional.empty();
        }
        return Optional.of(new Check.MinCount(query.get(), false, atLeast));
    }

    private static Optional<Check.MinCount> inferred(Check.Source source, Optional<Check.Judge> judge) {
        if (!(source instanceof Check.CloudWatch cw)) {
            return Optional.empty();
        }
        Optional<String> trials = judge.flatMap(Check.Judge::counts).map(Check.Counts::trials)
                .filter(cw.queries()::containsKey);
        if (trials.isPresent()) {
            return Optional.of(new Check.MinCount(trials.get(), false, Bounds.MIN_COUNT_DEFAULT));
        }
        if (cw.expression().isEmpty()) {
            return Optional.of(new Check.MinCount("m", true, Bounds.MIN_COUNT_DEFAULT));
        }
        return divisor(cw.expression().get()).filter(cw.queries()::containsKey).map(id -> new Check.MinCount(id,
                !COUNTING_STAT.matcher(cw.queries().get(id).stat()).matches(), Bounds.MIN_COUNT_DEFAULT));
    }

    /** The query id an expression divides by last at its top level ({@code (a + b) / c}: c), if it is a bare id. */
    static Optional<String> divisor(String expression) {
        int depth = 0;
        int slash = -1;
        for (int i = 0; i < expression.length(); i++) {
            char ch = expression.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == '/' && depth == 0) {
                slash = i;
            }
        }
        if (slash < 0) {
            return Optional.empty();
        }
        String rest = expression.substring(slash + 1).trim();
        return QUERY_ID.matcher(rest).matches() ? Optional.of(rest) : Optional.empty();
    }

    /** Whether a PromQL query divides at all (a {@code /} outside strings, label matchers and range selectors). */
    static boolean divides(String promql) {
        int braces = 0;
        int brackets = 0;
        char quote = 0;
        for (int i = 0; i < promql.length(); i++) {
            char ch = promql.charAt(i);
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (ch) {
                case '"', '\'', '`' -> quote = ch;
                case '{' -> braces++;
                case '}' -> braces--;
                case '[' -> brackets++;
                case ']' -> brackets--;
                case '/' -> {
                    if (braces == 0 && brackets == 0) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }
}
