package io.sluice.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Analysis;
import io.sluice.model.Check;
import io.sluice.model.Rollout;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/** All queries of all due rollouts go out in as few GetMetricData calls as CloudWatch allows. */
class CloudWatchBatchingTest {
    AnalysisSim sim;

    @BeforeEach
    void start() throws Exception {
        sim = new AnalysisSim(CloudWatchMetricsTest.ALB_SCENARIO);
        sim.advance(Duration.ofMinutes(8));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static List<AnalysisRequest> rollouts(int count, String region) {
        List<AnalysisRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tg = Rollouts.TG_ARN.replace("us-east-1", region);
            Rollout r = Rollouts.alb("web-" + region + "-" + i, region, tg + Rollouts.BLUE_TG, tg + Rollouts.GREEN_TG,
                    Rollouts.FIVE_XX_RATE);
            requests.add(AnalysisSim.request(r, "green", "blue", List.of()));
        }
        return requests;
    }

    @Test
    void twoHundredRolloutsWithThreeQueriesEachTakeTwoCalls() {
        // 600 queries; a check's 3 queries never split: 166 checks (498 queries) + 34 checks (102 queries)
        Map<String, List<CheckStatus>> measured = sim.measure(rollouts(200, "us-east-1"));
        assertEquals(2, sim.calls("monitoring", "GetMetricData"));
        assertEquals(200, measured.size());
        measured.forEach((rollout, checks) -> {
            assertEquals(Result.fail, checks.get(0).result(), rollout);
            assertEquals(0.06, checks.get(0).value().orElseThrow(), 1e-9, rollout);
        });
    }

    @Test
    void aThousandRolloutsTakeSevenCalls() {
        List<AnalysisRequest> requests = rollouts(1000, "us-east-1");
        long started = System.nanoTime();
        Map<String, List<CheckStatus>> measured = sim.measure(requests);
        long millis = (System.nanoTime() - started) / 1_000_000;
        // ceil(1000 / floor(500 / 3)) = ceil(1000 / 166)
        assertEquals(7, sim.calls("monitoring", "GetMetricData"));
        assertEquals(1000, measured.size());
        System.out.println("1000 rollouts, 3000 queries: 7 GetMetricData calls, measure took " + millis + " ms");
    }

    @Test
    void rolloutsOfAnotherRegionGetTheirOwnCall() {
        List<AnalysisRequest> requests = new ArrayList<>(rollouts(10, "us-east-1"));
        requests.addAll(rollouts(3, "eu-west-1"));
        sim.measure(requests);
        assertEquals(2, sim.calls("monitoring", "GetMetricData"));
    }

    @Test
    void oneRolloutsRefusedQueryDoesNotCostTheOthersTheirMeasurement() {
        List<AnalysisRequest> requests = new ArrayList<>(rollouts(20, "us-east-1"));
        Rollout good = requests.get(7).rollout();
        Check.CloudWatch cw = (Check.CloudWatch) good.analysis().orElseThrow().checks().get(0).source();
        // a statistic CloudWatch refuses (InvalidParameterValue for the whole call)
        Check broken = new Check("five-xx-rate", new Check.CloudWatch(cw.period(), cw.lookback(), Map.of("m",
                new Check.MetricQuery("AWS/ApplicationELB", "RequestCount", "tm90x", Map.of("TargetGroup", "{{targetGroup}}"))),
                Optional.empty()), Optional.of(new Check.Threshold(Optional.of(1.0), Optional.empty())), Optional.empty(), 1,
                Check.NoData.INCONCLUSIVE, 0);
        Analysis a = good.analysis().orElseThrow();
        Rollout bad = new Rollout(good.name(), good.source(), good.aws(), good.target(), good.desiredVersion(), good.strategy(),
                Optional.of(new Analysis(a.interval(), a.startAfterStep(), a.settle(), a.maxConsecutiveErrors(), List.of(broken))),
                good.rollback(), false, false, 0, 0, good.driftPolicy());
        requests.set(7, AnalysisSim.request(bad, "green", "blue", List.of()));

        Map<String, List<CheckStatus>> measured = sim.measure(requests);
        measured.forEach((rollout, checks) -> assertEquals(rollout.equals(bad.name()) ? Result.error : Result.fail,
                checks.get(0).result(), rollout));
        assertTrue(sim.calls("monitoring", "GetMetricData") <= 1 + 2 * 5, "halving finds the refused check in log2(20) rounds");
    }

    @Test
    void queryIdsAreUniqueAndValidAndExpressionsReferToTheirOwnSide() {
        Rollout r = AnalysisSim.rollout(yamlOfLambdaWithCompareAndExpression());
        Pattern valid = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");
        Set<String> ids = new HashSet<>();
        List<MetricDataQuery> all = new ArrayList<>();
        int n = 0;
        for (Check c : r.analysis().orElseThrow().checks()) {
            MetricQueries.Built b = MetricQueries.build(DueCheck.of(AnalysisSim.request(r, "2", "1", List.of()), c), n++);
            all.addAll(b.group().orElseThrow().queries());
        }
        for (MetricDataQuery q : all) {
            assertTrue(valid.matcher(q.id()).matches(), q.id());
            assertTrue(ids.add(q.id()), "duplicate id " + q.id());
        }
        MetricDataQuery canaryExpression = all.stream().filter(q -> q.id().equals("e0c")).findFirst().orElseThrow();
        assertEquals("(q0c_errors + 0) / q0c_invocations * 100", canaryExpression.expression());
        assertTrue(canaryExpression.returnData());
        MetricDataQuery stableExpression = all.stream().filter(q -> q.id().equals("e0s")).findFirst().orElseThrow();
        assertEquals("(q0s_errors + 0) / q0s_invocations * 100", stableExpression.expression());
        MetricDataQuery stableErrors = all.stream().filter(q -> q.id().equals("q0s_errors")).findFirst().orElseThrow();
        assertEquals(false, stableErrors.returnData());
        assertEquals("1", stableErrors.metricStat().metric().dimensions().stream()
                .filter(d -> d.name().equals("ExecutedVersion")).findFirst().orElseThrow().value());
    }

    static String yamlOfLambdaWithCompareAndExpression() {
        return """
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata:
                  name: orchestrator
                spec:
                  target:
                    lambda: { functionName: orchestrator, alias: live }
                  version: "2"
                  strategy:
                    steps:
                      - setWeight: 100
                  analysis:
                    checks:
                      - name: error-percent-vs-stable
                        cloudwatch:
                          queries:
                            errors: { namespace: AWS/Lambda, metric: Errors, stat: Sum, dimensions: %1$s }
                            invocations: { namespace: AWS/Lambda, metric: Invocations, stat: Sum, dimensions: %1$s }
                          expression: (errors + 0) / invocations * 100
                        compareToStable: { maxRatio: 2 }
                      - name: p99
                        cloudwatch: { namespace: AWS/Lambda, metric: Duration, stat: p99.9, dimensions: %1$s }
                        failIf: { above: 900 }
                """.formatted(CloudWatchMetricsTest.lambdaDimensions("{{version}}"));
    }
}
