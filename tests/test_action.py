"""The GitHub Action (action.yml and its scripts in .github/actions/): the
manifest is consistent, and each script does its job when run as the runner
runs it (bash, with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import CACHE_DIR, PROJECT, git, make_repo

ACTION = yaml.safe_load((PROJECT / "action.yml").read_text())
SCRIPTS = PROJECT / ".github" / "actions"


def test_the_manifest_references_only_what_it_defines() -> None:
    text = (PROJECT / "action.yml").read_text()
    inputs = set(ACTION["inputs"])
    assert set(re.findall(r"inputs\.([a-z-]+)", text)) <= inputs
    step_ids = {s["id"] for s in ACTION["runs"]["steps"] if "id" in s}
    assert set(re.findall(r"steps\.([a-z]+)\.outputs", text)) <= step_ids
    assert ACTION["runs"]["using"] == "composite"
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs reach scripts as environment variables, never spliced into code.
            assert "inputs." not in step["run"]
    for script in re.findall(r"\.github/actions/([a-z-]+\.sh)", text):
        assert (SCRIPTS / script).exists(), script


def test_the_workflow_uses_the_action() -> None:
    workflow = yaml.safe_load((PROJECT / ".github/workflows/govern.yml").read_text())
    steps = workflow["jobs"]["govern"]["steps"]
    assert any(s.get("uses") == "./" for s in steps)


def _run(script: str, cwd: Path, tmp: Path, **env: str) -> tuple[int, dict[str, str], str]:
    output, summary = tmp / "output.txt", tmp / "summary.md"
    output.write_text("")
    full = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GOVERN_"))},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_ACTIONS": "true",
        "GOVERN_CACHE_DIR": CACHE_DIR,
        **env,
    }
    done = subprocess.run(["bash", str(SCRIPTS / script)], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    values = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    text = summary.read_text() if summary.exists() else ""
    return done.returncode, values, text + done.stdout


BAD = (
    "contract: orders.bad\nversion: 1.0.0\nstatus: active\nkind: event\nowner: nobody\nschema: {}\n"
)


def test_lint_script_reports_counts_annotations_and_sarif(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/bad.yaml": BAD})
    sarif = tmp_path / "govern.sarif"
    code, out, text = _run("lint.sh", root, tmp_path, FAIL_ON="error", SARIF=str(sarif))
    assert code == 0  # findings are the verdict step's business
    # GOV101 (owner) is an error; GOV203 (no description) a warning.
    assert (out["status"], out["errors"], out["warnings"]) == ("1", "1", "1")
    assert "::error file=contracts/bad.yaml,line=5,col=8,title=GOV101 unknown-owner::" in text
    assert text.count("## govern lint") == 1  # the summary is written once
    assert '"version": "2.1.0"' in sarif.read_text()


def test_breaking_script_and_verdict(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    git(root, "checkout", "-q", "-b", "feature")
    (root / "contracts/payroll/payslip_generated.yaml").unlink()
    code, out, text = _run("breaking.sh", root, tmp_path, AGAINST="main", GOVERN_NOW="2026-11-22")
    assert code == 0
    assert (out["status"], out["refused"]) == ("1", "1")
    assert "contract-removed" in text and "**breaking, refused**" in text
    code, out, _ = _run("verdict.sh", root, tmp_path, LINT="0", BREAKING="1")
    assert (code, out["verdict"]) == (1, "fail")
    code, out, _ = _run("verdict.sh", root, tmp_path, LINT="0", BREAKING="")
    assert (code, out["verdict"]) == (0, "pass")


def test_fetch_script_deepens_a_shallow_clone(tmp_path: Path) -> None:
    origin = make_repo(tmp_path / "origin", {})
    git(origin, "init", "-q", "-b", "main")
    for day in range(1, 6):
        (origin / "notes.txt").write_text(f"{day}\n")
        git(origin, "add", "-A")
        git(origin, "commit", "-q", "-m", f"day {day}", date=f"2026-10-0{day}T10:00:00Z")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    code, _, _ = _run("fetch-base.sh", clone, tmp_path, BASE="main")
    assert code == 0
    assert git(clone, "rev-parse", "--is-shallow-repository") == "false"
    assert git(clone, "rev-list", "--count", "origin/main") == "5"
