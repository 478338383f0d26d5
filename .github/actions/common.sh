#!/usr/bin/env bash
# Sourced by the action's scripts. Inputs and GITHUB_* values are data: they
# are checked here, always quoted, never evaluated, and shown in messages only
# through `shown` (printf %q), so no value can start a workflow command on a
# line of its own. Outputs are written only by `output`, which takes counts
# and the verdict words, so no value can forge another output.

# die MESSAGE: one clear line on stderr, exit 2 (a usage error, as govern's).
die() {
  printf 'govern action: %s\n' "$1" >&2
  exit 2
}

# shown VALUE: VALUE quoted for a message, on one line whatever it holds.
shown() {
  printf '%q' "$1"
}

# output NAME VALUE: append NAME=VALUE to $GITHUB_OUTPUT; VALUE is a count
# (status, errors, warnings, refused) or the verdict (pass, fail), nothing else.
output() {
  local ok=false
  case "$1" in
    status | errors | warnings | refused) [[ "$2" =~ ^[0-9]+$ ]] && ok=true ;;
    verdict) [[ "$2" == pass || "$2" == fail ]] && ok=true ;;
  esac
  [ "$ok" = true ] ||
    die "refusing to write the output $(shown "$1")=$(shown "$2") (a bug in the action)"
  printf '%s=%s\n' "$1" "$2" >> "${GITHUB_OUTPUT:-/dev/null}"
}

# run_govern ARGS...: govern, without the runner's command files: only these
# scripts write the step's outputs, environment and path.
run_govern() {
  env -u GITHUB_OUTPUT -u GITHUB_ENV -u GITHUB_PATH -u GITHUB_STATE govern "$@"
}

# counts KEY...: the counts KEY... of the summary of govern's JSON report on
# stdin, on one line; nothing when the report is unreadable (govern could not
# run: its status says so) or a count is not a whole number.
counts() {
  python -c '
import json, sys
try:
    summary = json.load(sys.stdin)["summary"]
    values = [summary[key] for key in sys.argv[1:]]
except Exception:
    sys.exit(0)
if all(type(value) is int and value >= 0 for value in values):
    print(*values)
' "$@"
}

# The checks print a message and return 1, so that check-inputs.sh reports
# every bad input at once; the other scripts stop at the first (`|| exit 2`).

# check_choice INPUT VALUE CHOICE...: VALUE is one of the choices.
check_choice() {
  local input=$1 value=$2 choice
  shift 2
  for choice in "$@"; do [ "$value" = "$choice" ] && return 0; done
  printf 'govern action: input %s must be one of: %s (got %s)\n' "$input" "$*" "$(shown "$value")" >&2
  return 1
}

# check_plain INPUT VALUE: VALUE holds no control character (newline, CR, tab, ...).
check_plain() {
  local LC_ALL=C
  if [[ "$2" =~ [[:cntrl:]] ]]; then
    printf 'govern action: input %s must not hold a newline or control character (got %s)\n' \
      "$1" "$(shown "$2")" >&2
    return 1
  fi
}

# check_branch WHAT VALUE: VALUE is a valid branch name (git check-ref-format),
# not starting with '-'.
check_branch() {
  if [ -z "$2" ] || [[ "$2" == -* ]] || ! git check-ref-format "refs/heads/$2" 2>/dev/null; then
    printf 'govern action: %s is not a valid branch name (got %s)\n' "$1" "$(shown "$2")" >&2
    return 1
  fi
}

# check_rev INPUT VALUE: VALUE can name a commit (a ref, a sha, main~2): no
# whitespace or control character, and no leading '-' that git would read as an option.
check_rev() {
  local LC_ALL=C
  if [ -z "$2" ] || [[ "$2" == -* || "$2" =~ [[:space:][:cntrl:]] ]]; then
    printf 'govern action: input %s must be a branch, tag or commit, without spaces and not starting with - (got %s)\n' \
      "$1" "$(shown "$2")" >&2
    return 1
  fi
}

# check_requirement VALUE: what pip installs (input govern) is one plain
# argument, not an option (a leading '-' would be one: --index-url, -r).
check_requirement() {
  if [[ "$1" == -* ]] || ! check_plain govern "$1" 2>/dev/null; then
    printf 'govern action: input govern must be a requirement or a path, not an option (got %s)\n' \
      "$(shown "$1")" >&2
    return 1
  fi
}
