package io.sluice.model.yaml;

import io.sluice.model.Arns;
import io.sluice.model.Bounds;
import io.sluice.model.Check;
import io.sluice.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one check: a name, exactly one provider, and its failure condition. */
final class CheckReader {
    static final List<String> PROVIDERS = Arrays.stream(Check.Kind.values()).map(Check.Kind::key).toList();
    private static final Pattern STAT = Pattern.compile("Sum|Average|Minimum|Maximum|SampleCount|p\\d{1,2}(\\.\\d{1,2})?|p100");
    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(version|targetGroup)}}");

    private final NodeReader r;

    CheckReader(NodeReader reader) {
        this.r = reader;
    }

    Optional<Check> read(Node node, String field) {
        Optional<MapView> view = r.map(node, field);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        MapView m = view.get();
        int before = r.problems().size();
        Optional<String> name = m.require("name").flatMap(n -> r.string(n, field + ".name").filter(v -> {
            if (!Arns.isDnsLabel(v)) {
                r.error(n, field + ".name", NodeReader.quote(v) + " is not a DNS-1123 label");
                return false;
            }
            return true;
        }));
        List<String> present = new ArrayList<>();
        PROVIDERS.forEach(p -> {
            if (m.has(p)) {
                present.add(p);
            }
        });
        Optional<Check.Source> source = Optional.empty();
        if (present.isEmpty()) {
            PROVIDERS.forEach(m::get);
            r.error(node, field, "measures nothing: set one of " + String.join(", ", PROVIDERS));
        } else if (present.size() > 1) {
            PROVIDERS.forEach(m::get);
            r.error(m.keyNode(present.get(1)).orElseThrow(), field, "one provider per check; got "
                    + String.join(" and ", present) + ": split it into two checks");
        } else {
            String p = present.get(0);
            source = provider(Check.Kind.ofKey(p).orElseThrow(), m.get(p).orElseThrow(), field + "." + p);
        }
        Optional<Check.Threshold> failIf = m.get("failIf").flatMap(n -> threshold(n, field + ".failIf"));
        Optional<Double> maxRatio = m.get("compareToStable").flatMap(n -> r.map(n, field + ".compareToStable")).flatMap(c -> {
            Optional<Double> ratio = c.require("maxRatio").flatMap(n -> r.number(n, field + ".compareToStable.maxRatio")
                    .filter(v -> ok(v > 0, n, field + ".compareToStable.maxRatio", "must be above 0")));
            c.finish();
            return ratio;
        });
        int forCount = m.get("for").flatMap(n -> r.integer(n, field + ".for", Bounds.FOR_MIN, Bounds.FOR_MAX,
                v -> "must be " + Bounds.FOR_MIN + " or more consecutive measurements, got " + v,
                v -> "must be at most " + Bounds.FOR_MAX + " consecutive measurements, got " + v)).orElse(1);
        Check.NoData noData = m.get("noData").flatMap(n -> r.string(n, field + ".noData").flatMap(v -> {
            try {
                return Optional.of(Check.NoData.valueOf(v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                r.error(n, field + ".noData", "expected inconclusive, pass or fail, got " + NodeReader.quote(v));
                return Optional.empty();
            }
        })).orElse(Check.NoData.INCONCLUSIVE);
        int noDataLimit = m.get("noDataLimit").flatMap(n -> r.integer(n, field + ".noDataLimit", Bounds.NO_DATA_LIMIT_MIN,
                Bounds.NO_DATA_LIMIT_MAX, v -> "must be " + Bounds.NO_DATA_LIMIT_MIN + " (never) or more, got " + v,
                v -> "must be at most " + Bounds.NO_DATA_LIMIT_MAX + ", got " + v)).orElse(0);
        boolean dryRun = m.get("dryRun").flatMap(n -> r.bool(n, field + ".dryRun")).orElse(false);
        Optional<Check.Judge> judge = m.get("judge").flatMap(n -> new JudgeReader(r).read(n, field + ".judge"));
        Check.SampleGuard guard = Check.SampleGuard.NONE;
        if (source.isPresent()) {
            Check.Source s = source.get();
            boolean rateOrRatio = s instanceof Check.CloudWatch cw && cw.expression().isPresent() || m.has("compareToStable")
                    || m.has("judge") || s instanceof Check.Prometheus p && SampleGuardReader.divides(p.query());
            guard = new SampleGuardReader(r).read(m, field, s, rateOrRatio, judge);
            conditions(s, m, field, failIf, maxRatio);
            judge.ifPresent(j -> judged(s, j, m, field));
        } else {
            m.get("minSamples");
            m.get("minCount");
        }
        m.finish();
        if (r.problems().size() != before || name.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Check(name.get(), source.get(), failIf, maxRatio, forCount, noData, noDataLimit, guard,
                dryRun, judge));
    }

    /** A judge compares two sides of one cloudwatch or prometheus metric, and decides alone. */
    private void judged(Check.Source s, Check.Judge j, MapView m, String field) {
        Node at = m.keyNode("judge").orElseThrow();
        String f = field + ".judge";
        if (!(s instanceof Check.CloudWatch || s instanceof Check.Prometheus)) {
            r.error(at, f, "compares samples of a cloudwatch or prometheus metric; " + s.kind()
                    + " checks pass or fail by themselves");
            return;
        }
        if (m.has("failIf") || m.has("compareToStable")) {
            r.error(at, f, "decides by itself: remove failIf and compareToStable, or split it into two checks");
        }
        if (s instanceof Check.CloudWatch cw) {
            if (!namesTheVersion(cw)) {
                r.error(at, f, "needs a cloudwatch query whose dimensions use {{version}} or {{targetGroup}}, so that"
                        + " the same query can be asked of the stable version");
            }
            if (j.step().isPresent()) {
                r.error(at, f + ".step", "is the resolution of a prometheus range query; a cloudwatch judge takes one"
                        + " sample per period");
            }
            j.counts().ifPresent(c -> {
                for (String id : new String[] {c.events(), c.trials()}) {
                    Check.MetricQuery q = cw.queries().get(id);
                    if (cw.expression().isEmpty() || q == null) {
                        r.error(at, f + ".counts", NodeReader.quote(id) + " is not one of the queries "
                                + (cw.expression().isEmpty() ? "(a single-metric check has none)" : new java.util.TreeSet<>(cw.queries().keySet())
                                + NodeReader.hint(id, cw.queries().keySet())));
                    } else if (!q.stat().equals("Sum") && !q.stat().equals("SampleCount")) {
                        r.error(at, f + ".counts", "query " + id + " has stat " + q.stat()
                                + ", which counts nothing: use a query with stat Sum or SampleCount");
                    }
                }
            });
        } else if (s instanceof Check.Prometheus p && !PLACEHOLDER.matcher(p.query()).find()) {
            r.error(at, f, "needs {{version}} or {{targetGroup}} in the query, so that the same query can be asked of"
                    + " the canary and the stable version");
        }
    }

    /** A check needs a condition that can fail, and compareToStable needs a query per version. */
    private void conditions(Check.Source s, MapView m, String field, Optional<Check.Threshold> failIf,
                            Optional<Double> maxRatio) {
        boolean numeric = s instanceof Check.CloudWatch || s instanceof Check.Prometheus;
        if (numeric && !m.has("failIf") && !m.has("compareToStable") && !m.has("judge")) {
            r.error(m.node(), field, "has no condition: add failIf {above|below} or compareToStable {maxRatio}");
        }
        if (maxRatio.isPresent() && !(s instanceof Check.CloudWatch cw && namesTheVersion(cw))) {
            r.error(m.keyNode("compareToStable").orElseThrow(), field + ".compareToStable",
                    "needs a cloudwatch query whose dimensions use {{version}} or {{targetGroup}}, so that the same"
                            + " query can be asked of the stable version");
        }
        if ((s instanceof Check.Alarms || s instanceof Check.TargetHealth) && m.has("failIf")) {
            r.error(m.keyNode("failIf").orElseThrow(), field + ".failIf", "not used by this provider: it passes or fails by itself");
        }
    }

    private static boolean namesTheVersion(Check.CloudWatch cw) {
        return cw.queries().values().stream().anyMatch(q -> q.dimensions().values().stream()
                .anyMatch(v -> PLACEHOLDER.matcher(v).find()));
    }

    private Optional<Check.Threshold> threshold(Node n, String field) {
        return r.map(n, field).flatMap(t -> {
            Optional<Double> above = t.get("above").flatMap(v -> r.number(v, field + ".above"));
            Optional<Double> below = t.get("below").flatMap(v -> r.number(v, field + ".below"));
            t.finish();
            if (!t.has("above") && !t.has("below")) {
                r.error(n, field, "set above, below or both");
                return Optional.empty();
            }
            if (above.isPresent() && below.isPresent() && below.get() >= above.get()) {
                r.error(n, field, "below (" + below.get() + ") must be less than above (" + above.get() + ")");
                return Optional.empty();
            }
            return Optional.of(new Check.Threshold(above, below));
        });
    }

    private Optional<Check.Source> provider(Check.Kind kind, Node n, String field) {
        return switch (kind) {
            case ALARMS -> alarms(n, field);
            case TARGET_HEALTH -> targetHealth(n, field);
            case HTTP -> http(n, field);
            case PROMETHEUS -> prometheus(n, field);
            case CLOUDWATCH -> r.map(n, field).flatMap(c -> cloudWatch(c, field));
        };
    }

    private Optional<Check.Source> alarms(Node n, String field) {
        Optional<List<Node>> list = r.list(n, field);
        List<String> names = new ArrayList<>();
        list.ifPresent(l -> l.forEach(a -> r.string(a, field).ifPresent(names::add)));
        if (list.isPresent() && names.isEmpty()) {
            r.error(n, field, "needs at least one alarm name");
            return Optional.empty();
        }
        return list.map(l -> new Check.Alarms(names));
    }

    private Optional<Check.Source> targetHealth(Node n, String field) {
        return r.map(n, field).<Check.Source>map(t -> {
            Function<String, String> outside = x -> "must be " + Bounds.MIN_HEALTHY_PERCENT_MIN + ".."
                    + Bounds.MIN_HEALTHY_PERCENT_MAX + ", got " + x;
            int min = t.get("minHealthyPercent").flatMap(v -> r.integer(v, field + ".minHealthyPercent",
                    Bounds.MIN_HEALTHY_PERCENT_MIN, Bounds.MIN_HEALTHY_PERCENT_MAX, outside, outside))
                    .orElse(Bounds.MIN_HEALTHY_PERCENT_MAX);
            t.finish();
            return new Check.TargetHealth(min);
        });
    }

    private Optional<Check.Source> http(Node n, String field) {
        return r.map(n, field).<Check.Source>flatMap(h -> {
            Optional<String> url = h.require("url").flatMap(v -> r.string(v, field + ".url")
                    .filter(u -> ok(u.startsWith("http://") || u.startsWith("https://"), v, field + ".url",
                            NodeReader.quote(u) + " is not an http:// or https:// URL")));
            Function<String, String> outside = x -> "must be an HTTP status " + Bounds.EXPECT_STATUS_MIN + ".."
                    + Bounds.EXPECT_STATUS_MAX;
            int status = h.get("expectStatus").flatMap(v -> r.integer(v, field + ".expectStatus",
                    Bounds.EXPECT_STATUS_MIN, Bounds.EXPECT_STATUS_MAX, outside, outside)).orElse(200);
            Duration timeout = h.get("timeout").flatMap(v -> r.duration(v, field + ".timeout",
                    Bounds.HTTP_TIMEOUT_MIN, Bounds.HTTP_TIMEOUT_MAX)).orElse(Bounds.HTTP_TIMEOUT_DEFAULT);
            h.finish();
            return url.map(u -> new Check.Http(u, status, timeout));
        });
    }

    private Optional<Check.Source> prometheus(Node n, String field) {
        return r.map(n, field).<Check.Source>flatMap(p -> {
            Optional<String> address = p.require("address").flatMap(v -> r.string(v, field + ".address")
                    .filter(u -> ok(u.startsWith("http://") || u.startsWith("https://"), v, field + ".address",
                            NodeReader.quote(u) + " is not an http:// or https:// URL of a Prometheus server")));
            Optional<String> query = p.require("query").flatMap(v -> r.string(v, field + ".query"));
            p.finish();
            return address.isPresent() && query.isPresent()
                    ? Optional.of(new Check.Prometheus(address.get(), query.get())) : Optional.empty();
        });
    }

    private Optional<Check.Source> cloudWatch(MapView c, String field) {
        int before = r.problems().size();
        Duration period = c.get("period").flatMap(v -> r.duration(v, field + ".period", Bounds.PERIOD_MIN, Bounds.PERIOD_MAX)
                .filter(d -> ok(validPeriod(d), v, field + ".period", "CloudWatch periods are 1s, 5s, 10s, 30s or a multiple"
                        + " of 60s, got " + Durations.format(d)))).orElse(Bounds.PERIOD_DEFAULT);
        Duration fivePeriods = period.multipliedBy(Bounds.LOOKBACK_DEFAULT_PERIODS);
        Duration lookback = c.get("lookback").flatMap(v -> r.duration(v, field + ".lookback", Bounds.LOOKBACK_MIN,
                Bounds.LOOKBACK_MAX)).orElse(fivePeriods.compareTo(Bounds.LOOKBACK_MAX) > 0 ? Bounds.LOOKBACK_MAX : fivePeriods);
        Map<String, Check.MetricQuery> queries = new LinkedHashMap<>();
        Optional<String> expression = Optional.empty();
        if (c.has("queries")) {
            int[] written = {0};
            c.get("queries").flatMap(q -> r.map(q, field + ".queries")).ifPresent(qs -> {
                written[0] = qs.keys().size();
                for (String id : new ArrayList<>(qs.keys())) {
                    Node qn = qs.get(id).orElse(null);
                    if (!QUERY_ID.matcher(id).matches()) {
                        r.error(qs.keyNode(id).orElseThrow(), field + ".queries." + id,
                                "query ids start with a lower-case letter and hold letters, digits and '_'");
                    }
                    if (qn == null) {
                        r.error(qs.keyNode(id).orElseThrow(), field + ".queries." + id, "is empty");
                        continue;
                    }
                    r.map(qn, field + ".queries." + id).flatMap(q -> metric(q, field + ".queries." + id, true))
                            .ifPresent(q -> queries.put(id, q));
                }
            });
            // a broken query is reported already; its id is not also an unknown reference
            boolean allQueriesRead = queries.size() == written[0];
            expression = c.require("expression").flatMap(v -> r.string(v, field + ".expression").filter(e ->
                    !allQueriesRead || referencesOnly(e, queries, v, field + ".expression")));
            for (String shorthand : List.of("namespace", "metric", "stat", "dimensions")) {
                if (c.has(shorthand)) {
                    c.get(shorthand);
                    r.error(c.keyNode(shorthand).orElseThrow(), field + "." + shorthand,
                            "belongs inside one of the queries when queries are used");
                }
            }
        } else {
            metric(c, field, false).ifPresent(q -> queries.put("m", q));
            if (c.has("expression")) {
                c.get("expression");
                r.error(c.keyNode("expression").orElseThrow(), field + ".expression", "needs named queries to refer to");
            }
        }
        c.finish();
        return r.problems().size() == before && !queries.isEmpty()
                ? Optional.of(new Check.CloudWatch(period, lookback, queries, expression)) : Optional.empty();
    }

    private Optional<Check.MetricQuery> metric(MapView q, String field, boolean isQueryEntry) {
        Optional<String> namespace = q.require("namespace").flatMap(v -> r.string(v, field + ".namespace"));
        Optional<String> metric = q.require("metric").flatMap(v -> r.string(v, field + ".metric"));
        Optional<String> stat = q.require("stat").flatMap(v -> r.string(v, field + ".stat").filter(s -> ok(
                STAT.matcher(s).matches(), v, field + ".stat",
                NodeReader.quote(s) + " is not a statistic: Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p95")));
        Map<String, String> dimensions = new LinkedHashMap<>();
        q.get("dimensions").flatMap(v -> r.map(v, field + ".dimensions")).ifPresent(d -> {
            for (String k : new ArrayList<>(d.keys())) {
                d.get(k).flatMap(v -> r.string(v, field + ".dimensions." + k)).ifPresent(v -> dimensions.put(k, v));
            }
            if (dimensions.size() > Bounds.MAX_DIMENSIONS) {
                r.error(q.get("dimensions").orElseThrow(), field + ".dimensions", "CloudWatch allows at most "
                        + Bounds.MAX_DIMENSIONS + " dimensions");
            }
        });
        if (isQueryEntry) {
            q.finish();
        } else {
            List.of("period", "lookback", "queries", "expression").forEach(q::get);
        }
        return namespace.isPresent() && metric.isPresent() && stat.isPresent()
                ? Optional.of(new Check.MetricQuery(namespace.get(), metric.get(), stat.get(), dimensions)) : Optional.empty();
    }

    private boolean referencesOnly(String expression, Map<String, Check.MetricQuery> queries, Node v, String field) {
        Matcher m = IDENTIFIER.matcher(expression);
        boolean ok = true;
        Set<String> unknown = new HashSet<>();
        while (m.find()) {
            String id = m.group();
            if (!queries.containsKey(id) && unknown.add(id)) {
                r.error(v, field, "refers to " + NodeReader.quote(id) + ", which is not one of the queries "
                        + queries.keySet() + NodeReader.hint(id, queries.keySet()));
                ok = false;
            }
        }
        if (!expression.matches("[A-Za-z0-9_\\s+*/().-]+")) {
            r.error(v, field, "only + - * / ( ), numbers and query ids are supported");
            ok = false;
        }
        return ok;
    }

    static boolean validPeriod(Duration d) {
        long s = d.getSeconds();
        return d.toMillis() % 1000 == 0 && (s == 1 || s == 5 || s == 10 || s == 30 || (s >= 60 && s % 60 == 0));
    }

    private boolean ok(boolean ok, Node n, String field, String message) {
        if (!ok) {
            r.error(n, field, message);
        }
        return ok;
    }
}
