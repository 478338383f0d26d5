"""Files from a stranger's pull request that would hang govern or flood its
output: a named pipe or a socket with a `.yaml` name, a million values, long
keys repeated by aliases into every message, lines that made a pattern take
quadratic time, a number Python refuses to convert. Each is a finding (or the
findings are capped) naming the file and line; the other files are still
linted; never exit 3, never a hang (`run_govern` gives up after 120 s).

The caps (docs/security.md): 100,000 values per document, keys of 1,024
characters, 10,000 fields per contract, text repeated by aliases at most twice
the file (plus 100,000 characters), messages of 1,000 characters, and 200
findings of one rule per file, then one that says how many were left out.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path
from typing import Any

import pytest

from govern.engine import MAX_MESSAGE, MAX_PER_RULE
from govern.load.documents import MAX_FIELDS
from govern.load.yamlpos import MAX_KEY_LENGTH, MAX_VALUES
from tests.conftest import git, make_repo, run_govern

HEAD = """\
contract: payroll.stranger
version: 1.0.0
status: active
kind: event
description: A contract from a pull request.
owner: payroll-engine
"""  # 6 lines: `schema:` is line 7

# Broken for another reason (no description): its GOV203 at 1:11 proves the run went on.
NEIGHBOUR_PATH = "contracts/neighbour.yaml"
NEIGHBOUR = """\
contract: payroll.neighbour.checked
version: 1.0.0
status: active
kind: event
owner: payroll-engine
schema:
  neighbour_id: {type: string, required: true, description: Neighbour identifier}
"""
NEIGHBOUR_HIT = ("GOV203", NEIGHBOUR_PATH, 1, 11)


def repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    return make_repo(tmp_path / "repo", {NEIGHBOUR_PATH: NEIGHBOUR, **files})


def lint_json(root: Path, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    """Exit code, findings and the raw JSON of `govern lint --format json`."""
    result = run_govern("lint", "--format", "json", *args, cwd=root)
    assert result.stderr == "", result.stderr
    return result.returncode, json.loads(result.stdout)["findings"], result.stdout


def where(findings: list[dict[str, Any]]) -> set[tuple[str, str, int, int]]:
    return {(f["rule"], f["path"], f["line"], f["column"]) for f in findings}


def of(findings: list[dict[str, Any]], rule: str, path: str) -> list[dict[str, Any]]:
    return [f for f in findings if f["rule"] == rule and f["path"] == path]


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


# --- not a regular file -------------------------------------------------------------------


@needs_fifo
def test_named_pipe_is_gov009_and_the_run_goes_on(tmp_path: Path) -> None:
    root = repo(tmp_path, {})
    os.mkfifo(root / "contracts" / "pipe.yaml")  # nobody ever writes to it
    code, findings, _ = lint_json(root)
    assert code == 1
    assert ("GOV009", "contracts/pipe.yaml", 1, 1) in where(findings)
    (pipe,) = of(findings, "GOV009", "contracts/pipe.yaml")
    assert pipe["message"] == "not a regular file (a named pipe); not read"
    assert NEIGHBOUR_HIT in where(findings)


@needs_fifo
def test_named_pipe_named_on_the_command_line(tmp_path: Path) -> None:
    root = repo(tmp_path, {})
    os.mkfifo(root / "contracts" / "pipe.yaml")
    code, findings, _ = lint_json(root, "contracts/pipe.yaml")
    assert code == 1
    assert where(findings) == {("GOV009", "contracts/pipe.yaml", 1, 1)}


@needs_fifo
def test_symlink_to_a_named_pipe_inside_the_repository(tmp_path: Path) -> None:
    """The link stays inside the repository (not GOV013); what it names is a pipe."""
    root = repo(tmp_path, {})
    (root / "data").mkdir()
    os.mkfifo(root / "data" / "pipe")
    os.symlink(os.path.join("..", "data", "pipe"), root / "contracts" / "linked.yaml")
    code, findings, _ = lint_json(root)
    assert code == 1
    (linked,) = [f for f in findings if f["path"] == "contracts/linked.yaml"]
    assert (linked["rule"], linked["line"], linked["message"]) == (
        "GOV009",
        1,
        "not a regular file (a named pipe); not read",
    )
    assert NEIGHBOUR_HIT in where(findings)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no unix sockets here")
def test_socket_is_gov009(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path, {})
    monkeypatch.chdir(root / "contracts")  # a socket path is limited to about 100 bytes
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("sock.yaml")
        assert stat.S_ISSOCK(os.lstat(root / "contracts" / "sock.yaml").st_mode)
        code, findings, _ = lint_json(root)
    finally:
        server.close()
    assert code == 1
    (sock,) = of(findings, "GOV009", "contracts/sock.yaml")
    assert (sock["line"], sock["message"]) == (1, "not a regular file (a socket); not read")
    assert NEIGHBOUR_HIT in where(findings)


@needs_fifo
def test_breaking_with_a_named_pipe_in_the_working_tree(tmp_path: Path) -> None:
    """A committed contract replaced by a pipe, and a new pipe: `breaking`
    finishes without reading either, and the contract that became a pipe is a
    file it cannot judge (exit 2), never a removed contract."""
    path = "contracts/payroll/payslip_generated.yaml"
    root = make_repo(tmp_path / "repo", {})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T12:00:00Z")
    (root / path).unlink()
    os.mkfifo(root / path)
    os.mkfifo(root / "contracts" / "new.yaml")
    result = run_govern(
        "breaking", "--against", "main", "--now", "2026-11-22", "--format", "json", cwd=root
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path} does not load, so its changes cannot be judged")


# --- a million values ---------------------------------------------------------------------


def flow_schema(n: int, field: str = "{type: string}") -> str:
    return HEAD + "schema: {" + ", ".join(f"f{i}: {field}" for i in range(n)) + "}\n"


def test_hundred_thousand_fields_in_two_megabytes_is_gov012(tmp_path: Path) -> None:
    """1.9 MB, 80,000 fields: under max_file_size; linted it took 7 s and 390 MB
    and printed 19 MB of JSON (80,000 GOV220). The document, its 6 scalars and
    `schema` are 8 values, then two a field: the 100,001st is the `{` of f49996."""
    text = flow_schema(80_000)
    assert 1_800_000 < len(text) < 2_000_000
    root = repo(tmp_path, {"contracts/wide.yaml": text})
    code, findings, raw = lint_json(root)
    assert code == 1
    (wide,) = [f for f in findings if f["path"] == "contracts/wide.yaml"]
    column = text.index("f49996: ") - text.index("schema:") + len("f49996: ") + 1
    assert (wide["rule"], wide["line"], wide["column"]) == ("GOV012", 7, column)
    assert f"more than {MAX_VALUES:,} values" in wide["message"]
    assert NEIGHBOUR_HIT in where(findings)
    assert len(raw) < 2_000


def test_a_million_item_list_is_gov012(tmp_path: Path) -> None:
    """`tags: [t, t, ...]`: two bytes a value, a million values in 2 MB."""
    text = HEAD + "tags: [" + ", ".join(["t"] * 650_000) + "]\nschema: {}\n"
    assert len(text) < 2_000_000
    root = repo(tmp_path, {"contracts/tags.yaml": text})
    code, findings, _ = lint_json(root)
    assert code == 1
    (tags,) = [f for f in findings if f["path"] == "contracts/tags.yaml"]
    assert (tags["rule"], tags["line"]) == ("GOV012", 7)
    assert f"more than {MAX_VALUES:,} values" in tags["message"]
    assert NEIGHBOUR_HIT in where(findings)


def test_more_fields_than_a_contract_may_have_is_gov012_at_schema(tmp_path: Path) -> None:
    """10,001 fields in 20,002 values: under the value cap, over the field cap."""
    fields = "".join(f"  f{i}: {{type: string}}\n" for i in range(MAX_FIELDS + 1))
    text = HEAD + "schema:\n" + fields
    root = repo(tmp_path, {"contracts/wide.yaml": text})
    code, findings, _ = lint_json(root)
    assert code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in findings if "wide" in f["path"]] == [
        ("GOV012", 7, 1)
    ]
    (wide,) = of(findings, "GOV012", "contracts/wide.yaml")
    assert f"more than {MAX_FIELDS:,} fields" in wide["message"]
    assert NEIGHBOUR_HIT in where(findings)


def test_a_contract_at_the_field_cap_is_linted(tmp_path: Path) -> None:
    text = (
        HEAD
        + "schema:\n"
        + "".join(f"  f{i}: {{type: string, description: Field {i}}}\n" for i in range(MAX_FIELDS))
    )
    root = repo(tmp_path, {"contracts/wide.yaml": text})
    code, findings, _ = lint_json(root)
    assert where(findings) == {NEIGHBOUR_HIT} and code == 0  # GOV203 is a warning


# --- amplification: long text repeated into many messages ---------------------------------


def test_a_long_key_is_gov012_at_the_key(tmp_path: Path) -> None:
    """An explicit key (`? ...`) escapes libyaml's 1,024-character limit on keys."""
    key = "k" * (MAX_KEY_LENGTH + 1)
    text = HEAD + f"schema:\n  ? {key}\n  : {{type: string}}\n"
    root = repo(tmp_path, {"contracts/key.yaml": text})
    code, findings, raw = lint_json(root)
    assert code == 1
    (long_key,) = [f for f in findings if f["path"] == "contracts/key.yaml"]
    assert (long_key["rule"], long_key["line"], long_key["column"]) == ("GOV012", 8, 5)
    assert f"{MAX_KEY_LENGTH + 1:,} characters" in long_key["message"]
    assert key not in raw


def long_key_bomb(length: int) -> str:
    """A field named by a long key, aliased in 1,110 places (three levels of
    ten): 1.6 KB that printed 4.3 MB of JSON (with a 50,000-character key,
    51 KB printed 931 MB, and 300 KB took 24 GB before it was killed)."""
    lines = [HEAD + "schema:", "  f0: &L0", "    type: object", "    description: d",
             "    fields:", f"      ? {'Q' * length}", "      : {type: string}"]  # fmt: skip
    for level in range(1, 4):
        kids = ", ".join(f"k{i}: *L{level - 1}" for i in range(10))
        lines.append(f"  f{level}: &L{level} {{type: object, description: d, fields: {{{kids}}}}}")
    return "\n".join(lines) + "\n"


def test_aliases_repeating_a_long_key_are_gov012(tmp_path: Path) -> None:
    """Under the node budget (about 7,200 nodes of 11,625 allowed), over the
    text budget (103,250 characters): 1,111 copies of a 1,000-character key."""
    text = long_key_bomb(1_000)
    root = repo(tmp_path, {"contracts/amplified.yaml": text})
    code, findings, raw = lint_json(root)
    assert code == 1
    (amplified,) = [f for f in findings if f["path"] == "contracts/amplified.yaml"]
    assert amplified["rule"] == "GOV012"
    assert 8 <= amplified["line"] <= 16, "at a node of the expansion"
    assert "repeat too much text" in amplified["message"]
    assert NEIGHBOUR_HIT in where(findings)
    assert len(raw) < 2_000  # was 4,295,619 bytes


# 17 objects (one written, 16 aliases to it) of 15 fields without a description.
COPIES, FIELDS = 16, 15


def amplified_within_budgets() -> str:
    """Aliases that every loader budget accepts (17 KB of text, about 600 nodes
    and 17,000 characters of keys expanded), repeating 1,000-character names
    into many messages: 255 fields with no description (GOV220), 240 of them
    named `<1,000 characters>.f_07`, longer than a message may be."""
    fields = "".join(f"      f_{i:02d}: {{type: string}}\n" for i in range(FIELDS))
    copies = "".join(f"  {'c' * 990}{i:010d}: *inner\n" for i in range(COPIES))
    return (
        HEAD
        + "schema:\n  first: &inner\n    type: object\n    description: d\n    fields:\n"
        + fields
        + copies
    )


def test_findings_and_messages_are_capped(tmp_path: Path) -> None:
    """Before the caps: 255 findings of up to 1,038 characters (300 KB of JSON
    from 17 KB, now 229 KB; 931 MB from 51 KB with the long-key bomb above)."""
    text = amplified_within_budgets()
    root = repo(tmp_path, {"contracts/amplified.yaml": text})
    code, findings, raw = lint_json(root)
    mine = [f for f in findings if f["path"] == "contracts/amplified.yaml"]
    assert {f["rule"] for f in mine} == {"GOV220"}, "within every loader budget"
    assert code == 0  # GOV220 is a warning
    # An aliased field is at the line of the field it copies (lines 12 to 26):
    # 17 findings a line, sorted by line; the 201st is the 14th of line 23.
    assert len(mine) == MAX_PER_RULE + 1
    left = [f for f in mine if "more GOV220 findings" in f["message"]]
    total = (COPIES + 1) * FIELDS
    assert [(f["line"], f["column"], f["message"]) for f in left] == [
        (
            23,
            7,
            f"{total - MAX_PER_RULE} more GOV220 findings in this file left out, from here on: "
            f"govern reports at most {MAX_PER_RULE} of one rule per file",
        )
    ]
    kept = [f for f in mine if f not in left]
    assert {f["line"] for f in kept} == set(range(12, 24))
    assert max(len(f["message"]) for f in mine) <= MAX_MESSAGE
    cut = [f["message"] for f in kept if "characters left out" in f["message"]]
    assert len(cut) == len(kept) - 12, "all but the 12 fields of `first` kept so far"
    for message in cut:
        assert message.startswith("field `" + "c" * 600)
        assert message.endswith("` has no description")
        assert "...(" in message and "c" * 990 not in message
    # Bounded: (rules that fired) x (cap + 1) x (a message at its cap, plus JSON).
    groups = len({(f["path"], f["rule"]) for f in findings})
    assert len(raw) < groups * (MAX_PER_RULE + 1) * (MAX_MESSAGE + 300)
    assert NEIGHBOUR_HIT in where(findings)


def test_a_long_value_is_quoted_short(tmp_path: Path) -> None:
    status = "s" * 100_000
    text = HEAD.replace("status: active", f"status: {status}") + "schema: {}\n"
    root = repo(tmp_path, {"contracts/status.yaml": text})
    code, findings, raw = lint_json(root)
    assert code == 1
    (bad,) = of(findings, "GOV004", "contracts/status.yaml")
    assert bad["line"] == 3 and bad["column"] == 9
    assert bad["message"].endswith("or 'retired', not '" + "s" * 36 + "...")
    assert len(bad["message"]) < 200 and len(raw) < 3_000


# --- patterns that took quadratic time -----------------------------------------------------


def test_many_duplicates_of_a_late_key(tmp_path: Path) -> None:
    """70,000 keys, then 70,000 repeats of the last one: each repeat looked for
    the first from the start (20,000 took 13 s; 70,000, minutes)."""
    n = 70_000
    keys = ", ".join(f"k{i}: 1" for i in range(n))
    repeats = ", ".join([f"k{n - 1}: 2"] * n)
    text = HEAD + "schema: {}\nextra: {" + keys + ", " + repeats + "}\n"
    assert len(text) < 2_000_000
    root = repo(tmp_path, {"contracts/dup.yaml": text})
    code, findings, _ = lint_json(root)
    assert code == 1
    dups = of(findings, "GOV002", "contracts/dup.yaml")
    assert len(dups) == MAX_PER_RULE + 1
    assert all(f["line"] == 8 for f in dups)
    assert dups[0]["message"] == (
        f"duplicate key 'k{n - 1}': first defined at line 8; YAML keeps only one of them"
    )
    assert f"{n - MAX_PER_RULE:,} more GOV002 findings" in dups[-1]["message"]
    assert NEIGHBOUR_HIT in where(findings)


def test_a_line_of_unclosed_suppressions(tmp_path: Path) -> None:
    """`# govern: ignore[` 100,000 times and no `]`: each one was scanned to the
    end of the line (about 13 minutes for this line)."""
    comments = "# govern: ignore[ " * 100_000
    text = HEAD.replace("status: active", f"status: live  {comments}") + "schema: {}\n"
    root = repo(tmp_path, {"contracts/comments.yaml": text})
    code, findings, _ = lint_json(root)
    assert code == 1
    # `live` is no status (GOV004 at 3:9), and the comments silence nothing.
    assert where([f for f in findings if "comments" in f["path"]]) == {
        ("GOV004", "contracts/comments.yaml", 3, 9)
    }
    assert NEIGHBOUR_HIT in where(findings)


def test_ids_recovered_from_a_broken_file_with_a_line_of_spaces(tmp_path: Path) -> None:
    """A file that is not YAML is read line by line for the ids it names; a
    child line of 1.9 million spaces took the pattern quadratic time (hours).
    The team it names is still recovered: the contract it owns has no finding."""
    text = "teams:\n  stranger-team:\n    name: x\n  x" + " " * 1_900_000 + "\nbad: [\n"
    owned = (
        HEAD.replace("payroll-engine", "stranger-team")
        + "schema:\n  id: {type: string, description: Identifier}\n"
    )
    root = repo(tmp_path, {"ownership/broken.yaml": text, "contracts/owned.yaml": owned})
    code, findings, _ = lint_json(root)
    assert code == 1
    assert where([f for f in findings if f["path"] != NEIGHBOUR_PATH]) == {
        ("GOV001", "ownership/broken.yaml", 5, 1)
    }
    assert NEIGHBOUR_HIT in where(findings)


# --- numbers Python will not convert -------------------------------------------------------


def test_a_five_thousand_digit_number_is_gov004_not_a_crash(tmp_path: Path) -> None:
    """int() refuses more than 4,300 digits (ValueError: exit 3 before)."""
    text = HEAD + "schema:\n  n: {type: integer, description: N, min: " + "1" * 5_000 + "}\n"
    root = repo(tmp_path, {"contracts/number.yaml": text})
    code, findings, raw = lint_json(root)
    assert code == 1
    (number,) = of(findings, "GOV004", "contracts/number.yaml")
    assert (number["line"], number["column"]) == (8, 43)
    assert number["message"].startswith("`schema.n.min` must be a whole number, not the text '111")
    assert len(raw) < 2_000
    assert NEIGHBOUR_HIT in where(findings)
