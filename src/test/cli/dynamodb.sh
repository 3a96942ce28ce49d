#!/usr/bin/env bash
# Checks the simulator's DynamoDB with the official aws CLI.
# Usage: dynamodb.sh ENDPOINT_URL   (simulator started with dynamodb-scenario.yaml)
set -euo pipefail

endpoint="${1:?usage: $0 ENDPOINT_URL}"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_PAGER=""
aws_cli() { ${AWS:-aws} --endpoint-url "$endpoint" --region us-east-1 --output json "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
shard='{"shard":{"S":"123456789012/us-east-1"}}'

# 1. create a table; creating it again is ResourceInUseException
out=$(aws_cli dynamodb create-table --table-name locks --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=name,AttributeType=S --key-schema AttributeName=name,KeyType=HASH)
jq -e '.TableDescription.TableStatus == "CREATING"
       and .TableDescription.TableArn == "arn:aws:dynamodb:us-east-1:123456789012:table/locks"
       and .TableDescription.BillingModeSummary.BillingMode == "PAY_PER_REQUEST"' >/dev/null <<<"$out" \
  || fail "create-table: $out"
aws_cli dynamodb wait table-exists --table-name locks
if err=$(aws_cli dynamodb create-table --table-name locks --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=name,AttributeType=S --key-schema AttributeName=name,KeyType=HASH 2>&1); then
  fail "a second create-table was accepted: $err"
fi
grep -q "ResourceInUseException" <<<"$err" || fail "second create-table should give ResourceInUseException: $err"
echo "ok create-table: CREATING, then ACTIVE; again: ResourceInUseException"

# 2. a conditional put on a held lease fails with ConditionalCheckFailedException and leaves it alone
if err=$(aws_cli dynamodb put-item --table-name sluice-leases \
    --item '{"shard":{"S":"123456789012/us-east-1"},"owner":{"S":"instance-b"},"epoch":{"N":"1"}}' \
    --condition-expression 'attribute_not_exists(#s) OR expires < :now' \
    --expression-attribute-names '{"#s":"shard"}' --expression-attribute-values '{":now":{"N":"1764000000"}}' 2>&1); then
  fail "put-item over a live lease was accepted: $err"
fi
grep -q "ConditionalCheckFailedException" <<<"$err" || fail "put-item should give ConditionalCheckFailedException: $err"
echo "ok put-item: a live lease refuses a second owner with ConditionalCheckFailedException"

# 3. get-item, strongly consistent
out=$(aws_cli dynamodb get-item --table-name sluice-leases --key "$shard" --consistent-read)
jq -e '.Item.owner.S == "instance-a" and .Item.epoch.N == "3"' >/dev/null <<<"$out" || fail "get-item: $out"
echo "ok get-item: instance-a holds epoch 3"

# 4. a takeover: update-item under a condition, epoch + 1, ALL_NEW
out=$(aws_cli dynamodb update-item --table-name sluice-leases --key "$shard" \
  --update-expression 'SET #o = :me, epoch = epoch + :one, expires = :until' \
  --condition-expression '#o = :prev AND epoch = :seen' \
  --expression-attribute-names '{"#o":"owner"}' \
  --expression-attribute-values '{":me":{"S":"instance-b"},":prev":{"S":"instance-a"},":seen":{"N":"3"},":one":{"N":"1"},":until":{"N":"1764000030"}}' \
  --return-values ALL_NEW)
jq -e '.Attributes.owner.S == "instance-b" and .Attributes.epoch.N == "4" and .Attributes.expires.N == "1764000030"' \
  >/dev/null <<<"$out" || fail "update-item: $out"
if err=$(aws_cli dynamodb update-item --table-name sluice-leases --key "$shard" --update-expression 'SET epoch = epoch + :one' \
    --condition-expression 'epoch = :seen' --expression-attribute-values '{":one":{"N":"1"},":seen":{"N":"3"}}' 2>&1); then
  fail "an update under a stale epoch was accepted: $err"
fi
grep -q "ConditionalCheckFailedException" <<<"$err" || fail "stale update should give ConditionalCheckFailedException: $err"
echo "ok update-item: takeover to epoch 4 with ALL_NEW; a stale epoch is refused"

# 5. an unescaped reserved word is a ValidationException
if err=$(aws_cli dynamodb update-item --table-name sluice-leases --key "$shard" --update-expression 'SET owner = :me' \
    --expression-attribute-values '{":me":{"S":"x"}}' 2>&1); then
  fail "a reserved word was accepted: $err"
fi
grep -q "ValidationException.*reserved keyword: owner" <<<"$err" || fail "reserved word: $err"
echo "ok update-item: reserved word owner refused with ValidationException"

# 6. tables are regional: eu-west-1 has its own, empty
out=$(${AWS:-aws} --endpoint-url "$endpoint" --region eu-west-1 --output json dynamodb get-item --table-name sluice-leases --key "$shard")
[ -z "$out" ] || [ "$(jq -r '.Item // "none"' <<<"$out")" = "none" ] || fail "eu-west-1 sees the us-east-1 lease: $out"
echo "ok get-item: eu-west-1's sluice-leases is its own"
