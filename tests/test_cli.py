"""The command line end to end: the installed ``govern`` run as a subprocess on
real repositories, checked the way a user reads it (exit code, output, files).

PRODUCT.md section 2: exit 0 clean, 1 findings at or above ``--fail-on``,
2 usage or configuration error; never a traceback for a user's mistake.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from govern import __version__
from govern.rules import REGISTRY
from tests.conftest import BASE, PROJECT, git, make_repo, run_govern

GOOD = """\
contract: payroll.run.completed
version: 1.0.0
status: active
kind: event
description: One event per finished payroll run.
owner: payroll-engine
schema:
  payroll_run_id: {type: string, required: true, description: Run identifier}
"""
# Warnings only: no contract description (GOV203 at 1:11).
WARNINGS_ONLY = GOOD.replace("description: One event per finished payroll run.\n", "")
# An error too: `owner: payroll-engin` is line 5 (no description line), value at column 8.
WITH_ERROR = WARNINGS_ONLY.replace("owner: payroll-engine", "owner: payroll-engin")
# A field without a description (GOV220 at 8:3), under another id.
NO_FIELD_DESCRIPTION = GOOD.replace("run.completed", "run.started").replace(
    ", description: Run identifier", ""
)
NORMATIVE_FINDING_KEYS = {"rule", "severity", "path", "line", "column", "message"}
NORMATIVE_SUMMARY_KEYS = {"errors", "warnings", "files"}
RULE_COUNT = len(REGISTRY)


def repo_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """The base fixture plus ``files``, marked as a repository root by govern.yaml."""
    return make_repo(tmp_path / "repo", {"govern.yaml": "fail_on: error\n", **files})


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, f"expected a one-line error, got: {stderr!r}"
    assert "Traceback" not in stderr
    return lines[0]


# --- version and lint ------------------------------------------------------------------------


def test_version(tmp_path: Path) -> None:
    result = run_govern("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"govern {__version__}\n"


def test_lint_clean_repository(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {})
    result = run_govern("lint", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""
    summary = result.stdout.strip().splitlines()[-1]
    assert "No findings" in summary
    assert "3 files" in summary and "3 documents" in summary and f"{RULE_COUNT} rules" in summary


def test_lint_findings_are_grouped_by_file(tmp_path: Path) -> None:
    root = repo_with(
        tmp_path, {"contracts/a.yaml": WITH_ERROR, "contracts/b.yaml": NO_FIELD_DESCRIPTION}
    )
    result = run_govern("lint", cwd=root)
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    a, b = lines.index("contracts/a.yaml"), lines.index("contracts/b.yaml")
    assert a < b
    assert re.fullmatch(
        r"\s+1:11\s+warning\s+GOV203 \[contract-description\] "
        r"contract `payroll\.run\.completed` has no description",
        lines[a + 1],
    )
    assert re.fullmatch(
        r"\s+5:8\s+error\s+GOV101 \[unknown-owner\] owner `payroll-engin` is not a team "
        r"in ownership/; did you mean `payroll-engine`\?",
        lines[a + 2],
    )
    assert re.fullmatch(
        r"\s+8:3\s+warning\s+GOV220 \[field-description\] "
        r"field `payroll_run_id` has no description",
        lines[b + 1],
    )
    summary = lines[-1]
    assert "1 error, 2 warnings" in summary
    assert "5 files" in summary and "5 documents" in summary and f"{RULE_COUNT} rules" in summary


def test_lint_json_has_the_normative_keys(tmp_path: Path) -> None:
    root = repo_with(
        tmp_path, {"contracts/a.yaml": WITH_ERROR, "contracts/b.yaml": NO_FIELD_DESCRIPTION}
    )
    result = run_govern("lint", "--format", "json", cwd=root)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    for finding in report["findings"]:
        assert set(finding) >= NORMATIVE_FINDING_KEYS
    assert [{k: f[k] for k in NORMATIVE_FINDING_KEYS} for f in report["findings"]] == [
        {"rule": "GOV203", "severity": "warning", "path": "contracts/a.yaml", "line": 1,
         "column": 11, "message": "contract `payroll.run.completed` has no description"},
        {"rule": "GOV101", "severity": "error", "path": "contracts/a.yaml", "line": 5,
         "column": 8, "message": "owner `payroll-engin` is not a team in ownership/; "
                                 "did you mean `payroll-engine`?"},
        {"rule": "GOV220", "severity": "warning", "path": "contracts/b.yaml", "line": 8,
         "column": 3, "message": "field `payroll_run_id` has no description"},
    ]  # fmt: skip
    summary = report["summary"]
    assert {k: summary[k] for k in NORMATIVE_SUMMARY_KEYS} == {
        "errors": 1,
        "warnings": 2,
        "files": 5,
    }


def test_lint_json_has_the_normative_keys_and_documented_extras(tmp_path: Path) -> None:
    # PRODUCT.md section 2: keep the normative keys, add freely around them.
    # The extras are documented in docs/getting-started.md.
    root = repo_with(tmp_path, {"contracts/a.yaml": WITH_ERROR})
    report = json.loads(run_govern("lint", "--format", "json", cwd=root).stdout)
    assert set(report) == {"findings", "summary"}
    assert [set(f) for f in report["findings"]] == [NORMATIVE_FINDING_KEYS | {"name"}] * 2
    assert set(report["summary"]) == NORMATIVE_SUMMARY_KEYS | {"infos", "documents", "rules"}


def test_lint_json_on_a_clean_repository(tmp_path: Path) -> None:
    result = run_govern("lint", "--format", "json", cwd=repo_with(tmp_path, {}))
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert {k: report["summary"][k] for k in NORMATIVE_SUMMARY_KEYS} == {
        "errors": 0,
        "warnings": 0,
        "files": 3,
    }


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((), 0),
        (("--fail-on", "error"), 0),
        (("--fail-on", "warning"), 1),
        (("--fail-on", "info"), 1),
    ],
)
def test_fail_on(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    root = repo_with(tmp_path, {"contracts/a.yaml": WARNINGS_ONLY})
    result = run_govern("lint", *args, cwd=root)
    assert result.returncode == code
    assert "GOV203" in result.stdout  # reported either way


def test_fail_on_from_govern_yaml_and_the_flag_wins(tmp_path: Path) -> None:
    root = repo_with(
        tmp_path, {"contracts/a.yaml": WARNINGS_ONLY, "govern.yaml": "fail_on: warning\n"}
    )
    assert run_govern("lint", cwd=root).returncode == 1
    assert run_govern("lint", "--fail-on", "error", cwd=root).returncode == 0


def test_lint_one_file_resolves_references_against_the_whole_repository(tmp_path: Path) -> None:
    root = repo_with(
        tmp_path,
        {"contracts/a.yaml": GOOD, "contracts/b.yaml": NO_FIELD_DESCRIPTION},
    )
    # a.yaml's owner, payroll-engine, is defined in ownership/teams.yaml.
    alone = run_govern("lint", "contracts/a.yaml", "--format", "json", cwd=root)
    assert alone.returncode == 0, alone.stdout
    report = json.loads(alone.stdout)
    assert report["findings"] == []
    assert report["summary"]["files"] == 1
    # b.yaml's own finding, and nothing from other files.
    other = run_govern("lint", "contracts/b.yaml", "--format", "json", cwd=root)
    found = [(f["rule"], f["path"], f["line"], f["column"])
             for f in json.loads(other.stdout)["findings"]]  # fmt: skip
    assert found == [("GOV220", "contracts/b.yaml", 8, 3)]
    assert other.returncode == 0  # a warning, under the default --fail-on error


def test_lint_one_file_reports_its_broken_reference(tmp_path: Path) -> None:
    other = WITH_ERROR.replace("run.completed", "run.started")
    root = repo_with(tmp_path, {"contracts/a.yaml": WITH_ERROR, "contracts/b.yaml": other})
    result = run_govern("lint", "contracts/a.yaml", "--format", "json", cwd=root)
    assert result.returncode == 1
    found = [(f["rule"], f["path"], f["line"], f["column"])
             for f in json.loads(result.stdout)["findings"]]  # fmt: skip
    # a.yaml's own findings, and the broken reference in b.yaml (references are
    # reported anywhere: a change to one file can break another), but not
    # b.yaml's other findings.
    assert found == [
        ("GOV203", "contracts/a.yaml", 1, 11),
        ("GOV101", "contracts/a.yaml", 5, 8),
        ("GOV101", "contracts/b.yaml", 5, 8),
    ]


def test_renaming_a_team_is_caught_when_only_the_team_file_is_linted(tmp_path: Path) -> None:
    # What a pre-commit hook sees: only ownership/teams.yaml changed, and the
    # base contract owned by `payroll-engine` is orphaned by the rename.
    root = repo_with(tmp_path, {})
    teams = root / "ownership" / "teams.yaml"
    teams.write_text(teams.read_text().replace("payroll-engine:", "payroll-core:"))
    result = run_govern("lint", "ownership/teams.yaml", "--format", "json", cwd=root)
    assert result.returncode == 1
    found = {(f["rule"], f["path"]) for f in json.loads(result.stdout)["findings"]}
    assert ("GOV101", "contracts/payroll/payslip_generated.yaml") in found


def test_lint_a_path_that_does_not_exist(tmp_path: Path) -> None:
    result = run_govern("lint", "contracts/nope.yaml", cwd=repo_with(tmp_path, {}))
    assert result.returncode == 2
    assert result.stdout == ""
    line = one_line_error(result.stderr)
    assert "contracts/nope.yaml" in line and "no such file" in line


@pytest.mark.parametrize("target", ["ownership/teams.yaml", "missing-dir"])
def test_repo_that_is_not_a_directory(tmp_path: Path, target: str) -> None:
    root = repo_with(tmp_path, {})
    result = run_govern("lint", "--repo", str(root / target), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    line = one_line_error(result.stderr)
    assert "--repo" in line and target in line


@pytest.mark.parametrize("marker", [".git", "govern.yaml"])
def test_running_from_a_subdirectory_finds_the_root(tmp_path: Path, marker: str) -> None:
    root = make_repo(tmp_path / "repo", {"contracts/a.yaml": WARNINGS_ONLY})
    if marker == ".git":
        git(root, "init", "-q")
    else:
        (root / "govern.yaml").write_text("fail_on: error\n", encoding="utf-8")
    here = root / "contracts" / "payroll"
    result = run_govern("lint", "--format", "json", cwd=here)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 4
    # Paths are relative to the root, not to the current directory.
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [("GOV203", "contracts/a.yaml")]
    # A path argument is relative to the current directory.
    mine = run_govern("lint", "payslip_generated.yaml", "--format", "json", cwd=here)
    assert mine.returncode == 0
    assert json.loads(mine.stdout)["summary"]["files"] == 1


# --- configuration ------------------------------------------------------------------------------


def test_govern_yaml_unknown_key(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"govern.yaml": "fail_on: warning\nmax_file_sise: 10\n"})
    result = run_govern("lint", cwd=root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert one_line_error(result.stderr) == (
        "error: govern.yaml:2:1: unknown configuration key `max_file_sise` "
        "(did you mean `max_file_size`?)"
    )


def test_govern_yaml_unknown_nested_key(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"govern.yaml": "paths:\n  contract: data/contracts\n"})
    result = run_govern("lint", cwd=root)
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    assert line.startswith("error: govern.yaml:2:3: unknown configuration key `paths.contract`")
    assert "did you mean" in line and "contracts" in line


def test_govern_yaml_unknown_rule(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"govern.yaml": "rules:\n  GOV220: off\n  GOV999: error\n"})
    result = run_govern("lint", cwd=root)
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    assert line.startswith("error: govern.yaml:3:3: ")
    assert "unknown rule 'GOV999'" in line


def test_govern_yaml_bad_severity_points_at_the_value(tmp_path: Path) -> None:
    # Line 2 `  GOV220: {severity: err}`: the value `err` is column 22.
    root = repo_with(tmp_path, {"govern.yaml": "rules:\n  GOV220: {severity: err}\n"})
    result = run_govern("lint", cwd=root)
    assert result.returncode == 2
    assert one_line_error(result.stderr).startswith("error: govern.yaml:2:22: ")


@pytest.mark.parametrize(
    "content",
    [b"fail_on: [\n", b"\xff\xfe", b"- a\n", b"fail_on: warning\nfail_on: error\n"],
    ids=["invalid-yaml", "not-utf8", "a-list", "duplicate-key"],
)
def test_broken_govern_yaml_is_exit_2(tmp_path: Path, content: bytes) -> None:
    root = repo_with(tmp_path, {"govern.yaml": content})
    result = run_govern("lint", cwd=root)
    assert result.returncode == 2
    assert one_line_error(result.stderr).startswith("error: govern.yaml:")


def test_pyproject_tool_govern_is_read(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"contracts/a.yaml": WARNINGS_ONLY})
    assert run_govern("lint", "--repo", str(root), cwd=tmp_path).returncode == 0
    (root / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.govern]\nfail_on = "warning"\n', encoding="utf-8"
    )
    result = run_govern("lint", "--repo", str(root), cwd=tmp_path)
    assert result.returncode == 1
    assert "GOV203" in result.stdout


def test_pyproject_unknown_key(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {})
    (root / "pyproject.toml").write_text(
        '[tool.govern]\nfail_on = "warning"\nmax_file_sise = 3\n', encoding="utf-8"
    )
    result = run_govern("lint", "--repo", str(root), cwd=tmp_path)
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    assert line.startswith("error: pyproject.toml:3:1: unknown configuration key `max_file_sise`")


# --- text from files is escaped -----------------------------------------------------------------

# `\x1b` inside double quotes is a YAML escape: the owner holds a real ESC character.
HOSTILE = GOOD.replace("owner: payroll-engine", 'owner: "[bold]x[/bold]\\x1b[31my"')
SHOWN = "owner `[bold]x[/bold]\\x1b[31my` is not a team"  # as printed: markup and escape literal


@pytest.mark.parametrize("flags", [(), ("--no-color",)], ids=["default", "no-color"])
def test_markup_and_terminal_escapes_are_printed_literally(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    root = repo_with(tmp_path, {"contracts/a.yaml": HOSTILE})
    result = run_govern("lint", *flags, cwd=root)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    assert SHOWN in result.stdout


def test_escapes_stay_escaped_when_colour_is_forced(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"contracts/a.yaml": HOSTILE})
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    result = run_govern("lint", cwd=root, env=env)
    assert result.returncode == 1
    assert "\x1b[" in result.stdout, "colour was forced on: govern's own styles are there"
    assert "[/bold]\x1b[31m" not in result.stdout
    assert SHOWN in result.stdout


@pytest.mark.parametrize(
    ("flags", "env"),
    [(("--no-color",), {}), ((), {"NO_COLOR": "1"})],
    ids=["--no-color", "NO_COLOR"],
)
def test_no_color_beats_forced_colour(
    tmp_path: Path, flags: tuple[str, ...], env: dict[str, str]
) -> None:
    root = repo_with(tmp_path, {"contracts/a.yaml": HOSTILE})
    result = run_govern(
        "lint", *flags, cwd=root, env={"FORCE_COLOR": "1", "TERM": "xterm-256color", **env}
    )
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    assert SHOWN in result.stdout


def test_json_escapes_control_characters(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"contracts/a.yaml": HOSTILE})
    result = run_govern("lint", "--format", "json", cwd=root)
    assert "\x1b" not in result.stdout
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert "owner `[bold]x[/bold]\x1b[31my` is not a team in ownership/" in messages


def test_error_line_escapes_the_argument(tmp_path: Path) -> None:
    result = run_govern("lint", "no\x1b[31msuch.yaml", cwd=repo_with(tmp_path, {}))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "no\\x1b[31msuch.yaml" in one_line_error(result.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_file_name_with_escape_and_markup(tmp_path: Path) -> None:
    root = repo_with(tmp_path, {"contracts/[bold]ev\x1bil.yaml": "name: x\n"})
    result = run_govern("lint", cwd=root)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    assert "contracts/[bold]ev\\x1bil.yaml" in result.stdout.splitlines()


# --- rules and explain --------------------------------------------------------------------------


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run_govern("rules", cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.returncode == 0
    codes = re.findall(r"^(GOV\d{3})\s", result.stdout, flags=re.MULTILINE)
    assert codes == list(REGISTRY)
    for r in REGISTRY.values():
        row = next(t for t in result.stdout.splitlines() if t.startswith(r.code))
        assert r.name in row and r.severity.value in row


def test_rules_json(tmp_path: Path) -> None:
    result = run_govern("rules", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    rules = json.loads(result.stdout)
    assert [r["code"] for r in rules] == list(REGISTRY)
    for r in rules:
        known = REGISTRY[r["code"]]
        assert (r["name"], r["severity"], r["summary"]) == (
            known.name,
            known.severity.value,
            known.summary,
        )


@pytest.mark.parametrize("name", ["GOV203", "contract-description", "gov203"])
def test_explain_prints_the_failing_and_passing_examples(tmp_path: Path, name: str) -> None:
    result = run_govern("explain", name, cwd=tmp_path)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("# GOV203 contract-description")
    fails, passes = out.index("Fails:"), out.index("Passes:")
    assert fails < passes
    # The failing example has no `description:`; the passing one does.
    assert REGISTRY["GOV203"].example("Fails") in out[fails:passes]
    assert REGISTRY["GOV203"].example("Passes") in out[passes:]
    assert "description: Emitted once per payroll run" in out[passes:]
    assert "\ndescription:" not in out[fails:passes]


def test_explain_fences_examples_as_yaml(tmp_path: Path) -> None:
    out = run_govern("explain", "GOV203", cwd=tmp_path).stdout
    assert out.count("```yaml\n") == 2
    assert re.search(r"^``$", out, flags=re.MULTILINE) is None


def test_explain_json(tmp_path: Path) -> None:
    result = run_govern("explain", "GOV220", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["code"] == "GOV220" and doc["name"] == "field-description"
    assert doc["fails"] == REGISTRY["GOV220"].example("Fails")
    assert doc["passes"] == REGISTRY["GOV220"].example("Passes")


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("GOV999", "`govern rules` lists them"),
        ("contract-descripton", "did you mean contract-description"),
    ],
)
def test_explain_unknown_rule(tmp_path: Path, name: str, hint: str) -> None:
    result = run_govern("explain", name, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    line = one_line_error(result.stderr)
    assert f"unknown rule '{name}'" in line and hint in line


# --- init ----------------------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_init_creates_a_repository_that_lints_clean(tmp_path: Path) -> None:
    result = run_govern("init", "new", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "new"
    created = snapshot(root)
    assert "govern.yaml" in created
    assert any(p.startswith("contracts/") for p in created)
    assert any(p.startswith("metrics/") for p in created)
    assert any(p.startswith("ownership/") for p in created)
    for path in created:
        assert path in result.stdout
    lint = run_govern("lint", cwd=root)
    assert lint.returncode == 0, lint.stdout
    assert "No findings" in lint.stdout


def test_init_again_refuses_and_changes_nothing(tmp_path: Path) -> None:
    assert run_govern("init", "new", cwd=tmp_path).returncode == 0
    root = tmp_path / "new"
    (root / "govern.yaml").write_text("fail_on: warning\n", encoding="utf-8")  # edited by hand
    before = snapshot(root)
    result = run_govern("init", "new", cwd=tmp_path)
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    for path in before:
        assert path in line
    assert snapshot(root) == before


def test_init_with_one_existing_file_writes_none(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    root.mkdir()
    (root / "govern.yaml").write_text("fail_on: info\n", encoding="utf-8")
    result = run_govern("init", str(root), cwd=tmp_path)
    assert result.returncode == 2
    assert "govern.yaml" in one_line_error(result.stderr)
    assert snapshot(root) == {"govern.yaml": b"fail_on: info\n"}


# --- schema --------------------------------------------------------------------------------------


def test_schema_contract_is_json_schema(tmp_path: Path) -> None:
    result = run_govern("schema", "contract", cwd=tmp_path)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert {"contract", "version", "schema"} <= set(schema["properties"])
    assert {"contract", "version", "status", "kind", "schema"} <= set(schema["required"])


def test_schema_contract_accepts_a_contract_and_rejects_a_bad_one(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run_govern("schema", "contract", cwd=tmp_path).stdout)
    good = yaml.safe_load((BASE / "contracts/payroll/payslip_generated.yaml").read_text("utf-8"))
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "version": 2.1}, schema)


@pytest.mark.parametrize("kind", ["metric", "ownership", "config"])
def test_schema_other_kinds_are_json(tmp_path: Path, kind: str) -> None:
    result = run_govern("schema", kind, cwd=tmp_path)
    assert result.returncode == 0
    assert isinstance(json.loads(result.stdout)["properties"], dict)


# --- usage errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("--bogus",), ("lint", "--bogus"), ("lint", "--format", "xml"), ("lint", "--fail-on", "x"),
     ("schema", "bogus"), ("nosuchcommand",)],
)  # fmt: skip
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run_govern(*args, cwd=tmp_path)
    assert result.returncode == 2
    no_traceback(result)
    assert "Usage: govern" in result.stderr


def test_this_project_lints_clean() -> None:
    result = run_govern("lint", cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout
