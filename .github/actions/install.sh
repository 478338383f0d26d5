#!/usr/bin/env bash
# pip install govern: the input govern, or this action's own version of it.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"
requirement="${GOVERN_REQUIREMENT:-${GITHUB_ACTION_PATH:?the runner sets GITHUB_ACTION_PATH}}"
check_requirement "$requirement" || exit 2
python -m pip install --quiet --disable-pip-version-check "$requirement"
command govern --version
