"""`--format sarif` and `--format json`: what a machine reads names the file
that was linted, and no name from a pull request can crash the writer.

SARIF: `artifactLocation.uri` is a URI reference, so `#` (a fragment), `?` (a
query), `%2e%2e` (`..` once decoded), `:` and spaces in a file name are
percent-encoded, and a file name that is not UTF-8 gives back its own bytes.
Messages are plain text with SARIF's embedded links (`[text](target)`), so
`[` and `]` from a file are escaped, and control characters are shown. Every
log is validated against the OASIS SARIF 2.1.0 schema (../shared/schemas).

JSON keeps names as written; only a lone surrogate (a file name that is not
UTF-8) is written as the text `\\udcXX`, since no UTF-8 writer takes it raw.

Real repositories in tmp_path, the installed `govern`, stdout read as bytes
and decoded as strict UTF-8; stdout itself is strict UTF-8 (a lone surrogate
reaching it would be an internal error, exit 3).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import jsonschema
import pytest

from tests.conftest import CACHE_DIR, SHARED, git, govern_command, make_repo, needs_shared

NOW = "2026-11-22"
NOT_UTF8 = os.fsdecode(b"contracts/c\x80.yaml")  # read back as "contracts/c\udc80.yaml"


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GOVERN_"))}
    full.pop("NO_COLOR", None)
    full.update(GOVERN_CACHE_DIR=CACHE_DIR, LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    full.update(env or {})
    return subprocess.run(
        [*govern_command(), *args], cwd=cwd, env=full, capture_output=True, timeout=120
    )


def loads(out: bytes) -> Any:
    """Strict UTF-8, strict JSON; and the bytes are exactly that JSON as govern writes it."""
    data = json.loads(out.decode("utf-8"))
    assert out == (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
    return data


def validate(log: Any) -> None:
    """Against the OASIS schema: last in a test, so a missing ../shared skips only this."""
    needs_shared()
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(log, schema)


def contract(ident: str, owner: str, fields: str = "") -> str:
    return (
        f"contract: {ident}\nversion: 1.0.0\nstatus: active\nkind: event\n"
        f"description: x\nowner: {owner}\nschema:\n  a_id: {{type: string, description: k}}\n"
        + fields
    )


def repository(root: Path, files: dict[str, str]) -> Path:
    try:
        return make_repo(root, files)
    except OSError as exc:  # a file system that only takes UTF-8 names
        pytest.skip(f"cannot create a file name that is not UTF-8 here: {exc}")


def locations(result: dict[str, Any]) -> list[str]:
    return [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["locations"]]


# --- SARIF ----------------------------------------------------------------------------------------

NAMES = {
    "contracts/a#b?c%2e%2e.yaml": "contracts/a%23b%3Fc%252e%252e.yaml",
    NOT_UTF8: "contracts/c%80.yaml",
    "contracts/sp ace:é.yaml": "contracts/sp%20ace%3A%C3%A9.yaml",
}


def test_lint_uris_are_percent_encoded_and_name_the_linted_file(tmp_path: Path) -> None:
    files = {name: contract(f"orders.o{i}", "nobody") for i, name in enumerate(NAMES)}
    root = repository(tmp_path / "r", files)
    done = run("lint", "--format", "sarif", cwd=root)
    assert done.returncode == 1, done.stderr
    log = loads(done.stdout)
    results = log["runs"][0]["results"]
    assert [locations(r) for r in results] == [[uri] for uri in NAMES.values()]
    for result, name in zip(results, NAMES, strict=True):
        # Decoded, each URI is the file name on disk, byte for byte.
        assert unquote_to_bytes(locations(result)[0]) == os.fsencode(name)
        assert result["message"]["text"] == "owner `nobody` is not a team in ownership/"
    # Distinct files, distinct fingerprints (the one that is not UTF-8 too).
    prints = [r["partialFingerprints"]["governFinding/v1"] for r in results]
    assert len(set(prints)) == 3
    validate(log)


def test_lint_messages_hold_no_embedded_link_or_control_character(tmp_path: Path) -> None:
    owner = '"[Approve](https://evil.example) \\e[31m\\n\\\\[x]"'
    root = make_repo(tmp_path / "r", {"contracts/o.yaml": contract("orders.o", owner)})
    done = run("lint", "--format", "sarif", cwd=root)
    assert done.returncode == 1, done.stderr
    log = loads(done.stdout)
    [result] = log["runs"][0]["results"]
    # `[`/`]` escaped (SARIF 3.11.6), ESC and LF shown; the owner's own `\[`
    # keeps its backslash and gets an escape of its own.
    assert result["message"]["text"] == (
        "owner `\\[Approve\\](https://evil.example) \\x1b\\[31m\\n\\\\[x\\]` "
        "is not a team in ownership/"
    )
    validate(log)


def test_breaking_uris_are_percent_encoded(tmp_path: Path) -> None:
    path = "contracts/%2e%2e/o#1?.yaml"
    gone = "  gone_field: {type: string, description: k}\n"
    root = make_repo(tmp_path / "r", {path: contract("orders.o", "payroll-engine", gone)})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    current = contract("orders.o", "payroll-engine").replace("1.0.0", "2.0.0")
    (root / path).write_text(current, encoding="utf-8")
    done = run("breaking", "--against", "main", "--now", NOW, "--format", "sarif", cwd=root)
    assert done.returncode == 1, done.stderr
    log = loads(done.stdout)
    refused = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert [(r["ruleId"], locations(r)) for r in refused] == [
        ("field-removed", ["contracts/%252e%252e/o%231%3F.yaml"])
    ]
    validate(log)


def test_sarif_with_a_lone_surrogate_is_no_internal_error(tmp_path: Path) -> None:
    root = repository(tmp_path / "r", {NOT_UTF8: contract("orders.c", "nobody")})
    for env in ({}, {"PYTHONIOENCODING": ""}):  # strict UTF-8, then Python's default
        done = run("lint", "--format", "sarif", cwd=root, env=env)
        assert done.returncode == 1, done.stderr
        assert done.stderr == b""
        [result] = loads(done.stdout)["runs"][0]["results"]
        assert locations(result) == ["contracts/c%80.yaml"]


# --- JSON -----------------------------------------------------------------------------------------


def test_json_writes_a_lone_surrogate_as_text_and_keeps_other_names(tmp_path: Path) -> None:
    files = {
        NOT_UTF8: contract("orders.c", "nobody"),
        "contracts/a\nb.yaml": contract("orders.a", "nobody"),
    }
    root = repository(tmp_path / "r", files)
    for env in ({}, {"PYTHONIOENCODING": ""}):
        done = run("lint", "--format", "json", cwd=root, env=env)
        assert done.returncode == 1, done.stderr
        findings = loads(done.stdout)["findings"]
        assert [(f["rule"], f["path"]) for f in findings] == [
            ("GOV101", "contracts/a\nb.yaml"),  # a newline is JSON's `\n`: as written
            ("GOV101", "contracts/c\\udc80.yaml"),  # the six characters \udc80
        ]
        assert b'"contracts/c\\\\udc80.yaml"' in done.stdout


def test_coverage_json_with_a_lone_surrogate_is_no_internal_error(tmp_path: Path) -> None:
    undocumented = "  b_id: {type: string}\n"
    root = repository(
        tmp_path / "r", {NOT_UTF8: contract("orders.c", "payroll-engine", undocumented)}
    )
    done = run("coverage", "--format", "json", cwd=root)
    assert done.returncode == 0, done.stderr
    fields = next(m for m in loads(done.stdout)["coverage"] if m["name"] == "fields")
    assert [(g["name"], g["path"]) for g in fields["missing"]] == [
        ("b_id", "contracts/c\\udc80.yaml")
    ]
