package io.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.model.Rollout;
import io.sluice.model.RolloutFiles;
import io.sluice.model.status.Phase;
import io.sluice.model.status.RolloutStatus;
import io.sluice.model.status.RolloutStatus.CheckStatus;
import io.sluice.model.status.RolloutStatus.Result;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the API says about a judge check, a dry run and a value too thin to judge. */
class CheckViewsTest {
    static final Instant AT = Instant.parse("2026-11-24T10:10:00Z");

    static Rollout rollout() {
        return RolloutFiles.read("""
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata: { name: web }
                spec:
                  target:
                    alb:
                      listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/fedcba9876543210/f2f7dc8efc522ab2
                      targetGroups:
                        blue: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/0123456789abcde0
                        green: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-green/0123456789abcdef
                  active: green
                  strategy: { steps: [ { setWeight: 10 }, { setWeight: 100 } ] }
                  analysis:
                    checks:
                      - name: latency-judge
                        cloudwatch: { namespace: AWS/ApplicationELB, metric: TargetResponseTime, stat: p95,
                                      dimensions: { TargetGroup: "{{targetGroup}}" } }
                        judge: { direction: increase, minEffect: 20%, confidence: 0.995, failOnVarianceRise: true }
                      - name: cpu
                        cloudwatch: { namespace: AWS/EC2, metric: CPUUtilization, stat: Average }
                        failIf: { above: 90 }
                        dryRun: true
                """, "rollouts/web.yaml").rollout().orElseThrow();
    }

    @Test
    void aJudgeShowsItsRuleAndLastStatisticsAndADryRunIsMarked() {
        CheckStatus judged = new CheckStatus("latency-judge", Optional.of(0.41), Result.fail, AT, 1, 0, 0,
                Optional.of("canary median 98% higher than stable: worse"), Optional.of(9), Optional.of(2700L), false,
                Optional.of(new RolloutStatus.JudgeResult("mann-whitney", 81, 4.1e-5, 512, 0.98, false)));
        CheckStatus dry = new CheckStatus("cpu", Optional.of(97.0), Result.fail, AT, 3, 0, 0).withDryRun(true);
        RolloutStatus s = new RolloutStatus("web", Optional.empty(), 0, Phase.Progressing, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(judged, dry), "", List.of());
        List<RolloutView.CheckView> views = RolloutViews.checks(rollout(), s);

        RolloutView.CheckView j = views.get(0);
        assertEquals("fails when the canary is significantly higher than stable by 20% or more at 99.5% confidence"
                + " (sequential, or wider)", j.rule());
        RolloutView.JudgeView judge = j.judge().orElseThrow();
        assertEquals("increase", judge.direction());
        assertEquals(512, judge.last().orElseThrow().eValue());
        assertEquals(Optional.of(2700L), j.count());
        assertEquals(Optional.of("canary median 98% higher than stable: worse"), j.detail());

        RolloutView.CheckView cpu = views.get(1);
        assertTrue(cpu.dryRun());
        assertEquals("dry run: fails above 90 (reported only)", cpu.rule());
        assertEquals(Optional.empty(), cpu.judge());
    }
}
