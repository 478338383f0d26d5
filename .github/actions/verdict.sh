#!/usr/bin/env bash
# pass when lint and breaking (those that ran) exited 0; the step fails otherwise.
set -euo pipefail
verdict=pass
for status in "${LINT:-}" "${BREAKING:-}"; do
  if [ -n "$status" ] && [ "$status" != "0" ]; then verdict=fail; fi
done
echo "verdict=$verdict" >> "${GITHUB_OUTPUT:-/dev/null}"
[ "$verdict" = pass ]
