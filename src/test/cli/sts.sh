#!/usr/bin/env bash
# Checks the simulator's STS AssumeRole with the official aws CLI.
# Usage: sts.sh ENDPOINT_URL   (simulator started with sts-scenario.yaml)
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
unset AWS_SESSION_TOKEN
aws_cli() { ${AWS:-aws} --endpoint-url "$endpoint" --region us-east-1 --output json "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. assume the role, then call as its session
out=$(aws_cli sts assume-role --role-arn arn:aws:iam::123456789012:role/sluice-deployer --role-session-name sluice)
read -r key secret token arn < <(echo "$out" | python3 -c '
import json, sys
r = json.load(sys.stdin)
c = r["Credentials"]
assert c["AccessKeyId"].startswith("ASIA"), c
assert c["Expiration"], c
print(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"], r["AssumedRoleUser"]["Arn"])
') || fail "assume-role: $out"
[ "$arn" = "arn:aws:sts::123456789012:assumed-role/sluice-deployer/sluice" ] || fail "assumed-role ARN: $arn"
who=$(AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token aws_cli sts get-caller-identity)
echo "$who" | grep -q '"arn:aws:sts::123456789012:assumed-role/sluice-deployer/sluice"' || fail "get-caller-identity: $who"
echo "ok assume-role: the session is the caller of its own requests"

# 2. a role the scenario does not allow
if err=$(aws_cli sts assume-role --role-arn arn:aws:iam::123456789012:role/admin --role-session-name sluice 2>&1); then
  fail "assuming admin was allowed: $err"
fi
grep -q "AccessDenied" <<<"$err" || fail "assume-role admin should give AccessDenied: $err"
echo "ok assume-role: a role not allowed gets AccessDenied"
