#!/usr/bin/env bash
# pass only when the inputs were accepted and every check that had to run
# (lint when LINT_WANTED, breaking when BREAKING_WANTED; anything but "false"
# means it had to) ran and exited 0. A missing or unknown status is a fail:
# a check that crashed, was skipped after an earlier failure, or never wrote
# its status must not let a pull request through. The step fails with the verdict.
set -uo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
verdict=pass
fail() {
  verdict=fail
  printf 'govern action: %s\n' "$1"
}
judge() {  # judge CHECK WANTED STATUS
  case "$3" in
    0) ;;
    1) fail "govern $1 failed (exit 1): see its annotations and the job summary" ;;
    2) fail "govern $1 could not run (exit 2: a usage, configuration or environment error)" ;;
    3) fail "govern $1 crashed (exit 3: an internal error)" ;;
    "") [ "$2" = false ] || fail "govern $1 had to run and gave no status (it did not run or did not finish)" ;;
    *) fail "govern $1 gave an unknown status $(shown "$3")" ;;
  esac
}
[ "${INPUTS-}" = success ] ||
  fail "the inputs were not accepted (the step that checks them: $(shown "${INPUTS-}"))"
judge lint "${LINT_WANTED-}" "${LINT-}"
judge breaking "${BREAKING_WANTED-}" "${BREAKING-}"
output verdict "$verdict"
echo "govern: $verdict"
[ "$verdict" = pass ]
