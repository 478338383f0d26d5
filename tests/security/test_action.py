"""The GitHub Action end to end against hostile names: a pull request that
removes a required field with no notice must get the verdict ``fail``, never
``pass``, whatever its files, its base branch and the action's inputs are
called; no value ever runs as a command; no value forges an output or a
workflow command; a bad input fails with one clear line.

The action is run here as the runner runs a composite action: ``run_action``
reads action.yml, evaluates each step's ``if:`` (an implicit ``success()``
unless the expression calls a status function), its ``env:`` and
``working-directory:`` expressions, runs its ``run:`` with ``bash --noprofile
--norc -eo pipefail`` in a fresh ``GITHUB_OUTPUT`` file per step, and reads
the outputs back with the runner's rules (``name=value`` and
``name<<DELIMITER``). Only two steps are not run: ``actions/setup-python``
(this interpreter is the Python) and "Install govern" (govern is installed
here, editable). The repositories are real: an origin with a dated history
and a shallow clone of the pull request's branch, as actions/checkout leaves it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CACHE_DIR, PROJECT, git, make_repo

ACTION = yaml.safe_load((PROJECT / "action.yml").read_text())
NOW = "2026-11-22"
CONTRACT = "contracts/payroll/payslip_generated.yaml"
PWNED = "pwned"

# --------------------------------------------------------------------------
# GitHub's expression language, as much of it as action.yml uses.

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<name>[A-Za-z_][\w.-]*))"
)
_STATUS_FUNCTIONS = ("success(", "failure(", "always(", "cancelled(")


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while text[pos:].strip():
        match = _TOKEN.match(text, pos)
        assert match, f"expression not understood by the test runner: {text!r}"
        kind = match.lastgroup
        assert kind
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _equal(a: Any, b: Any) -> bool:
    # GitHub compares strings ignoring case.
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold() == b.casefold()
    return _text(a).casefold() == _text(b).casefold()


def evaluate(expression: str, context: dict[str, Any], failed: bool) -> Any:
    tokens, pos = _tokens(expression), 0

    def peek() -> str | None:
        return tokens[pos][1] if pos < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def primary() -> Any:
        kind, text = take()
        if text == "(" and kind == "op":
            inner = either()
            assert take()[1] == ")"
            return inner
        if kind == "str":
            return text[1:-1].replace("''", "'")
        assert kind == "name", expression
        if peek() == "(":
            take()
            assert take()[1] == ")"
            return {"always": True, "success": not failed, "failure": failed,
                    "cancelled": False}[text]  # fmt: skip
        if text in ("true", "false"):
            return text == "true"
        value: Any = context
        for part in text.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        return value

    def comparison() -> Any:
        left = primary()
        while peek() in ("==", "!="):
            op = take()[1]
            left = _equal(left, primary()) == (op == "==")
        return left

    def negation() -> Any:
        if peek() == "!":
            take()
            return not negation()
        return comparison()

    def both() -> Any:
        value = negation()
        while peek() == "&&":
            take()
            right = negation()
            value = right if value not in ("", False) else value
        return value

    def either() -> Any:
        value = both()
        while peek() == "||":
            take()
            right = both()
            value = value if value not in ("", False) else right
        return value

    result = either()
    assert pos == len(tokens), expression
    return result


def interpolate(text: str, context: dict[str, Any], failed: bool) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _text(evaluate(m[1], context, failed)), text)


def runner_file(text: str) -> dict[str, str]:
    """A GITHUB_OUTPUT or GITHUB_ENV file read as the runner reads it."""
    values: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        eq, heredoc = line.find("="), line.find("<<")
        if eq >= 0 and (heredoc < 0 or eq < heredoc):
            values[line[:eq]] = line[eq + 1 :]
        elif heredoc >= 0:
            name, delimiter, body = line[:heredoc], line[heredoc + 2 :], []
            while lines[i] != delimiter:  # an IndexError: no delimiter, the runner fails too
                body.append(lines[i])
                i += 1
            i += 1
            values[name] = "\n".join(body)
        else:
            raise ValueError(f"the runner refuses this line: {line!r}")
    return values


# --------------------------------------------------------------------------
# The runner.


@dataclass
class Step:
    name: str
    ran: bool
    code: int | None = None
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    raw_output: bytes = b""


@dataclass
class Run:
    outputs: dict[str, str]
    steps: list[Step]
    env_files: list[bytes]

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    @property
    def log(self) -> str:
        return "".join(s.stdout + s.stderr for s in self.steps)


def run_action(workspace: Path, tmp: Path, *, base_ref: str, **with_: str) -> Run:
    """The action as a pull request against ``base_ref`` runs it, with ``with_``
    (input names with '_' for '-') as its ``with:``."""
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    for key, value in with_.items():
        assert key.replace("_", "-") in inputs, key
        inputs[key.replace("_", "-")] = value
    context: dict[str, Any] = {
        "inputs": inputs,
        "github": {"base_ref": base_ref, "action_path": str(PROJECT),
                   "workspace": str(workspace), "event_name": "pull_request"},
        "steps": {},
    }  # fmt: skip
    summary = tmp / "summary.md"
    runner_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GOVERN_"))},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(PROJECT),
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_BASE_REF": base_ref,
        "GITHUB_STEP_SUMMARY": str(summary),
        "GOVERN_CACHE_DIR": CACHE_DIR,
        "GOVERN_NOW": NOW,
    }
    steps, env_files, failed = [], [], False
    for number, spec in enumerate(ACTION["runs"]["steps"]):
        name = spec.get("name", spec.get("uses", ""))
        condition = spec.get("if", "success()")
        if not any(f in condition for f in _STATUS_FUNCTIONS):
            condition = f"success() && ({condition})"
        if evaluate(condition, context, failed) in ("", False):
            steps.append(Step(name, ran=False))
            if "id" in spec:
                context["steps"][spec["id"]] = {"outcome": "skipped", "outputs": {}}
            continue
        if "uses" in spec or name == "Install govern":
            steps.append(Step(name, ran=False))
            continue
        output, env_file = tmp / f"output.{number}", tmp / f"env.{number}"
        output.write_bytes(b"")
        env_file.write_bytes(b"")
        env = {**runner_env, "GITHUB_OUTPUT": str(output), "GITHUB_ENV": str(env_file)}
        for key, value in spec.get("env", {}).items():
            env[key] = interpolate(str(value), context, failed)
        script = tmp / f"step.{number}.sh"
        script.write_text(interpolate(spec["run"], context, failed))
        cwd = workspace / interpolate(spec.get("working-directory", ""), context, failed)
        step = Step(name, ran=True)
        if cwd.is_dir():
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            step.code, step.stdout, step.stderr = done.returncode, done.stdout, done.stderr
        else:  # the runner cannot start the shell there
            step.code, step.stderr = 1, f"working directory {cwd} does not exist\n"
        step.raw_output = output.read_bytes()
        step.outputs = runner_file(step.raw_output.decode())
        env_files.append(env_file.read_bytes())
        runner_env.update(runner_file(env_file.read_text()))
        steps.append(step)
        if step.code != 0:
            failed = True
        if "id" in spec:
            context["steps"][spec["id"]] = {
                "outcome": "success" if step.code == 0 else "failure",
                "outputs": step.outputs,
            }
    outputs = {
        key: interpolate(spec["value"], context, failed) for key, spec in ACTION["outputs"].items()
    }
    return Run(outputs, steps, env_files)


# --------------------------------------------------------------------------
# Pull requests.


def pull_request(
    tmp: Path, *, base: str = "main", contract: str = CONTRACT, root: str = ""
) -> Path:
    """An origin whose branch ``base`` holds the base fixture (its contract at
    ``contract``, the governance repository in the folder ``root``), and a
    pull request branch that removes the required field worker_id, with no
    notice (the major version bumped, so that this is the one refused change);
    the workspace: a clone of the pull request branch, one commit deep."""
    origin = tmp / "origin"
    gov = origin / root if root else origin
    make_repo(gov, {})
    if contract != CONTRACT:
        (gov / contract).parent.mkdir(parents=True, exist_ok=True)
        (gov / CONTRACT).rename(gov / contract)
    git(origin, "init", "-q", "-b", base)
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00+00:00")
    git(origin, "checkout", "-q", "-b", "feature")
    path = gov / contract
    text = path.read_text()
    assert "  worker_id: {type: string, required: true" in text
    text = re.sub(r"(?m)^  worker_id: .*\n", "", text).replace("version: 1.0.0", "version: 2.0.0")
    path.write_text(text)
    git(origin, "commit", "-q", "-am", "drop worker_id", date="2026-11-20T10:00:00+00:00")
    workspace = tmp / "workspace"
    git(tmp, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{origin}",
        str(workspace))  # fmt: skip
    return workspace


WORKFLOW_COMMAND = re.compile(r"^::", re.M)
GOVERN_ANNOTATION = re.compile(r"^::(error|warning|notice) file=", re.M)


def assert_fails_safely(run: Run, tmp: Path) -> None:
    """The verdict is fail (the step fails with it); nothing ran that a value
    held; every output is a count or the verdict word, written in the plain
    form; no step wrote the environment; the only workflow commands in the log
    are govern's own annotations."""
    assert run.outputs["verdict"] == "fail", run.log
    assert run.step("Verdict").code == 1
    assert not [p for p in tmp.rglob("*") if p.name == PWNED]
    assert not (Path.cwd() / PWNED).exists()
    for step in run.steps:
        for line in step.raw_output.decode().splitlines():
            assert re.fullmatch(r"(status|errors|warnings|refused)=\d+|verdict=(pass|fail)", line)
    assert run.env_files and not any(run.env_files)
    commands = WORKFLOW_COMMAND.findall(run.log)
    assert len(commands) == len(GOVERN_ANNOTATION.findall(run.log)), run.log


def test_a_plain_pull_request_is_refused(tmp_path: Path) -> None:
    workspace = pull_request(tmp_path)
    run = run_action(workspace, tmp_path, base_ref="main")
    assert_fails_safely(run, tmp_path)
    assert run.outputs == {"errors": "0", "warnings": "0", "refused": "1", "verdict": "fail"}
    assert run.step("govern breaking").outputs == {"status": "1", "refused": "1"}
    assert "field `worker_id` removed" in run.log


# A base branch name may hold shell metacharacters: git allows them all but
# space, control characters and ~^:?*[\ .
HOSTILE_BRANCH = "rel;$(touch${IFS}pwned)&`touch${IFS}pwned`|\"q'>x"


@pytest.mark.parametrize("against", ["", f"origin/{HOSTILE_BRANCH}"])
def test_a_base_branch_named_with_shell_metacharacters(tmp_path: Path, against: str) -> None:
    valid = subprocess.run(["git", "check-ref-format", f"refs/heads/{HOSTILE_BRANCH}"])
    assert valid.returncode == 0  # git allows it, so GitHub may hand it over
    workspace = pull_request(tmp_path, base=HOSTILE_BRANCH)
    run = run_action(workspace, tmp_path, base_ref=HOSTILE_BRANCH, against=against)
    assert_fails_safely(run, tmp_path)
    assert run.outputs["refused"] == "1", run.log
    assert run.step("govern breaking").outputs["status"] == "1"


HOSTILE_DIR = "$(touch pwned); `touch pwned` -x 'q\""


def test_a_governance_folder_named_with_shell_metacharacters(tmp_path: Path) -> None:
    workspace = pull_request(tmp_path, root=HOSTILE_DIR)
    sarif = "-$(touch pwned) `x`;y.sarif"
    run = run_action(workspace, tmp_path, base_ref="main", path=HOSTILE_DIR, sarif=sarif)
    assert_fails_safely(run, tmp_path)
    assert run.outputs["refused"] == "1", run.log
    assert '"version": "2.1.0"' in (workspace / HOSTILE_DIR / sarif).read_text()


# What govern itself does with such names is src/govern/git.py's business
# (paths read with -z, literal pathspecs); these check the whole chain.
@pytest.mark.parametrize(
    "name",
    [
        pytest.param("with space", id="space"),
        pytest.param("new\nline", id="newline"),
        pytest.param("$(touch pwned)", id="command-substitution"),
        pytest.param("`touch pwned`", id="backticks"),
        pytest.param("a;touch pwned", id="semicolon"),
        pytest.param("-rf", id="leading-dash"),
        pytest.param(os.fsdecode(b"latin\xe9\xff"), id="not-utf-8"),
    ],
)
def test_a_contract_file_named_with_shell_metacharacters(tmp_path: Path, name: str) -> None:
    workspace = pull_request(tmp_path, contract=f"contracts/{name}.yaml")
    run = run_action(workspace, tmp_path, base_ref="main")
    assert_fails_safely(run, tmp_path)
    # Not only fail: fail for the right reason, the removal refused.
    assert run.outputs["refused"] == "1", run.log
    assert run.step("govern breaking").outputs["status"] == "1"


BAD_INPUTS = [
    ("against", "$(touch pwned)"),
    ("against", "main;touch pwned"),
    ("against", "`touch pwned`"),
    ("against", "origin/main; touch pwned"),
    ("against", "origin/main\nverdict=pass"),
    ("against", "origin/main\n::set-output name=verdict::pass"),
    ("against", "-main"),
    ("against", "--upload-pack=touch pwned"),
    ("fail-on", "$(touch pwned)"),
    ("fail-on", "error;touch pwned"),
    ("fail-on", "error warning"),
    ("fail-on", "'error'"),
    ("fail-on", "error\nwarnings=0"),
    ("fail-on", "-x"),
    ("fail-on", "never"),
    ("path", "$(touch pwned)"),
    ("path", ".;touch pwned"),
    ("path", ". `touch pwned`"),
    ("path", "\"'"),
    ("path", ".\n::set-output name=verdict::pass"),
    ("path", "-x"),
    ("sarif", "govern.sarif\n::set-output name=verdict::pass"),
    ("sarif", "govern.sarif\r"),
    ("lint", "yes"),
    ("lint", "$(touch pwned)"),
    ("breaking", "false;touch pwned"),
    ("breaking", "-x"),
    ("govern", "--index-url=http://example.invalid/ govern"),
]


@pytest.mark.parametrize(("name", "value"), BAD_INPUTS)
def test_a_bad_input_fails_with_a_clear_message(tmp_path: Path, name: str, value: str) -> None:
    workspace = pull_request(tmp_path)
    run = run_action(workspace, tmp_path, base_ref="main", **{name.replace("-", "_"): value})
    assert_fails_safely(run, tmp_path)
    check = run.step("Check the inputs")
    assert check.code == 2
    assert f"input {name} must " in check.stderr
    # The value is shown quoted on one line ($'...' for control characters).
    shown = subprocess.run(["bash", "-c", 'printf %q "$1"', "-", value],
                           capture_output=True, text=True).stdout  # fmt: skip
    assert shown in check.stderr
    assert check.stderr.count("\n") == 1
    # Nothing ran after it but the verdict.
    assert [s.name for s in run.steps if s.ran] == ["Check the inputs", "Verdict"]
    assert "govern action: the inputs were not accepted" in run.step("Verdict").stdout


@pytest.mark.parametrize(
    "base_ref",
    ["$(touch pwned)", "main; touch pwned", "`touch pwned`", "ma in", "main\ntouch pwned",
     "main\n::set-output name=verdict::pass", "-main", "main..x", "main:x"],
)  # fmt: skip
def test_a_base_branch_that_cannot_be_a_branch_fails(tmp_path: Path, base_ref: str) -> None:
    workspace = pull_request(tmp_path)
    run = run_action(workspace, tmp_path, base_ref=base_ref)
    assert_fails_safely(run, tmp_path)
    check = run.step("Check the inputs")
    assert check.code == 2
    assert "github.base_ref) is not a valid branch name" in check.stderr
    assert check.stderr.count("\n") == 1


@pytest.mark.parametrize("base_ref", ["main;touch${IFS}pwned", "$(touch${IFS}pwned)", "\"main'"])
def test_a_base_branch_that_does_not_exist_fails(tmp_path: Path, base_ref: str) -> None:
    workspace = pull_request(tmp_path)
    run = run_action(workspace, tmp_path, base_ref=base_ref)
    assert_fails_safely(run, tmp_path)
    assert run.step("Check the inputs").code == 0
    assert run.step("Fetch the base branch's history").code != 0
    # lint ran; breaking was skipped after the failure: no status is no pass.
    assert not run.step("govern breaking").ran
    assert "govern breaking had to run and gave no status" in run.step("Verdict").stdout


@pytest.mark.parametrize("against", ["\"main'", "main;touch${IFS}pwned", "$(touch${IFS}pwned)"])
def test_an_against_that_names_no_commit_fails(tmp_path: Path, against: str) -> None:
    # A name git allows, so the inputs pass; govern finds no such ref and exits 2.
    workspace = pull_request(tmp_path)
    run = run_action(workspace, tmp_path, base_ref="main", against=against)
    assert_fails_safely(run, tmp_path)
    breaking = run.step("govern breaking")
    assert (breaking.code, breaking.raw_output) == (2, b"status=2\n")
    assert run.outputs["refused"] == ""
    assert "govern breaking could not run (exit 2" in run.step("Verdict").stdout


def test_a_pull_request_that_turns_a_rule_off_is_still_linted_by_the_base_rules(
    tmp_path: Path,
) -> None:
    # The branch misspells a consumer team (GOV102, an error) and turns GOV102
    # off in its own govern.yaml, with breaking off: the lint step alone must
    # hold it to the base branch's rules, fetched by the Action.
    origin = tmp_path / "origin"
    make_repo(origin, {})
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00+00:00")
    git(origin, "checkout", "-q", "-b", "feature")
    path = origin / CONTRACT
    text = path.read_text()
    assert "- team: analytics" in text
    path.write_text(text.replace("- team: analytics", "- team: analytcs"))
    (origin / "govern.yaml").write_text("rules:\n  GOV102: off\n")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "quiet", date="2026-11-20T10:00:00+00:00")
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{origin}",
        str(workspace))  # fmt: skip
    run = run_action(workspace, tmp_path, base_ref="main", breaking="false")
    assert_fails_safely(run, tmp_path)
    assert run.outputs["errors"] == "1"
    assert "GOV102" in run.log
    assert "`config.rules.GOV102.severity` is looser than on origin/main" in run.log
