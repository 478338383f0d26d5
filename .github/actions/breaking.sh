#!/usr/bin/env bash
# govern breaking against $AGAINST (or the pull request's base branch, $BASE):
# annotations, the job summary with refused changes and their earliest dates,
# and counts.
set -uo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
if [ -n "${AGAINST:-}" ]; then
  check_rev against "$AGAINST" || exit 2
  against="$AGAINST"
elif [ -n "${BASE:-}" ]; then
  check_branch "the pull request's base branch (github.base_ref)" "$BASE" || exit 2
  against="origin/$BASE"
else
  die "nothing to compare with: set the input against, or run in a pull request"
fi

# It runs in the input path (working-directory), and `--repo .` makes that the
# governance repository: otherwise govern would look up to the git root.
run_govern breaking --repo . --format github --against="$against"
status=$?
read -r refused < <(
  GITHUB_STEP_SUMMARY="" run_govern breaking --repo . --format json --against="$against" 2>/dev/null |
    counts refused
)
output status "$status"
[ -z "${refused:-}" ] || output refused "$refused"
[ "$status" -le 1 ] || exit "$status"
