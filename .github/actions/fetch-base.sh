#!/usr/bin/env bash
# Fetch the base branch ($BASE) with its whole history, so that the notice
# policy can date notices; unshallow the clone when it is shallow.
set -euo pipefail
[ -n "${BASE:-}" ] || exit 0
refspec="+refs/heads/${BASE}:refs/remotes/origin/${BASE}"
if [ "$(git rev-parse --is-shallow-repository)" = "true" ]; then
  git fetch --no-tags --quiet --unshallow origin "$refspec"
else
  git fetch --no-tags --quiet origin "$refspec"
fi
