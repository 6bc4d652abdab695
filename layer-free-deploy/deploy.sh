#!/usr/bin/env bash
# Deploys (or updates) the Lambda function with the AWS CLI: no layer, no container image.
#
#   BUCKET=my-media-bucket layer-free-deploy/deploy.sh
#
# Settings (environment):
#   BUCKET          bucket(s) the function may read, space-separated (required)
#   FUNCTION_NAME   default mediainfo-rs
#   ARCH            x86_64 (default) or arm64; the zip is dist/mediainfo-lambda-$ARCH.zip
#   ZIP             another zip to deploy
#   ROLE_NAME       default $FUNCTION_NAME-role
#   MEMORY          MB, default 512 (network and CPU grow with memory)
#   TIMEOUT         seconds, default 60
#   OUTPUT_BUCKET, OUTPUT_PREFIX   write each report there as a JSON sidecar (optional)
#   MEDIAINFO_OUTPUT               pymediainfo (default), json or text
#   LOG_FORMAT      Text (default) or JSON (Lambda's log format; the function follows it)
#   INVOKE_KEY      a key in the first BUCKET to analyze once deployed (optional)
#   AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL   as for any AWS CLI command
#
# What it does, as the old README's manual steps did: an IAM role that Lambda can assume, with
# basic execution (CloudWatch Logs) and read access to BUCKET (s3:ListBucket too, so that a
# missing key answers NoSuchKey rather than AccessDenied); then create-function with runtime
# provided.al2023 and handler bootstrap, or, when the function exists, update-function-code and
# update-function-configuration; then an optional test invoke.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${BUCKET:?set BUCKET to the bucket(s) the function reads}"
FUNCTION_NAME="${FUNCTION_NAME:-mediainfo-rs}"
ARCH="${ARCH:-x86_64}"
ZIP="${ZIP:-dist/mediainfo-lambda-$ARCH.zip}"
ROLE_NAME="${ROLE_NAME:-$FUNCTION_NAME-role}"
MEMORY="${MEMORY:-512}"
LOG_FORMAT="${LOG_FORMAT:-Text}"
TIMEOUT="${TIMEOUT:-60}"
[ -f "$ZIP" ] || { echo "$ZIP not found: run layer-free-deploy/build.sh $ARCH first" >&2; exit 1; }
case "$ARCH" in x86_64|arm64) ;; *) echo "ARCH must be x86_64 or arm64" >&2; exit 2 ;; esac

aws() { command aws --output json "$@"; }

echo "== role $ROLE_NAME"
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
if role_arn=$(aws iam get-role --role-name "$ROLE_NAME" --query Role.Arn --output text 2>/dev/null); then
  echo "exists: $role_arn"
  new_role=no
else
  role_arn=$(aws iam create-role --role-name "$ROLE_NAME" \
    --assume-role-policy-document "$trust" --query Role.Arn --output text)
  echo "created: $role_arn"
  new_role=yes
fi
aws iam attach-role-policy --role-name "$ROLE_NAME" \
  --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole

objects=""; buckets=""
for b in $BUCKET; do
  objects="$objects\"arn:aws:s3:::$b/*\","
  buckets="$buckets\"arn:aws:s3:::$b\","
done
statements="{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":[${objects%,}]},{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":[${buckets%,}]}"
if [ -n "${OUTPUT_BUCKET:-}" ]; then
  statements="$statements,{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::$OUTPUT_BUCKET/${OUTPUT_PREFIX:-}*\"}"
fi
aws iam put-role-policy --role-name "$ROLE_NAME" --policy-name s3-access \
  --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[$statements]}"

vars="MEDIAINFO_OUTPUT=${MEDIAINFO_OUTPUT:-pymediainfo}"
[ -n "${OUTPUT_BUCKET:-}" ] && vars="$vars,OUTPUT_BUCKET=$OUTPUT_BUCKET,OUTPUT_PREFIX=${OUTPUT_PREFIX:-}"
env_arg="Variables={$vars}"

echo "== function $FUNCTION_NAME ($ARCH, $(stat -c %s "$ZIP") bytes)"
if aws lambda get-function --function-name "$FUNCTION_NAME" >/dev/null 2>&1; then
  aws lambda update-function-code --function-name "$FUNCTION_NAME" \
    --zip-file "fileb://$ZIP" --architectures "$ARCH" >/dev/null
  aws lambda wait function-updated --function-name "$FUNCTION_NAME"
  aws lambda update-function-configuration --function-name "$FUNCTION_NAME" \
    --role "$role_arn" --runtime provided.al2023 --handler bootstrap \
    --memory-size "$MEMORY" --timeout "$TIMEOUT" --environment "$env_arg" \
    --logging-config "LogFormat=$LOG_FORMAT" >/dev/null
  aws lambda wait function-updated --function-name "$FUNCTION_NAME"
  echo "updated"
else
  # A new role takes a few seconds before Lambda may assume it.
  for attempt in 1 2 3 4 5 6; do
    if aws lambda create-function --function-name "$FUNCTION_NAME" \
        --runtime provided.al2023 --handler bootstrap --architectures "$ARCH" \
        --role "$role_arn" --zip-file "fileb://$ZIP" \
        --memory-size "$MEMORY" --timeout "$TIMEOUT" --environment "$env_arg" \
        --logging-config "LogFormat=$LOG_FORMAT" >/dev/null; then
      break
    fi
    [ "$new_role" = yes ] && [ "$attempt" -lt 6 ] || exit 1
    echo "waiting for the new role to propagate..."; sleep 10
  done
  aws lambda wait function-active-v2 --function-name "$FUNCTION_NAME"
  echo "created"
fi

if [ -n "${INVOKE_KEY:-}" ]; then
  first_bucket="${BUCKET%% *}"
  layer-free-deploy/invoke.sh "s3://$first_bucket/$INVOKE_KEY"
fi
