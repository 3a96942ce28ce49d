package io.sluice.bench;

import io.sluice.analysis.AnalysisClients;
import io.sluice.analysis.Backtest;
import io.sluice.analysis.DefaultAnalyzer;
import io.sluice.model.Problem;
import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.sim.Scenario;
import io.sluice.sim.SimClock;
import io.sluice.sim.SimServer;
import io.sluice.sim.SimServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * How often the checks roll back a good canary, and how often and how fast they catch a bad one.
 * Every rollout is an ALB canary at 10 % of 1,000 requests a minute with its own generator seeds in the
 * simulator (p95 latency 200 ms from log-normal samples, 0.2 % errors, 5 % level noise per minute), and
 * is replayed by the backtest engine over 30 minutes of generated history, measured every minute: the
 * checks are judged exactly as the daemon judges them, and nothing waits for real time.
 * A/A: canary and stable are the same build. A/B: the canary's latency is 1.5x or 2x, or its error rate
 * one percentage point higher, from its first request. A check's detection time counts from the first
 * measurement to the one that reaches its {@code for} count.
 * Usage: bench/run judge-calibration [--smoke]
 */
public final class JudgeCalibrationBench {
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(30);
    static final String LB = "app/cal/50dc6c495c0c9188";
    static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    static final double REQUESTS = 1000;
    static final double WEIGHT = 0.10;
    static final double P95 = 0.2;
    static final double ERRORS = 0.002;

    /** One check under calibration; {@code level} is the false-rollback rate it is configured for, if any. */
    record Spec(String name, String label, String yaml, Optional<Double> level) {
    }

    /** What the canary does differently from stable. */
    record Case(String name, String prefix, double latencyFactor, double extraErrors) {
    }

    static final List<Spec> THRESHOLDS = List.of(
            new Spec("p95-above", "p95 latency failIf above 0.5 s, for 2 (nodeapp-alb)", """
                    - name: p95-above
                      cloudwatch: {namespace: AWS/ApplicationELB, metric: TargetResponseTime, stat: p95, period: 1m, lookback: 3m,
                                   dimensions: {LoadBalancer: %s, TargetGroup: "{{targetGroup}}"}}
                      failIf: { above: 0.5 }
                      for: 2
                    """.formatted(LB), Optional.empty()),
            new Spec("p95-ratio", "p95 latency compareToStable maxRatio 1.5, for 2 (makenaide)", """
                    - name: p95-ratio
                      cloudwatch: {namespace: AWS/ApplicationELB, metric: TargetResponseTime, stat: p95, period: 1m, lookback: 3m,
                                   dimensions: {LoadBalancer: %s, TargetGroup: "{{targetGroup}}"}}
                      compareToStable: { maxRatio: 1.5 }
                      for: 2
                    """.formatted(LB), Optional.empty()),
            new Spec("error-rate", "5xx rate failIf above 1 %, for 2 (isshoni-web)", """
                    - name: error-rate
                      cloudwatch:
                        period: 1m
                        lookback: 3m
                        queries:
                          errors: {namespace: AWS/ApplicationELB, metric: HTTPCode_Target_5XX_Count, stat: Sum,
                                   dimensions: {LoadBalancer: %1$s, TargetGroup: "{{targetGroup}}"}}
                          requests: {namespace: AWS/ApplicationELB, metric: RequestCount, stat: Sum,
                                     dimensions: {LoadBalancer: %1$s, TargetGroup: "{{targetGroup}}"}}
                        expression: errors / requests
                      failIf: { above: 0.01 }
                      for: 2
                    """.formatted(LB), Optional.empty()));

    static final List<Spec> JUDGES = List.of(
            new Spec("judge-latency", "judge p95 latency, increase, minEffect 10 %, confidence 99 %, sequential", """
                    - name: judge-latency
                      cloudwatch: {namespace: AWS/ApplicationELB, metric: TargetResponseTime, stat: p95, period: 1m, lookback: 10m,
                                   dimensions: {LoadBalancer: %s, TargetGroup: "{{targetGroup}}"}}
                      judge: { direction: increase, minEffect: 10%%, confidence: 99%%, mode: sequential }
                    """.formatted(LB), Optional.of(0.01)),
            new Spec("judge-errors", "judge 5xx of requests, increase, minEffect 10 %, confidence 99 %, sequential", """
                    - name: judge-errors
                      cloudwatch:
                        period: 1m
                        lookback: 10m
                        queries:
                          errors: {namespace: AWS/ApplicationELB, metric: HTTPCode_Target_5XX_Count, stat: Sum,
                                   dimensions: {LoadBalancer: %1$s, TargetGroup: "{{targetGroup}}"}}
                          requests: {namespace: AWS/ApplicationELB, metric: RequestCount, stat: Sum,
                                     dimensions: {LoadBalancer: %1$s, TargetGroup: "{{targetGroup}}"}}
                        expression: errors / requests
                      judge: { direction: increase, minEffect: 10%%, confidence: 99%%, mode: sequential,
                               counts: {events: errors, trials: requests} }
                    """.formatted(LB), Optional.of(0.01)));

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        int aa = smoke ? 5 : 200;
        int ab = smoke ? 5 : 100;
        long began = System.nanoTime();
        List<Spec> specs = new ArrayList<>(THRESHOLDS);
        Optional<String> judgeMissing = judgeRefusedBy(rolloutYaml("probe", JUDGES));
        if (judgeMissing.isEmpty()) {
            specs.addAll(JUDGES);
        }
        List<Case> cases = List.of(new Case("A/A identical", "aa", 1, 0),
                new Case("A/B latency 1.5x", "lat15", 1.5, 0), new Case("A/B latency 2x", "lat2", 2, 0),
                new Case("A/B errors +1 pp", "err1", 1, 0.01));
        Map<Case, List<String>> names = new LinkedHashMap<>();
        StringBuilder scenario = new StringBuilder("monitoring:\n  history: 1h\n  metrics:\n");
        List<Backtest.Subject> subjects = new ArrayList<>();
        int seed = 1;
        for (Case c : cases) {
            List<String> ofCase = new ArrayList<>();
            int n = c.latencyFactor() == 1 && c.extraErrors() == 0 ? aa : ab;
            for (int i = 0; i < n; i++) {
                String name = c.prefix() + "-" + i;
                ofCase.add(name);
                scenario.append(generators(name, c, seed));
                seed += 10;
                subjects.add(new Backtest.Subject(rollout(name, specs), "green", "blue"));
            }
            names.put(c, ofCase);
        }
        SimClock clock = SimClock.manual(START);
        try (SimServer sim = SimServer.start(0, clock, SimServices.all(clock))) {
            Scenario.parse(scenario.toString()).applyTo(sim);
            clock.advance(WINDOW.plus(Duration.ofMinutes(10)));
            CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "x")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            Map<String, Backtest.Outcome> outcomes;
            try (DefaultAnalyzer analyzer = new DefaultAnalyzer(cloudWatchOnly(cw), new DefaultAnalyzer.Settings(4,
                    Duration.ofSeconds(10), Duration.ofSeconds(120)), Optional.empty())) {
                outcomes = Backtest.replay(analyzer, subjects, START, START.plus(WINDOW));
            }
            cw.close();
            long calls = callCount(sim);
            print(cases, names, specs, outcomes, aa, ab, judgeMissing);
            System.out.printf("%n%d rollouts replayed, %d measurements each, %d GetMetricData calls, %.1f s%n",
                    subjects.size(), WINDOW.toMinutes() + 1, calls, (System.nanoTime() - began) / 1e9);
        }
    }

    static void print(List<Case> cases, Map<Case, List<String>> names, List<Spec> specs,
                      Map<String, Backtest.Outcome> outcomes, int aa, int ab, Optional<String> judgeMissing) {
        System.out.printf("judge calibration: ALB canary at %.0f %% of %.0f requests/min, p95 %.0f ms, %.1f %% errors,"
                        + " %d min of analysis every 1m; %d A/A rollouts, %d per A/B case, distinct seeds%n",
                WEIGHT * 100, REQUESTS, P95 * 1000, ERRORS * 100, WINDOW.toMinutes(), aa, ab);
        Case identical = cases.get(0);
        System.out.printf("%n%s: false rollbacks%n", identical.name());
        System.out.printf("  %-80s %-22s %s%n", "check", "false rollbacks", "configured");
        for (Spec s : specs) {
            int rolledBack = 0;
            for (String name : names.get(identical)) {
                rolledBack += detection(outcomes.get(name), s.name()).isPresent() ? 1 : 0;
            }
            int n = names.get(identical).size();
            System.out.printf("  %-80s %-22s %s%n", s.label(), rolledBack + "/" + n + " (" + percent(rolledBack, n) + ")",
                    s.level().map(l -> String.format(Locale.ROOT, "%.1f %%", l * 100)).orElse("none (a threshold)"));
        }
        judgeMissing.ifPresent(why -> JUDGES.forEach(s -> System.out.printf("  %-80s %s%n", s.label(),
                "not yet measured: " + why)));
        System.out.printf("%nA/B: detected (rolled back within %d min), time to detection from the first measurement%n",
                WINDOW.toMinutes());
        System.out.printf("  %-18s %-80s %-18s %-8s %s%n", "case", "check", "detected", "median", "max");
        for (Case c : cases.subList(1, cases.size())) {
            for (Spec s : specs) {
                List<Duration> times = new ArrayList<>();
                for (String name : names.get(c)) {
                    detection(outcomes.get(name), s.name()).ifPresent(times::add);
                }
                times.sort(null);
                int n = names.get(c).size();
                System.out.printf("  %-18s %-80s %-18s %-8s %s%n", c.name(), s.label(),
                        times.size() + "/" + n + " (" + percent(times.size(), n) + ")",
                        times.isEmpty() ? "-" : minutes(times.get((times.size() - 1) / 2)),
                        times.isEmpty() ? "-" : minutes(times.get(times.size() - 1)));
            }
            judgeMissing.ifPresent(why -> JUDGES.forEach(s -> System.out.printf("  %-18s %-80s %s%n", c.name(), s.label(),
                    "not yet measured")));
        }
    }

    /** When this check alone would have rolled the rollout back: its first failure that reached its {@code for}. */
    static Optional<Duration> detection(Backtest.Outcome o, String check) {
        return o.checks().stream().filter(c -> c.check().name().equals(check)).findFirst()
                .flatMap(c -> c.failures().stream().filter(f -> f.consecutive() >= c.check().failuresToAbort()).findFirst())
                .map(f -> Duration.between(o.from(), f.at()));
    }

    static String percent(int k, int n) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * k / n);
    }

    static String minutes(Duration d) {
        return d.toMinutes() + "m" + (d.toSecondsPart() == 0 ? "" : d.toSecondsPart() + "s");
    }

    /** Why this build's rollout reader refuses the judge checks, if it does. */
    static Optional<String> judgeRefusedBy(String yaml) {
        RolloutFiles.FileResult r = RolloutFiles.read(yaml, "judge-probe.yaml");
        return r.problems().isEmpty() ? Optional.empty()
                : Optional.of("this build does not read judge checks yet (" + r.problems().get(0).message() + ")");
    }

    static String rolloutYaml(String name, List<Spec> checks) {
        StringBuilder list = new StringBuilder();
        checks.forEach(s -> list.append(s.yaml()));
        return """
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata:
                  name: %1$s
                spec:
                  target:
                    alb:
                      listenerArn: %2$slistener/%3$s/f2f7dc8efc522ab2
                      targetGroups:
                        blue: %2$stargetgroup/%1$s-b/0123456789abcdef
                        green: %2$stargetgroup/%1$s-g/0123456789abcdef
                  active: green
                  strategy:
                    steps:
                      - setWeight: 10
                      - pause: 30m
                      - setWeight: 100
                  analysis:
                    interval: 1m
                    checks:
                %4$s""".formatted(name, ARN, LB, list.toString().indent(6));
    }

    static Rollout rollout(String name, List<Spec> checks) {
        RolloutFiles.FileResult r = RolloutFiles.read(rolloutYaml(name, checks), name + ".yaml");
        if (!r.problems().isEmpty()) {
            throw new IllegalStateException(r.problems().stream().map(Problem::toString).toList().toString());
        }
        return r.rollout().orElseThrow();
    }

    /** The four series of each side of one rollout, each generator with its own seed. */
    static String generators(String name, Case c, int seed) {
        StringBuilder b = new StringBuilder();
        for (String side : List.of("b", "g")) {
            boolean canary = side.equals("g");
            String dims = "{LoadBalancer: " + LB + ", TargetGroup: targetgroup/" + name + "-" + side + "/0123456789abcdef}";
            String id = name + "-" + side + "-requests";
            b.append("""
                        - {id: %s, namespace: AWS/ApplicationELB, metric: RequestCount, dimensions: %s, kind: count,
                           value: %s, noise: 0.05, seed: %d}
                        - {namespace: AWS/ApplicationELB, metric: HTTPCode_Target_5XX_Count, dimensions: %s, kind: count,
                           relativeTo: %s, value: %s, seed: %d}
                        - {namespace: AWS/ApplicationELB, metric: TargetResponseTime, dimensions: %s, value: %s, valueStat: p95,
                           spread: 0.4, samplesPerMinute: %s, noise: 0.05, seed: %d}
                    """.formatted(id, dims, REQUESTS * (canary ? WEIGHT : 1 - WEIGHT), seed + (canary ? 1 : 0),
                    dims, id, ERRORS + (canary ? c.extraErrors() : 0), seed + (canary ? 3 : 2),
                    dims, P95 * (canary ? c.latencyFactor() : 1), REQUESTS * (canary ? WEIGHT : 1 - WEIGHT),
                    seed + (canary ? 5 : 4)));
        }
        return b.toString();
    }

    static AnalysisClients cloudWatchOnly(CloudWatchClient cw) {
        return new AnalysisClients() {
            @Override
            public CloudWatchClient cloudWatch(Rollout.AwsScope scope) {
                return cw;
            }

            @Override
            public ElasticLoadBalancingV2Client elasticLoadBalancing(Rollout.AwsScope scope) {
                throw new IllegalStateException("a calibration replays CloudWatch checks only");
            }

            @Override
            public EcsClient ecs(Rollout.AwsScope scope) {
                throw new IllegalStateException("a calibration replays CloudWatch checks only");
            }
        };
    }

    @SuppressWarnings("unchecked")
    static long callCount(SimServer sim) {
        Map<String, Object> ops = (Map<String, Object>) sim.control().calls().snapshot().getOrDefault("monitoring", Map.of());
        Map<String, Object> outcomes = (Map<String, Object>) ops.getOrDefault("GetMetricData", Map.of());
        return outcomes.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }
}
