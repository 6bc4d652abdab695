#!/usr/bin/env bash
# Invokes the function on one object and prints its answer (and the end of its log).
#
#   layer-free-deploy/invoke.sh s3://bucket/key [json|text|pymediainfo]
#
# FUNCTION_NAME (default mediainfo-rs) and the usual AWS CLI settings apply.
set -euo pipefail
uri="${1:?usage: $0 s3://bucket/key [json|text|pymediainfo]}"
output="${2:-pymediainfo}"
FUNCTION_NAME="${FUNCTION_NAME:-mediainfo-rs}"
out="$(mktemp)"
payload=$(python3 -c 'import json,sys; print(json.dumps({"s3_uri": sys.argv[1], "output": sys.argv[2]}))' "$uri" "$output")
# --cli-binary-format is AWS CLI v2's; v1 takes the payload as it is.
fmt=()
aws --version 2>&1 | grep -q '^aws-cli/2' && fmt=(--cli-binary-format raw-in-base64-out)
meta=$(aws lambda invoke --function-name "$FUNCTION_NAME" "${fmt[@]}" \
  --payload "$payload" --log-type Tail --output json "$out")
python3 - "$meta" "$out" <<'PY'
import base64, json, sys
meta = json.loads(sys.argv[1])
log = base64.b64decode(meta.get("LogResult", "")).decode("utf-8", "replace")
print(open(sys.argv[2]).read())
if meta.get("FunctionError"):
    print("function error:", meta["FunctionError"], file=sys.stderr)
if log:
    print("--- log tail", file=sys.stderr)
    print(log, file=sys.stderr)
sys.exit(1 if meta.get("FunctionError") else 0)
PY
rm -f "$out"
