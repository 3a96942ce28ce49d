#!/usr/bin/env bash
# Checks the simulator's ELBv2 and STS against the official aws CLI.
# Usage: elbv2.sh http://127.0.0.1:4566   (simulator started with src/test/cli/elbv2-scenario.yaml,
# its clock not advanced yet). AWS=/usr/bin/aws selects another CLI.
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
aws_() { ${AWS:-aws} --endpoint-url "$endpoint" --region us-east-1 --output json "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # expect DESCRIPTION EXPECTED ACTUAL
  [[ "$2" == "$3" ]] || fail "$1: expected '$2', got '$3'"
  echo "ok: $1"
}

lb=$(aws_ elbv2 describe-load-balancers --names shop | jq -r '.LoadBalancers[0].LoadBalancerArn')
[[ "$lb" == arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/* ]] || fail "load balancer ARN: $lb"
listener=$(aws_ elbv2 describe-listeners --load-balancer-arn "$lb" | jq -r '.Listeners[] | select(.Port == 80) | .ListenerArn')
blue=$(aws_ elbv2 describe-target-groups --names shop-blue | jq -r '.TargetGroups[0].TargetGroupArn')
green=$(aws_ elbv2 describe-target-groups --names shop-green | jq -r '.TargetGroups[0].TargetGroupArn')

weights() {
  aws_ elbv2 describe-listeners --listener-arns "$listener" \
    | jq -r --arg b "$blue" --arg g "$green" \
        '.Listeners[0].DefaultActions[0].ForwardConfig.TargetGroups
         | map({(.TargetGroupArn): .Weight}) | add | "\(.[$b])/\(.[$g])"'
}
expect "initial weights blue/green" "100/0" "$(weights)"

aws_ elbv2 modify-listener --listener-arn "$listener" --default-actions "$(jq -cn --arg b "$blue" --arg g "$green" \
  '[{Type: "forward", ForwardConfig: {TargetGroups: [{TargetGroupArn: $b, Weight: 90}, {TargetGroupArn: $g, Weight: 10}],
     TargetGroupStickinessConfig: {Enabled: false}}}]')" > /dev/null
expect "weights after modify-listener" "90/10" "$(weights)"

stickiness=$(aws_ elbv2 describe-listeners --listener-arns "$listener" \
  | jq -r '.Listeners[0].DefaultActions[0].ForwardConfig.TargetGroupStickinessConfig.Enabled')
expect "group stickiness reported" "false" "$stickiness"

if out=$(aws_ elbv2 modify-listener --listener-arn "$listener" --default-actions "$(jq -cn --arg b "$blue" --arg g "$green" \
    '[{Type: "forward", ForwardConfig: {TargetGroups: [{TargetGroupArn: $b, Weight: 1000}, {TargetGroupArn: $g, Weight: 0}]}}]')" 2>&1); then
  fail "a weight of 1000 was accepted"
fi
grep -q "ValidationError" <<<"$out" || fail "weight 1000 refused without ValidationError: $out"
echo "ok: weight 1000 refused with ValidationError"
expect "weights unchanged after refusal" "90/10" "$(weights)"

health() { # health TG_ARN TARGET_ID -> state[/reason]
  aws_ elbv2 describe-target-health --target-group-arn "$1" \
    | jq -r --arg id "$2" '.TargetHealthDescriptions[] | select(.Target.Id == $id) | .TargetHealth
                           | .State + (if .Reason then "/" + .Reason else "" end)'
}
expect "blue target healthy" "healthy" "$(health "$blue" 10.0.1.10)"
expect "green target unhealthy" "unhealthy/Target.ResponseCodeMismatch" "$(health "$green" 10.0.2.10)"
expect "freshly registered green target initial" "initial/Elb.RegistrationInProgress" "$(health "$green" 10.0.2.11)"

aws_ elbv2 deregister-targets --target-group-arn "$blue" --targets Id=10.0.1.11 > /dev/null
expect "deregistered blue target draining" "draining/Target.DeregistrationInProgress" "$(health "$blue" 10.0.1.11)"

identity=$(aws_ sts get-caller-identity)
expect "sts account" "123456789012" "$(jq -r .Account <<<"$identity")"
[[ "$(jq -r .Arn <<<"$identity")" == arn:aws:iam::123456789012:* ]] || fail "sts arn: $identity"
echo "ok: sts get-caller-identity"
echo "all elbv2/sts CLI checks passed"
