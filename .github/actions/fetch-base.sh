#!/usr/bin/env bash
# Fetch the base branch ($BASE) with its whole history, so that the notice
# policy can date notices; unshallow the clone when it is shallow.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
[ -n "${BASE:-}" ] || exit 0
check_branch "the pull request's base branch (github.base_ref)" "$BASE" || exit 2
refspec="+refs/heads/${BASE}:refs/remotes/origin/${BASE}"
if [ "$(git rev-parse --is-shallow-repository)" = "true" ]; then
  git fetch --no-tags --quiet --unshallow origin "$refspec"
else
  git fetch --no-tags --quiet origin "$refspec"
fi
