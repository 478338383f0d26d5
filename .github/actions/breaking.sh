#!/usr/bin/env bash
# govern breaking against the pull request's base (or $AGAINST): annotations,
# the job summary with refused changes and their earliest dates, and counts.
set -uo pipefail
out="${GITHUB_OUTPUT:-/dev/null}"
args=()
[ -z "${AGAINST:-}" ] || args+=(--against "$AGAINST")
govern breaking --format github "${args[@]}"
status=$?
echo "status=$status" >> "$out"
report="$(mktemp)"
GITHUB_STEP_SUMMARY="" govern breaking --format json "${args[@]}" > "$report" 2>/dev/null
python - "$report" >> "$out" <<'PY'
import json, sys
try:
    summary = json.load(open(sys.argv[1]))["summary"]
except (ValueError, KeyError):
    summary = {"refused": 0}
print(f"refused={summary['refused']}")
PY
[ "$status" -le 1 ] || exit "$status"
