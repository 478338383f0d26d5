#!/usr/bin/env bash
# govern lint: annotations and the job summary, counts as outputs, optional SARIF.
set -uo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
fail_on="${FAIL_ON:-error}"
check_choice fail-on "$fail_on" error warning info || exit 2
if [ -n "${SARIF:-}" ]; then check_plain sarif "$SARIF" || exit 2; fi

# It runs in the input path (working-directory), and `--repo .` makes that the
# governance repository: otherwise govern would look up to the git root.
run_govern lint --repo . --format github --fail-on "$fail_on"
status=$?
# A second, quiet run for the counts (it must not write the summary again).
read -r errors warnings < <(
  GITHUB_STEP_SUMMARY="" run_govern lint --repo . --format json --fail-on "$fail_on" 2>/dev/null |
    counts errors warnings
)
if [ -n "${SARIF:-}" ]; then
  # A SARIF file that cannot be written is an error of the job (status 2), not a finding.
  if ! (: > "$SARIF") 2>/dev/null; then
    printf 'govern action: cannot write the SARIF file %s\n' "$(shown "$SARIF")" >&2
    status=2
  else
    GITHUB_STEP_SUMMARY="" run_govern lint --repo . --format sarif --fail-on "$fail_on" > "$SARIF"
    sarif=$?
    if [ "$sarif" -gt 1 ] && [ "$status" -le 1 ]; then status=$sarif; fi
  fi
fi
output status "$status"
[ -z "${errors:-}" ] || output errors "$errors"
[ -z "${warnings:-}" ] || output warnings "$warnings"
# The verdict step decides; this step fails only when govern could not run.
[ "$status" -le 1 ] || exit "$status"
