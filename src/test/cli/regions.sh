#!/usr/bin/env bash
# Checks with the official aws CLI that the simulator scopes resources by region: the same call
# succeeds signed for the resource's region and gets AWS's error signed for another one.
# Usage: regions.sh ENDPOINT_URL, with the simulator started on the scenario below.
# scenario: src/test/resources/sim/two-regions.yaml
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
unset AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION
in_region() { local region="$1"; shift; ${AWS:-aws} --endpoint-url "$endpoint" --region "$region" --output json "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # expect DESCRIPTION EXPECTED ACTUAL
  [[ "$2" == "$3" ]] || fail "$1: expected '$2', got '$3'"
  echo "ok: $1"
}
refused() { # refused DESCRIPTION EXPECTED-ERROR-TEXT REGION ARGS...: the call fails and says EXPECTED-ERROR-TEXT
  local what="$1" text="$2" region="$3" out
  shift 3
  if out="$(in_region "$region" "$@" 2>&1)"; then
    fail "$what: accepted in $region: $out"
  fi
  grep -qF -- "$text" <<<"$out" || fail "$what: expected '$text', got: $out"
  echo "ok: $what"
}

# ELBv2: the listener of ap-northeast-2, read in its region and from two others.
lb="$(in_region ap-northeast-2 elbv2 describe-load-balancers --names shop | jq -r '.LoadBalancers[0].LoadBalancerArn')"
[[ "$lb" == arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/shop/* ]] || fail "Seoul ALB: $lb"
listener="$(in_region ap-northeast-2 elbv2 describe-listeners --load-balancer-arn "$lb" | jq -r '.Listeners[0].ListenerArn')"
green="$(in_region ap-northeast-2 elbv2 describe-target-groups --names shop-green | jq -r '.TargetGroups[0].TargetGroupArn')"
weights() { # weights REGION LISTENER -> blue/green
  in_region "$1" elbv2 describe-listeners --listener-arns "$2" \
    | jq -r '.Listeners[0].DefaultActions[0].ForwardConfig.TargetGroups
             | map({(.TargetGroupArn | capture("targetgroup/(?<n>[^/]+)/").n): .Weight}) | add
             | "\(.["shop-blue"])/\(.["shop-green"])"'
}
expect "describe-listeners in ap-northeast-2" "90/10" "$(weights ap-northeast-2 "$listener")"
refused "describe-listeners of ap-northeast-2 signed for us-east-1" \
  "(ValidationError) when calling the DescribeListeners operation: '$listener' is not a valid listener ARN" \
  us-east-1 elbv2 describe-listeners --listener-arns "$listener"
refused "describe-listeners of ap-northeast-2 signed for eu-west-1" "'$listener' is not a valid listener ARN" \
  eu-west-1 elbv2 describe-listeners --listener-arns "$listener"
actions="$(in_region ap-northeast-2 elbv2 describe-listeners --listener-arns "$listener" \
  | jq -c '.Listeners[0].DefaultActions | map(del(.TargetGroupArn)) | .[0].ForwardConfig.TargetGroups |= map(.Weight = 50)')"
refused "modify-listener of ap-northeast-2 signed for us-east-1" "'$listener' is not a valid listener ARN" \
  us-east-1 elbv2 modify-listener --listener-arn "$listener" --default-actions "$actions"
expect "weights unchanged after the refused modify-listener" "90/10" "$(weights ap-northeast-2 "$listener")"
in_region ap-northeast-2 elbv2 modify-listener --listener-arn "$listener" --default-actions "$actions" > /dev/null
expect "modify-listener in ap-northeast-2" "50/50" "$(weights ap-northeast-2 "$listener")"
rule="$(in_region ap-northeast-2 elbv2 describe-rules --listener-arn "$listener" | jq -r '.Rules[] | select(.IsDefault | not) | .RuleArn')"
refused "describe-rules of ap-northeast-2 signed for eu-west-1" "'$rule' is not a valid listener rule ARN" \
  eu-west-1 elbv2 describe-rules --rule-arns "$rule"
expect "describe-target-health in ap-northeast-2" "healthy" \
  "$(in_region ap-northeast-2 elbv2 describe-target-health --target-group-arn "$green" | jq -r '.TargetHealthDescriptions[0].TargetHealth.State')"
refused "describe-target-health of ap-northeast-2 signed for eu-west-1" "'$green' is not a valid target group ARN" \
  eu-west-1 elbv2 describe-target-health --target-group-arn "$green"
refused "describe-target-group-attributes of ap-northeast-2 signed for us-east-1" "'$green' is not a valid target group ARN" \
  us-east-1 elbv2 describe-target-group-attributes --target-group-arn "$green"
expect "eu-west-1 has its own listener under the same name" "100/0" \
  "$(weights eu-west-1 "$(in_region eu-west-1 elbv2 describe-listeners --load-balancer-arn \
      "$(in_region eu-west-1 elbv2 describe-load-balancers --names shop | jq -r '.LoadBalancers[0].LoadBalancerArn')" \
      | jq -r '.Listeners[0].ListenerArn')")"

# Lambda: the endpoint's region must be the function ARN's.
ireland_fn=arn:aws:lambda:eu-west-1:123456789012:function:orchestrator
expect "get-alias in eu-west-1" "3" "$(in_region eu-west-1 lambda get-alias --function-name "$ireland_fn" --name live | jq -r .FunctionVersion)"
refused "get-alias of eu-west-1 signed for ap-northeast-2" \
  "(ResourceNotFoundException) when calling the GetAlias operation: Functions from 'eu-west-1' are not reachable in this region ('ap-northeast-2')" \
  ap-northeast-2 lambda get-alias --function-name "$ireland_fn" --name live
refused "update-alias of eu-west-1 signed for us-east-1" "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')" \
  us-east-1 lambda update-alias --function-name "$ireland_fn" --name live --function-version 2
refused "get-function of eu-west-1 signed for ap-northeast-2" "Functions from 'eu-west-1' are not reachable" \
  ap-northeast-2 lambda get-function --function-name "$ireland_fn"
refused "a function of another account" "(AccessDeniedException) when calling the GetAlias operation: User: arn:aws:iam::123456789012:user/sluice-sim is not authorized to perform: lambda:GetAlias" \
  eu-west-1 lambda get-alias --function-name arn:aws:lambda:eu-west-1:210987654321:function:orchestrator --name live

# ECS: services by name or ARN, never by an ARN of another region.
seoul_svc=arn:aws:ecs:ap-northeast-2:123456789012:service/prod/web-green
expect "describe-services by ARN in ap-northeast-2" "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/web:42" \
  "$(in_region ap-northeast-2 ecs describe-services --cluster prod --services "$seoul_svc" | jq -r '.services[0].taskDefinition')"
refused "describe-services of ap-northeast-2 signed for eu-west-1" \
  "(InvalidParameterException) when calling the DescribeServices operation: Invalid Region in ARN" \
  eu-west-1 ecs describe-services --cluster prod --services "$seoul_svc"
refused "update-service of ap-northeast-2 signed for eu-west-1" "Invalid Region in ARN" \
  eu-west-1 ecs update-service --cluster prod --service "$seoul_svc" --force-new-deployment
refused "describe-task-definition of ap-northeast-2 signed for eu-west-1" "Invalid Region in ARN" \
  eu-west-1 ecs describe-task-definition --task-definition arn:aws:ecs:ap-northeast-2:123456789012:task-definition/web:42
refused "the cluster in a region that has none" "(ClusterNotFoundException)" us-east-1 ecs describe-services --cluster prod --services web-green

# CloudWatch: the same alarm name is evaluated per region; us-east-1 has none.
expect "alarm ARN in eu-west-1" "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-green-5xx" \
  "$(in_region eu-west-1 cloudwatch describe-alarms --alarm-names shop-green-5xx | jq -r '.MetricAlarms[0].AlarmArn')"
expect "no alarm in us-east-1" "0" "$(in_region us-east-1 cloudwatch describe-alarms --alarm-names shop-green-5xx | jq '.MetricAlarms | length')"

# Route 53 is global: any region signs for the same zones.
for region in us-east-1 ap-northeast-2 eu-west-1; do
  expect "list-hosted-zones signed for $region" "shop.example.com." \
    "$(in_region "$region" route53 list-hosted-zones | jq -r '[.HostedZones[].Name] | join(",")')"
done
refused "a hosted zone of another account" "(AccessDenied) when calling the GetHostedZone operation" \
  ap-northeast-2 route53 get-hosted-zone --id Z0TENANTEXAMPLE1
echo "all region CLI checks passed"
