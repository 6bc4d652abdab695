#!/usr/bin/env bash
# Removes what deploy.sh made: the function, its role's policies, the role.
#
#   layer-free-deploy/cleanup.sh        (FUNCTION_NAME, ROLE_NAME as for deploy.sh)
set -euo pipefail
FUNCTION_NAME="${FUNCTION_NAME:-mediainfo-rs}"
ROLE_NAME="${ROLE_NAME:-$FUNCTION_NAME-role}"
aws lambda delete-function --function-name "$FUNCTION_NAME" 2>/dev/null && echo "deleted function $FUNCTION_NAME" || echo "no function $FUNCTION_NAME"
aws iam delete-role-policy --role-name "$ROLE_NAME" --policy-name s3-access 2>/dev/null || true
aws iam detach-role-policy --role-name "$ROLE_NAME" \
  --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole 2>/dev/null || true
aws iam delete-role --role-name "$ROLE_NAME" 2>/dev/null && echo "deleted role $ROLE_NAME" || echo "no role $ROLE_NAME"
