package io.sluice.analysis;

import io.sluice.model.Rollout;

/** Rollout files of the four scenarios' shapes, with the checks under test. */
final class Rollouts {
    static final String LB = "app/web/fedcba9876543210";
    static final String BLUE_TG = "targetgroup/web-blue/0123456789abcde0";
    static final String GREEN_TG = "targetgroup/web-green/0123456789abcdef";
    static final String TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";

    private Rollouts() {
    }

    /** An ALB canary blue -> green; {@code checks} is the YAML list under analysis.checks. */
    static Rollout alb(String name, String region, String blueArn, String greenArn, String checks) {
        return AnalysisSim.rollout("""
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata:
                  name: %s
                spec:
                  target:
                    alb:
                      listenerArn: arn:aws:elasticloadbalancing:%s:123456789012:listener/app/web/fedcba9876543210/f2f7dc8efc522ab2
                      targetGroups:
                        blue: %s
                        green: %s
                  active: green
                  aws: { region: %s }
                  strategy:
                    steps:
                      - setWeight: 10
                      - setWeight: 100
                  analysis:
                    interval: 30s
                    checks:
                %s
                """.formatted(name, region, blueArn, greenArn, region, checks.indent(6)));
    }

    static Rollout alb(String name, String checks) {
        return alb(name, "us-east-1", TG_ARN + BLUE_TG, TG_ARN + GREEN_TG, checks);
    }

    static final String FIVE_XX_RATE = """
            - name: five-xx-rate
              cloudwatch:
                period: 1m
                lookback: 3m
                queries:
                  errors:
                    namespace: AWS/ApplicationELB
                    metric: HTTPCode_Target_5XX_Count
                    stat: Sum
                    dimensions: { LoadBalancer: app/web/fedcba9876543210, TargetGroup: "{{targetGroup}}" }
                  requests:
                    namespace: AWS/ApplicationELB
                    metric: RequestCount
                    stat: Sum
                    dimensions: { LoadBalancer: app/web/fedcba9876543210, TargetGroup: "{{targetGroup}}" }
                expression: errors / requests
              failIf: { above: 0.01 }
            """;

    static Rollout lambda(String name, String checks) {
        return lambda(name, "", checks);
    }

    /** A Lambda rollout whose analysis has {@code analysisFields} (e.g. {@code "alarmAtStart: ignore"}) too. */
    static Rollout lambda(String name, String analysisFields, String checks) {
        return AnalysisSim.rollout("""
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata:
                  name: %s
                spec:
                  target:
                    lambda: { functionName: orchestrator, alias: live }
                  version: "2"
                  strategy:
                    steps:
                      - setWeight: 10
                      - setWeight: 100
                  analysis:
                    interval: 30s
                %s    checks:
                %s
                """.formatted(name, analysisFields.isEmpty() ? "" : "    " + analysisFields + "\n", checks.indent(6)));
    }

    static Rollout ecs(String name, String service, String checks) {
        return AnalysisSim.rollout("""
                apiVersion: sluice.io/v1alpha1
                kind: Rollout
                metadata:
                  name: %s
                spec:
                  target:
                    ecs: { cluster: rag, service: %s }
                  taskDefinition: rag-backend:42
                  strategy:
                    steps:
                      - setWeight: 100
                  analysis:
                    interval: 1m
                    checks:
                %s
                """.formatted(name, service, checks.indent(6)));
    }
}
