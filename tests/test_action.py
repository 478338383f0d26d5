"""The GitHub Action (action.yml and its scripts in .github/actions/): the
manifest is consistent, and each script does its job when run as the runner
runs it (bash, with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CACHE_DIR, PROJECT, git, make_repo

ACTION = yaml.safe_load((PROJECT / "action.yml").read_text())
SCRIPTS = PROJECT / ".github" / "actions"


def test_the_manifest_references_only_what_it_defines() -> None:
    text = (PROJECT / "action.yml").read_text()
    inputs = set(ACTION["inputs"])
    assert set(re.findall(r"(?<![\w.-])inputs\.([a-z-]+)", text)) <= inputs
    step_ids = {s["id"] for s in ACTION["runs"]["steps"] if "id" in s}
    assert set(re.findall(r"steps\.([a-z]+)\.(?:outputs|outcome)", text)) <= step_ids
    assert ACTION["runs"]["using"] == "composite"
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs and github.* reach scripts as environment variables, never
            # spliced into code: each step runs one script, by the runner's path.
            assert re.fullmatch(r'bash "\$GITHUB_ACTION_PATH/\.github/actions/[a-z-]+\.sh"\n?',
                                step["run"]), step["run"]  # fmt: skip
    for script in re.findall(r"\.github/actions/([a-z-]+\.sh)", text):
        assert (SCRIPTS / script).exists(), script


def test_the_inputs_are_checked_first_and_the_verdict_knows_what_had_to_run() -> None:
    steps = ACTION["runs"]["steps"]
    first = steps[0]
    assert first["id"] == "inputs" and "if" not in first
    checked = " ".join(first["env"].values())
    for name in ("path", "lint", "breaking", "against", "fail-on", "sarif", "govern"):
        assert "${{ inputs." + name + " }}" in checked, name
    assert "${{ github.base_ref }}" in checked
    by_id = {s["id"]: s for s in steps if "id" in s}
    verdict = by_id["verdict"]
    assert verdict["if"] == "always()" and verdict is steps[-1]
    assert verdict["env"]["INPUTS"] == "${{ steps.inputs.outcome }}"
    # The verdict's "had to run" is exactly each step's condition.
    for check in ("lint", "breaking"):
        wanted = verdict["env"][f"{check.upper()}_WANTED"]
        assert wanted == "${{ " + by_id[check]["if"] + " }}", check


def test_the_workflow_uses_the_action() -> None:
    workflow = yaml.safe_load((PROJECT / ".github/workflows/govern.yml").read_text())
    steps = workflow["jobs"]["govern"]["steps"]
    assert any(s.get("uses") == "./" for s in steps)


def _run(script: str, cwd: Path, tmp: Path, **env: str) -> tuple[int, dict[str, str], str]:
    """Run one script as its step does: the runner's command files in ``tmp``
    (output.txt, env.txt, summary.md), the step's env; (exit code, outputs,
    job summary + stdout + stderr). The scripts never write env.txt."""
    output, summary, env_file = tmp / "output.txt", tmp / "summary.md", tmp / "env.txt"
    output.write_text("")
    env_file.write_text("")
    full = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GOVERN_"))},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_ENV": str(env_file),
        "GITHUB_ACTIONS": "true",
        "GOVERN_CACHE_DIR": CACHE_DIR,
        **env,
    }
    done = subprocess.run(["bash", str(SCRIPTS / script)], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    values = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    text = summary.read_text() if summary.exists() else ""
    assert env_file.read_bytes() == b""
    return done.returncode, values, text + done.stdout + done.stderr


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
    ran = {"INPUTS": "success", "LINT_WANTED": "true", "BREAKING_WANTED": "true"}
    code, out, _ = _run("verdict.sh", root, tmp_path, **ran, LINT="0", BREAKING="1")
    assert (code, out["verdict"]) == (1, "fail")
    code, out, _ = _run("verdict.sh", root, tmp_path, **ran, LINT="0", BREAKING="0")
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


# The verdict is fail-closed: pass only with the inputs accepted and a 0 from
# every check that had to run. (INPUTS, LINT_WANTED, LINT, BREAKING_WANTED, BREAKING).
VERDICTS = [
    (("success", "true", "0", "true", "0"), "pass"),
    (("success", "true", "0", "false", ""), "pass"),  # no base branch: breaking not wanted
    (("success", "false", "", "true", "0"), "pass"),  # lint: false
    (("success", "true", "1", "true", "0"), "fail"),
    (("success", "true", "0", "true", "1"), "fail"),
    (("success", "true", "0", "true", "2"), "fail"),  # breaking could not run
    (("success", "true", "3", "true", "0"), "fail"),  # lint crashed
    (("success", "true", "0", "true", ""), "fail"),  # breaking skipped after a failure
    (("success", "true", "", "true", "0"), "fail"),  # lint left no status
    (("success", "", "0", "", ""), "fail"),  # unknown "wanted" means wanted
    (("success", "true", "0", "true", "00"), "fail"),
    (("success", "true", "0", "true", "-0"), "fail"),
    (("success", "true", "0", "true", " 0"), "fail"),
    (("success", "true", "0", "true", "0\nverdict=pass"), "fail"),
    (("success", "true", "0", "true", "pass"), "fail"),
    (("failure", "true", "0", "true", "0"), "fail"),  # a bad input
    (("skipped", "true", "0", "true", "0"), "fail"),
    (("", "true", "0", "true", "0"), "fail"),
    (("SUCCESS", "true", "0", "true", "0"), "fail"),
]


@pytest.mark.parametrize(("env", "verdict"), VERDICTS)
def test_the_verdict_passes_only_what_ran_and_passed(
    tmp_path: Path, env: tuple[str, ...], verdict: str
) -> None:
    names = ("INPUTS", "LINT_WANTED", "LINT", "BREAKING_WANTED", "BREAKING")
    code, _, text = _run("verdict.sh", tmp_path, tmp_path, **dict(zip(names, env, strict=True)))
    assert code == (0 if verdict == "pass" else 1)
    assert (tmp_path / "output.txt").read_bytes() == f"verdict={verdict}\n".encode()
    assert not re.search(r"(?m)^::", text)  # a status shows as $'0\nverdict=pass'


def test_the_verdict_without_any_environment_fails(tmp_path: Path) -> None:
    code, _, _ = _run("verdict.sh", tmp_path, tmp_path)
    assert code == 1
    assert (tmp_path / "output.txt").read_bytes() == b"verdict=fail\n"


@pytest.mark.parametrize(
    "value", ["1\nverdict=pass", "pass", "", "1 ", "x<<EOF", "$(touch pwned)", "-1"]
)
def test_outputs_are_counts_or_verdict_words_only(tmp_path: Path, value: str) -> None:
    # The one writer of outputs refuses anything else: nothing is written.
    script = tmp_path / "s.sh"
    script.write_text(f'. "{SCRIPTS}/common.sh"\noutput refused "$VALUE"\necho after\n')
    output = tmp_path / "output.txt"
    output.write_bytes(b"")
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "VALUE": value}
    done = subprocess.run(["bash", str(script)], cwd=tmp_path, env=env, capture_output=True,
                          text=True)  # fmt: skip
    assert (done.returncode, done.stdout, output.read_bytes()) == (2, "", b"")
    assert done.stderr.startswith("govern action: refusing to write the output refused=")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "pwned").exists()


HOSTILE = ["$(touch pwned)", "`touch pwned`", "x;touch pwned", "a b", "\"'", "x\ny=1", "-x"]


@pytest.mark.parametrize("value", HOSTILE)
def test_lint_script_refuses_a_bad_fail_on(tmp_path: Path, value: str) -> None:
    root = make_repo(tmp_path / "r", {})
    code, out, text = _run("lint.sh", root, tmp_path, FAIL_ON=value)
    assert (code, out) == (2, {})
    assert "govern action: input fail-on must be one of: error warning info (got " in text
    assert not list(tmp_path.rglob("pwned"))


@pytest.mark.parametrize("value", ["x\n::set-output name=verdict::pass", "x\r", "x\ty"])
def test_lint_script_refuses_a_sarif_name_with_a_control_character(
    tmp_path: Path, value: str
) -> None:
    root = make_repo(tmp_path / "r", {})
    code, out, text = _run("lint.sh", root, tmp_path, SARIF=value)
    assert (code, out) == (2, {})
    assert "input sarif must not hold a newline or control character" in text
    assert not re.search(r"(?m)^::", text)


def test_lint_script_writes_a_sarif_file_named_with_metacharacters(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {"contracts/bad.yaml": BAD})
    name = "-$(touch pwned) `touch pwned`;x.sarif"
    code, out, _ = _run("lint.sh", root, tmp_path, SARIF=name)
    assert (code, out["status"]) == (0, "1")
    assert '"version": "2.1.0"' in (root / name).read_text()
    assert not list(tmp_path.rglob("pwned"))


def test_lint_script_cannot_write_the_sarif_file_status_2(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {})
    code, out, text = _run("lint.sh", root, tmp_path, SARIF="no/such/dir/govern.sarif")
    assert (code, out["status"]) == (2, "2")
    assert "govern action: cannot write the SARIF file no/such/dir/govern.sarif" in text


@pytest.mark.parametrize("value", [*HOSTILE[:4], "x\ny=1", "-x", "--upload-pack=touch pwned"])
def test_breaking_script_refuses_a_bad_against(tmp_path: Path, value: str) -> None:
    root = make_repo(tmp_path / "r", {})
    git(root, "init", "-q", "-b", "main")
    if " " in value or "\n" in value or value.startswith("-"):
        code, out, text = _run("breaking.sh", root, tmp_path, AGAINST=value)
        assert (code, out) == (2, {})
        assert "govern action: input against must be a branch, tag or commit" in text
    else:  # a name git allows: govern looks it up, finds nothing, exits 2
        code, _, text = _run("breaking.sh", root, tmp_path, AGAINST=value)
        assert code == 2
        assert (tmp_path / "output.txt").read_bytes() == b"status=2\n"
    assert not list(tmp_path.rglob("pwned"))


@pytest.mark.parametrize("script", ["fetch-base.sh", "breaking.sh"])
@pytest.mark.parametrize("value", ["$(touch pwned)", "a b", "x\ny=1", "-x", "a..b", "a:b"])
def test_scripts_refuse_a_base_branch_that_is_no_branch_name(
    tmp_path: Path, script: str, value: str
) -> None:
    root = make_repo(tmp_path / "r", {})
    git(root, "init", "-q", "-b", "main")
    code, out, text = _run(script, root, tmp_path, BASE=value)
    assert (code, out) == (2, {})
    assert "(github.base_ref) is not a valid branch name (got " in text
    assert text.count("\n") == 1
    assert not list(tmp_path.rglob("pwned"))


def test_breaking_script_with_nothing_to_compare_fails(tmp_path: Path) -> None:
    code, out, text = _run("breaking.sh", tmp_path, tmp_path)
    assert (code, out) == (2, {})
    assert "nothing to compare with" in text


@pytest.mark.parametrize("value", ["--index-url=http://example.invalid/", "-rrequirements.txt",
                                   "govern\n--pre"])  # fmt: skip
def test_install_script_refuses_an_option_for_pip(tmp_path: Path, value: str) -> None:
    code, _, text = _run("install.sh", tmp_path, tmp_path, GOVERN_REQUIREMENT=value,
                         GITHUB_ACTION_PATH=str(PROJECT))  # fmt: skip
    assert code == 2
    assert "govern action: input govern must be a requirement or a path, not an option" in text


def test_check_inputs_script_names_every_bad_input(tmp_path: Path) -> None:
    code, _, text = _run("check-inputs.sh", tmp_path, tmp_path, REPO_PATH="no such dir",
                         LINT_INPUT="yes", BREAKING_INPUT="true", FAIL_ON="errors",
                         SARIF="a\nb", AGAINST="-x", BASE="a b")  # fmt: skip
    assert code == 2
    assert text.splitlines() == [
        "govern action: input lint must be one of: true false (got yes)",
        "govern action: input fail-on must be one of: error warning info (got errors)",
        "govern action: input path must be a directory in the workspace (got no\\ such\\ dir)",
        "govern action: input sarif must not hold a newline or control character (got $'a\\nb')",
        "govern action: input against must be a branch, tag or commit, without spaces "
        "and not starting with - (got -x)",
        "govern action: the pull request's base branch (github.base_ref) is not a valid "
        "branch name (got a\\ b)",
    ]
    code, _, text = _run("check-inputs.sh", tmp_path, tmp_path, REPO_PATH=".", LINT_INPUT="true",
                         BREAKING_INPUT="true", FAIL_ON="warning", SARIF="$(x) y.sarif",
                         AGAINST="origin/main~2", BASE="release/1.x;$(y)")  # fmt: skip
    assert (code, text) == (0, "")


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_the_scripts_pass_shellcheck() -> None:
    scripts = sorted(str(p) for p in SCRIPTS.glob("*.sh"))
    done = subprocess.run(["shellcheck", "-x", *scripts], cwd=SCRIPTS, capture_output=True,
                          text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout
