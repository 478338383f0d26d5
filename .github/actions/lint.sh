#!/usr/bin/env bash
# govern lint: annotations and the job summary, counts as outputs, optional SARIF.
set -uo pipefail
out="${GITHUB_OUTPUT:-/dev/null}"
govern lint --format github --fail-on "${FAIL_ON:-error}"
status=$?
echo "status=$status" >> "$out"
# A second, quiet run for the counts (it must not write the summary again).
report="$(mktemp)"
GITHUB_STEP_SUMMARY="" govern lint --format json --fail-on "${FAIL_ON:-error}" > "$report"
python - "$report" >> "$out" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))["summary"]
print(f"errors={summary['errors']}")
print(f"warnings={summary['warnings']}")
PY
if [ -n "${SARIF:-}" ]; then
  GITHUB_STEP_SUMMARY="" govern lint --format sarif > "$SARIF"
fi
# The verdict step decides; this step fails only when govern could not run.
[ "$status" -le 1 ] || exit "$status"
