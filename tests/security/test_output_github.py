"""`--format github`: text from a pull request (file names, field names,
contract ids) can never become a workflow command of its own.

GitHub's runner reads every line of a step's output: a line that starts with
`::` (after spaces) is a command, and so is a line holding the legacy
`##[command]` anywhere. govern escapes as `@actions/core` does (`%`, CR, LF;
also `:` and `,` in properties), shows other control characters as escapes,
starts each plain log line with an escaped path, and writes `##[` as `##%5B`.

Each test builds a real repository in tmp_path, runs the installed `govern`,
and checks the exact bytes of its output, then reads that output the way the
runner does (`runner_commands`, after actions/runner `ActionCommand.cs`): the
only commands in it are govern's annotations, and their properties unescape to
the real file names.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CACHE_DIR, git, govern_command, make_repo

NOW = "2026-11-22"


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`govern` with stdout as bytes; stdout is strict UTF-8 (PYTHONIOENCODING),
    so a lone surrogate that reached a writer would crash it (exit 3)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GOVERN_"))}
    full.pop("NO_COLOR", None)
    full.update(GOVERN_CACHE_DIR=CACHE_DIR, LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    full.update(env or {})
    return subprocess.run(
        [*govern_command(), *args], cwd=cwd, env=full, capture_output=True, timeout=120
    )


# --- how GitHub's runner reads a log (actions/runner src/Runner.Common/ActionCommand.cs) -----

REGISTERED = {
    "error", "warning", "notice", "debug", "group", "endgroup", "echo", "stop-commands",
    "add-mask", "set-output", "save-state", "add-path", "set-env", "add-matcher",
    "remove-matcher",
}  # fmt: skip
_DATA = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
_PROPERTY = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]


def _unescape(text: str, mapping: list[tuple[str, str]]) -> str:
    for escaped, char in mapping:
        text = text.replace(escaped, char)
    return text


def runner_commands(log: str) -> list[tuple[str, dict[str, str], str]]:
    """(command, properties, data) of every line the runner would run as a command."""
    found = []
    for line in re.split(r"\r\n|\r|\n", log):
        v2 = line.lstrip()
        if v2.startswith("::") and (end := v2.find("::", 2)) >= 0:
            name, _, props = v2[2:end].partition(" ")
            if name in REGISTERED:
                properties = {}
                for prop in props.strip().split(","):
                    key, eq, value = prop.partition("=")
                    if eq and key and value:
                        properties[key] = _unescape(value, _PROPERTY)
                found.append((name, properties, _unescape(v2[end + 2 :], _DATA)))
                continue
        start = line.find("##[")  # the legacy syntax, anywhere in a line
        if start >= 0 and (close := line.find("]", start)) >= 0:
            name = line[start + 3 : close].partition(" ")[0]
            if name in REGISTERED:
                found.append((name, {}, line[close + 1 :]))
    return found


# --- lint -----------------------------------------------------------------------------------------


def contract(ident: str, owner: str, fields: str = "") -> str:
    return (
        f"contract: {ident}\nversion: 1.0.0\nstatus: active\nkind: event\n"
        f"description: x\nowner: {owner}\nschema:\n  a_id: {{type: string, description: k}}\n"
        + fields
    )


NEWLINE_NAME = "contracts/a\n::error::pwned.yaml"
PERCENT_NAME = "contracts/x%0A.yaml"
HOSTILE_FIELDS = (
    '  "evil\\r\\n::stop-commands::tok": {type: string, description: k}\n'
    '  "ctl\\e[31m\\0\\L\\N\\P##[error]x": {type: string, description: k}\n'
)


def lint_repository(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "r",
        {
            NEWLINE_NAME: contract("orders.a", "nobody"),
            PERCENT_NAME: contract("orders.x", "payroll-engine", HOSTILE_FIELDS),
        },
    )


def test_lint_annotations_escape_file_names_and_field_names(tmp_path: Path) -> None:
    root = lint_repository(tmp_path)
    done = run("lint", "--format", "github", cwd=root)
    assert done.returncode == 1, done.stderr
    assert done.stderr == b""
    # The file name's LF and colons are escaped as a property everywhere it
    # is written, also at the start of the plain log line; `%0A` in a name is
    # `%250A`. In messages CR LF are %0D%0A, ESC, NUL, U+2028, NEL and U+2029
    # are shown as escapes, and a log line writes `##[` as `##%5B`.
    a = "contracts/a%0A%3A%3Aerror%3A%3Apwned.yaml"
    x = "contracts/x%250A.yaml"
    evil = (
        "field name `evil%0D%0A::stop-commands::tok` is not snake_case "
        "(like `evil_stop_commands_tok`)"
    )
    ctl = (
        "field name `ctl\\x1b[31m\\x00\\u2028\\x85\\u2029##[error]x` is not snake_case "
        "(like `ctl_31m_error_x`)"
    )
    expected = "\n".join(
        [
            f"{a}:6:8: error GOV101 [unknown-owner] owner `nobody` is not a team in ownership/",
            f"{x}:9:3: error GOV221 [field-name-case] {evil}",
            f"{x}:10:3: error GOV221 [field-name-case] {ctl.replace('##[', '##%5B')}",
            f"::error file={a},line=6,col=8,title=GOV101 unknown-owner::"
            "owner `nobody` is not a team in ownership/",
            f"::error file={x},line=9,col=3,title=GOV221 field-name-case::{evil}",
            f"::error file={x},line=10,col=3,title=GOV221 field-name-case::{ctl}",
            "govern lint: 3 findings, 3 errors",
            "",
        ]
    )
    assert done.stdout == expected.encode()


def test_the_runner_sees_only_govern_annotations_with_the_real_file_names(tmp_path: Path) -> None:
    root = lint_repository(tmp_path)
    done = run("lint", "--format", "github", cwd=root)
    commands = runner_commands(done.stdout.decode())
    assert [(name, props.get("file"), props.get("line")) for name, props, _ in commands] == [
        ("error", NEWLINE_NAME, "6"),
        ("error", PERCENT_NAME, "9"),
        ("error", PERCENT_NAME, "10"),
    ]
    # The message data unescapes to the field name as written (CR LF included).
    assert "`evil\r\n::stop-commands::tok`" in commands[1][2]


def test_a_lone_surrogate_in_a_file_name_is_shown_not_a_crash(tmp_path: Path) -> None:
    name = os.fsdecode(b"contracts/c\x80.yaml")  # not UTF-8: read as "c\udc80"
    try:
        root = make_repo(tmp_path / "r", {name: contract("orders.c", "nobody")})
    except OSError as exc:  # a file system that only takes UTF-8 names
        pytest.skip(f"cannot create a file name that is not UTF-8 here: {exc}")
    summary = tmp_path / "summary.md"
    for env in ({}, {"PYTHONIOENCODING": ""}):  # strict UTF-8, then Python's default
        done = run("lint", "--format", "github", cwd=root,
                   env={**env, "GITHUB_STEP_SUMMARY": str(summary)})  # fmt: skip
        assert done.returncode == 1, done.stderr
        message = "owner `nobody` is not a team in ownership/"
        assert done.stdout.decode("utf-8") == (
            f"contracts/c\\udc80.yaml:6:8: error GOV101 [unknown-owner] {message}\n"
            "::error file=contracts/c\\udc80.yaml,line=6,col=8,title=GOV101 unknown-owner::"
            f"{message}\n"
            "govern lint: 1 findings, 1 errors\n"
        )
        assert "| `contracts/c\\udc80.yaml` | 6:8 |" in summary.read_bytes().decode("utf-8")


# --- breaking -------------------------------------------------------------------------------------

BREAKING_NAME = "contracts/b\n::warning::w.yaml"
GONE = '  "gone\\n::stop-commands::tok ##[add-mask]x": {type: string, description: k}\n'


def breaking_repository(tmp_path: Path) -> Path:
    """main: a contract (id `::stop-commands::tok`) with a hostile field; the
    working tree removes the field (and bumps the major version)."""
    ident = '"::stop-commands::tok"'
    root = make_repo(tmp_path / "r", {BREAKING_NAME: contract(ident, "payroll-engine", GONE)})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    bumped = contract(ident, "payroll-engine").replace("version: 1.0.0", "version: 2.0.0")
    (root / BREAKING_NAME).write_text(bumped, encoding="utf-8")
    return root


def test_breaking_annotations_escape_the_path_the_id_and_the_element(tmp_path: Path) -> None:
    root = breaking_repository(tmp_path)
    done = run("breaking", "--against", "main", "--now", NOW, "--format", "github", cwd=root)
    assert done.returncode == 1, done.stderr
    path = "contracts/b%0A%3A%3Awarning%3A%3Aw.yaml"
    field = "gone%0A::stop-commands::tok ##[add-mask]x"
    message = (
        f"field `{field}` removed (field-removed, refused). It was never announced: add "
        "`deprecated:` (with a reason and removal date) on main, then it may land 14 days "
        "later (earliest 2026-12-06)."
    )
    # The removed field is anchored to `schema:` (line 7), which still exists.
    log = f"{path}:7: refused field-removed schema.{field}: {message}".replace("##[", "##%5B")
    expected = "\n".join(
        [
            log,
            f"::error file={path},line=7,title=field-removed %3A%3Astop-commands%3A%3Atok::"
            + message,
            "govern breaking: 1 refused of 1 breaking changes",
            "",
        ]
    )
    assert done.stdout == expected.encode()
    [(name, props, _)] = runner_commands(done.stdout.decode())
    assert (name, props["file"], props["title"]) == (
        "error", BREAKING_NAME, "field-removed ::stop-commands::tok"
    )  # fmt: skip
