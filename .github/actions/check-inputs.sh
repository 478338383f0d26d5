#!/usr/bin/env bash
# Check every input, and the base branch, before anything runs: name each bad
# one on a line of its own and exit 2. The verdict is fail unless this step passed.
set -uo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

ok=true
check_choice lint "${LINT_INPUT-}" true false || ok=false
check_choice breaking "${BREAKING_INPUT-}" true false || ok=false
check_choice fail-on "${FAIL_ON-}" error warning info || ok=false
if check_plain path "${REPO_PATH-}"; then
  if [ ! -d "${REPO_PATH:-.}" ]; then
    printf 'govern action: input path must be a directory in the workspace (got %s)\n' \
      "$(shown "${REPO_PATH-}")" >&2
    ok=false
  fi
else
  ok=false
fi
if [ -n "${SARIF-}" ]; then check_plain sarif "$SARIF" || ok=false; fi
if [ -n "${AGAINST-}" ]; then check_rev against "$AGAINST" || ok=false; fi
if [ -n "${GOVERN_REQUIREMENT-}" ]; then check_requirement "$GOVERN_REQUIREMENT" || ok=false; fi
if [ "${BREAKING_INPUT-}" = true ] && [ -n "${BASE-}" ]; then
  check_branch "the pull request's base branch (github.base_ref)" "$BASE" || ok=false
fi
[ "$ok" = true ] || exit 2
