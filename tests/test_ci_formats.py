"""Output for CI: GitHub workflow-command annotations (escaped as GitHub's
toolkit escapes them, at most 10 per type), SARIF 2.1.0 validated against the
OASIS schema, and the job summary."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from govern.reporters.github import escape_data, escape_property
from govern.rules import REGISTRY
from tests.conftest import SHARED, git, make_repo, needs_shared, run_govern

INJECTION = """\
contract: orders.bad
version: 1.0.0
status: active
kind: event
description: x
owner: "nobody\\n::set-env name=PWNED::1"
schema:
  a_id: {type: string, description: A key}
"""


def test_escaping_follows_the_toolkit() -> None:
    # @actions/core: escapeData %, CR, LF; escapeProperty also ':' and ','.
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_contract_text_cannot_inject_a_workflow_command(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/bad.yaml": INJECTION})
    done = run_govern("lint", "--format", "github", cwd=root)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    # No line of output starts a command other than our annotation.
    assert not any(line.startswith("::set-env") for line in lines)
    assert [ln for ln in lines if ln.startswith("::")] == [
        "::error file=contracts/bad.yaml,line=6,col=8,title=GOV101 unknown-owner::"
        "owner `nobody%0A::set-env name=PWNED::1` is not a team in ownership/"
    ]


def test_github_actions_picks_the_github_format(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/bad.yaml": INJECTION})
    done = run_govern("lint", cwd=root, env={"GITHUB_ACTIONS": "true"})
    assert any(
        line.startswith("::error file=contracts/bad.yaml") for line in done.stdout.splitlines()
    )
    plain = run_govern("lint", cwd=root)
    assert "::error" not in plain.stdout


def _many_errors(n: int) -> str:
    fields = "".join(f"  F{i}: {{type: string, description: d}}\n" for i in range(n))
    return (
        "contract: orders.many\nversion: 1.0.0\nstatus: active\nkind: event\n"
        "description: x\nowner: payroll-engine\nschema:\n" + fields
    )


def test_at_most_ten_annotations_of_a_type_and_the_rest_in_the_summary(tmp_path: Path) -> None:
    # 12 field names that are not snake_case: 12 errors (GOV221).
    root = make_repo(tmp_path / "r", {"contracts/many.yaml": _many_errors(12)})
    summary = tmp_path / "summary.md"
    done = run_govern(
        "lint", "--format", "github", cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    errors = [ln for ln in done.stdout.splitlines() if ln.startswith("::error")]
    assert len(errors) == 10
    assert all("title=GOV221 field-name-case" in ln for ln in errors[:9])
    assert "3 more error annotations are not shown here: see the job summary" in errors[9]
    # The log lists all 12, and so does the job summary.
    assert sum(1 for ln in done.stdout.splitlines() if " GOV221 " in ln) == 12
    table = summary.read_text()
    assert table.startswith("## govern lint")
    assert table.count("GOV221 field-name-case") == 12


def test_job_summary_is_appended_not_overwritten(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {})
    summary = tmp_path / "summary.md"
    summary.write_text("## an earlier step\n")
    run_govern("lint", cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert text.startswith("## an earlier step\n")
    assert "## govern lint" in text and "No findings" in text


def _sarif_schema() -> dict[str, object]:
    needs_shared()
    return json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text())


def test_lint_sarif_validates_and_lists_every_rule(tmp_path: Path) -> None:
    schema = _sarif_schema()
    root = make_repo(tmp_path / "r", {"contracts/bad.yaml": INJECTION})
    done = run_govern("lint", "--format", "sarif", cwd=root)
    assert done.returncode == 1
    log = json.loads(done.stdout)
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(REGISTRY)
    for r in rules:
        assert r["name"] and r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["help"]["text"] and r["defaultConfiguration"]["level"] in (
            "error",
            "warning",
            "note",
        )
    [result] = run["results"]
    assert result["ruleId"] == "GOV101" and result["level"] == "error"
    assert rules[result["ruleIndex"]]["id"] == "GOV101"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (6, 8)
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "contracts/bad.yaml"


def test_sarif_fingerprints_survive_unrelated_lines_moving(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/bad.yaml": INJECTION})
    before = json.loads(run_govern("lint", "--format", "sarif", cwd=root).stdout)
    (root / "contracts/bad.yaml").write_text("# a comment\n# and another\n" + INJECTION)
    after = json.loads(run_govern("lint", "--format", "sarif", cwd=root).stdout)
    [a], [b] = before["runs"][0]["results"], after["runs"][0]["results"]
    assert a["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert b["locations"][0]["physicalLocation"]["region"]["startLine"] == 8
    assert a["partialFingerprints"] == b["partialFingerprints"]


def _removal_repository(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "r", {})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    path = root / "contracts/payroll/payslip_generated.yaml"
    text = path.read_text()
    path.write_text("".join(ln for ln in text.splitlines(True) if "line_item_count" not in ln))
    return root


def test_breaking_annotations_anchor_a_removed_field_to_a_line_that_exists(tmp_path: Path) -> None:
    root = _removal_repository(tmp_path)
    done = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "github",
                      cwd=root)  # fmt: skip
    assert done.returncode == 1
    errors = [ln for ln in done.stdout.splitlines() if ln.startswith("::error")]
    removed = next(ln for ln in errors if "field-removed" in ln)
    # The field was on line 14, the last; `schema:` (line 10) still exists.
    assert removed.startswith("::error file=contracts/payroll/payslip_generated.yaml,line=10,")
    lines = (root / "contracts/payroll/payslip_generated.yaml").read_text().splitlines()
    assert lines[9] == "schema:"


def test_breaking_sarif_validates(tmp_path: Path) -> None:
    schema = _sarif_schema()
    root = _removal_repository(tmp_path)
    done = run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", "sarif",
                      cwd=root)  # fmt: skip
    log = json.loads(done.stdout)
    jsonschema.validate(log, schema)
    levels = {(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]}
    assert ("field-removed", "error") in levels
    assert ("version-not-bumped", "error") in levels


@pytest.mark.parametrize("fmt", ["markdown", "json", "text"])
def test_breaking_writes_the_job_summary_in_any_format(tmp_path: Path, fmt: str) -> None:
    root = _removal_repository(tmp_path)
    summary = tmp_path / "summary.md"
    run_govern("breaking", "--against", "main", "--now", "2026-11-22", "--format", fmt, cwd=root,
               env={"GITHUB_STEP_SUMMARY": str(summary)})  # fmt: skip
    text = summary.read_text()
    assert "## Data contract changes" in text
    assert "**breaking, refused**" in text and "earliest 2026-12-06" in text
