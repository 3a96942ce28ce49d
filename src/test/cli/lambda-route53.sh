#!/usr/bin/env bash
# Checks the simulator's Lambda and Route 53 against the official aws CLI.
# Usage: lambda-route53.sh ENDPOINT_URL, with the simulator started on lambda-route53-scenario.yaml.
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
aws_cli() { ${AWS:-aws} --endpoint-url "$endpoint" --region us-east-1 --output json "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # expect JSON JQ-FILTER EXPECTED DESCRIPTION
  local got
  got="$(jq -r "$2" <<<"$1")"
  [[ "$got" == "$3" ]] || fail "$4: expected '$3', got '$got' in $1"
}

# Lambda: read the alias, shift 10 % to version 2, and be fenced by a stale revision.
alias_json="$(aws_cli lambda get-alias --function-name orchestrator --name live)"
expect "$alias_json" .FunctionVersion 1 "get-alias FunctionVersion"
expect "$alias_json" .AliasArn "arn:aws:lambda:us-east-1:123456789012:function:orchestrator:live" "get-alias AliasArn"
stale_revision="$(jq -r .RevisionId <<<"$alias_json")"

updated="$(aws_cli lambda update-alias --function-name orchestrator --name live --function-version 1 \
  --routing-config '{"AdditionalVersionWeights":{"2":0.1}}' --revision-id "$stale_revision")"
expect "$updated" '.RoutingConfig.AdditionalVersionWeights["2"]' 0.1 "update-alias weight of version 2"
[[ "$(jq -r .RevisionId <<<"$updated")" != "$stale_revision" ]] || fail "update-alias kept the RevisionId"
expect "$(aws_cli lambda get-alias --function-name orchestrator --name live)" \
  '.RoutingConfig.AdditionalVersionWeights["2"]' 0.1 "get-alias after update-alias"

if error="$(aws_cli lambda update-alias --function-name orchestrator --name live --function-version 1 \
  --routing-config '{"AdditionalVersionWeights":{"2":0.5}}' --revision-id "$stale_revision" 2>&1)"; then
  fail "update-alias with a stale revision id succeeded: $error"
fi
[[ "$error" == *PreconditionFailedException* ]] || fail "stale revision id: expected PreconditionFailedException, got: $error"
expect "$(aws_cli lambda get-alias --function-name orchestrator --name live)" \
  '.RoutingConfig.AdditionalVersionWeights["2"]' 0.1 "weight after the refused update"

# Route 53: one atomic batch of two weighted records, read back, and a change that is still PENDING.
batch='{"Comment":"canary 10%","Changes":[
  {"Action":"UPSERT","ResourceRecordSet":{"Name":"api.example.com","Type":"A","SetIdentifier":"blue","Weight":90,"TTL":60,"ResourceRecords":[{"Value":"192.0.2.10"}]}},
  {"Action":"UPSERT","ResourceRecordSet":{"Name":"api.example.com","Type":"A","SetIdentifier":"green","Weight":10,"TTL":60,"ResourceRecords":[{"Value":"192.0.2.20"}]}}]}'
change="$(aws_cli route53 change-resource-record-sets --hosted-zone-id Z0EXAMPLE1 --change-batch "$batch")"
expect "$change" .ChangeInfo.Status PENDING "change-resource-record-sets status"
change_id="$(jq -r .ChangeInfo.Id <<<"$change")"
[[ "$change_id" == /change/C* ]] || fail "change id should look like /change/C...: $change_id"

records="$(aws_cli route53 list-resource-record-sets --hosted-zone-id Z0EXAMPLE1)"
expect "$records" '[.ResourceRecordSets[] | select(.Name == "api.example.com." and .SetIdentifier == "blue") | .Weight][0]' 90 "blue weight"
expect "$records" '[.ResourceRecordSets[] | select(.Name == "api.example.com." and .SetIdentifier == "green") | .Weight][0]' 10 "green weight"
expect "$records" '[.ResourceRecordSets[] | select(.Name == "api.example.com.") | .TTL] | unique | join(",")' 60 "shared TTL"

expect "$(aws_cli route53 get-change --id "$change_id")" .ChangeInfo.Status PENDING "get-change status"

echo "lambda-route53: all CLI checks passed ($(${AWS:-aws} --version 2>&1 | head -1))"
