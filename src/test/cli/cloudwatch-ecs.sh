#!/usr/bin/env bash
# Checks the simulator's CloudWatch and ECS with the official aws CLI.
# Usage: cloudwatch-ecs.sh ENDPOINT_URL   (simulator started with cloudwatch-ecs-scenario.yaml)
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
aws_cli() { ${AWS:-aws} --endpoint-url "$endpoint" --region us-east-1 --output json "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

start=$(date -u -d '-20 min' +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u +%Y-%m-%dT%H:%M:%SZ)
dims_tg='[{"Name":"TargetGroup","Value":"targetgroup/green/0123456789abcdef"},{"Name":"LoadBalancer","Value":"app/web/fedcba9876543210"}]'

# 1. a generated metric and a metric-math rate
queries=$(cat <<JSON
[
 {"Id":"cpu","MetricStat":{"Metric":{"Namespace":"AWS/ECS","MetricName":"CPUUtilization",
   "Dimensions":[{"Name":"ClusterName","Value":"prod"},{"Name":"ServiceName","Value":"web"}]},"Period":60,"Stat":"Average"}},
 {"Id":"errors","ReturnData":false,"MetricStat":{"Metric":{"Namespace":"AWS/ApplicationELB",
   "MetricName":"HTTPCode_Target_5XX_Count","Dimensions":$dims_tg},"Period":300,"Stat":"Sum"}},
 {"Id":"requests","ReturnData":false,"MetricStat":{"Metric":{"Namespace":"AWS/ApplicationELB",
   "MetricName":"RequestCount","Dimensions":$dims_tg},"Period":300,"Stat":"Sum"}},
 {"Id":"rate","Expression":"100 * errors / requests","Label":"5xx percent"}
]
JSON
)
out=$(aws_cli cloudwatch get-metric-data --start-time "$start" --end-time "$end" --metric-data-queries "$queries")
echo "$out" | python3 -c '
import json, sys
r = {m["Id"]: m for m in json.load(sys.stdin)["MetricDataResults"]}
assert set(r) == {"cpu", "rate"}, "ReturnData false must hide errors and requests: %s" % sorted(r)
cpu = r["cpu"]
assert cpu["StatusCode"] == "Complete", cpu
assert len(cpu["Values"]) >= 15, "expected about 19 minutes of CPU data, got %d" % len(cpu["Values"])
assert all(abs(v - 40) < 1e-9 for v in cpu["Values"]), cpu["Values"]
assert cpu["Timestamps"] == sorted(cpu["Timestamps"], reverse=True), "newest first by default"
rate = r["rate"]
assert rate["Label"] == "5xx percent", rate
assert rate["Values"] and all(abs(v - 0.2) < 0.05 for v in rate["Values"]), rate["Values"]
' || fail "get-metric-data: $out"
echo "ok get-metric-data: CPUUtilization 40, 5xx rate 0.2%"

# 2. a validation error in the protocol's error shape
if err=$(aws_cli cloudwatch get-metric-data --start-time "$start" --end-time "$end" --metric-data-queries \
    '[{"Id":"cpu","MetricStat":{"Metric":{"Namespace":"AWS/ECS","MetricName":"CPUUtilization"},"Period":61,"Stat":"Average"}}]' 2>&1); then
  fail "Period 61 was accepted: $err"
fi
grep -q "InvalidParameterValue" <<<"$err" || fail "Period 61 should give InvalidParameterValue: $err"
echo "ok get-metric-data: Period 61 refused with InvalidParameterValue"

# 3. alarms evaluated from the generated metric
out=$(aws_cli cloudwatch describe-alarms --alarm-names web-cpu-high web-cpu-busy)
echo "$out" | python3 -c '
import json, sys
alarms = {a["AlarmName"]: a for a in json.load(sys.stdin)["MetricAlarms"]}
assert alarms["web-cpu-high"]["StateValue"] == "OK", alarms["web-cpu-high"]
assert alarms["web-cpu-busy"]["StateValue"] == "ALARM", alarms["web-cpu-busy"]
assert alarms["web-cpu-busy"]["Threshold"] == 30.0 and alarms["web-cpu-busy"]["EvaluationPeriods"] == 3
' || fail "describe-alarms: $out"
out=$(aws_cli cloudwatch describe-alarms --state-value ALARM)
[ "$(jq -r '[.MetricAlarms[].AlarmName] | join(",")' <<<"$out")" = "web-cpu-busy" ] || fail "state filter: $out"
echo "ok describe-alarms: web-cpu-high OK, web-cpu-busy ALARM"

# 4. ECS: a steady service, then an update that starts a new PRIMARY deployment
out=$(aws_cli ecs describe-services --cluster prod --services web missing)
jq -e '.services[0].runningCount == 4 and (.services[0].deployments | length) == 1
       and .services[0].deployments[0].rolloutState == "COMPLETED"
       and (.services[0].taskDefinition | endswith("task-definition/web:6"))
       and .failures[0].reason == "MISSING"' >/dev/null <<<"$out" || fail "describe-services: $out"
echo "ok ecs describe-services: web steady on web:6, missing service reported MISSING"

aws_cli ecs update-service --cluster prod --service web --task-definition web:7 >/dev/null
out=$(aws_cli ecs describe-services --cluster prod --services web)
jq -e '(.services[0].deployments | length) == 2
       and .services[0].deployments[0].status == "PRIMARY"
       and .services[0].deployments[0].rolloutState == "IN_PROGRESS"
       and (.services[0].deployments[0].taskDefinition | endswith("task-definition/web:7"))
       and .services[0].deployments[1].status == "ACTIVE"' >/dev/null <<<"$out" || fail "after update-service: $out"
echo "ok ecs update-service: new PRIMARY deployment of web:7 IN_PROGRESS, web:6 ACTIVE"

if err=$(aws_cli ecs update-service --cluster prod --service nope --desired-count 1 2>&1); then
  fail "update of a missing service succeeded: $err"
fi
grep -q "ServiceNotFoundException" <<<"$err" || fail "expected ServiceNotFoundException: $err"
echo "ok ecs update-service: missing service refused with ServiceNotFoundException"
echo "all cloudwatch-ecs checks passed"
