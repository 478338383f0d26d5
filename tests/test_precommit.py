"""The pre-commit hooks (.pre-commit-hooks.yaml), run for real with
`pre-commit try-repo` against this checkout on a sample governance repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CACHE_DIR, PROJECT, git, make_repo

_SIBLING = Path(sys.executable).with_name("pre-commit")
PRE_COMMIT = str(_SIBLING) if _SIBLING.exists() else (shutil.which("pre-commit") or "pre-commit")
BAD = """\
contract: orders.bad
version: 1.0.0
status: active
kind: event
description: An order placed.
owner: nobody
schema:
  order_id: {type: string, description: Order identifier}
"""


_OURS = ("GITHUB_", "GOVERN_", "PRE_COMMIT")


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which(PRE_COMMIT) is None:
        pytest.skip("pre-commit is not installed (it is in the test extras)")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(_OURS)},
        "PRE_COMMIT_HOME": str(home),
        "GOVERN_CACHE_DIR": CACHE_DIR,
        "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
    }  # fmt: skip
    return subprocess.run(
        [PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PRE_COMMIT_HOME for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def test_the_manifest_is_valid(home: Path) -> None:
    done = _pre_commit("validate-manifest", str(PROJECT / ".pre-commit-hooks.yaml"), cwd=PROJECT,
                       home=home)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_hooks_on_a_governance_repository(tmp_path: Path, home: Path) -> None:
    if not (PROJECT / ".git").exists():
        pytest.skip("try-repo needs this project as a git checkout")
    repo = make_repo(tmp_path / "gov", {"govern.yaml": "breaking:\n  against: main\n"})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base", date="2026-10-01T10:00:00Z")
    git(repo, "checkout", "-q", "-b", "feature")

    # A bad contract, staged: govern-lint fails with govern's own message.
    (repo / "contracts" / "bad.yaml").write_text(BAD)
    git(repo, "add", "contracts/bad.yaml")
    done = _pre_commit("try-repo", str(PROJECT), "govern-lint", cwd=repo, home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "govern lint" in done.stdout and "Failed" in done.stdout
    assert "6:8     error   GOV101 [unknown-owner] owner `nobody` is not a team" in done.stdout

    # Fixed: the same commit passes.
    (repo / "contracts" / "bad.yaml").write_text(BAD.replace("owner: nobody", "owner: finance"))
    git(repo, "add", "contracts/bad.yaml")
    done = _pre_commit("try-repo", str(PROJECT), "govern-lint", cwd=repo, home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout

    # Deleting a contract: pre-commit passes no deleted file to a hook, but
    # govern-breaking looks at the whole repository and refuses the removal.
    git(repo, "commit", "-q", "-m", "add orders.bad", date="2026-10-02T10:00:00Z")
    git(repo, "rm", "-q", "contracts/payroll/payslip_generated.yaml")
    done = _pre_commit("try-repo", str(PROJECT), "govern-breaking", cwd=repo, home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "contract-removed" in done.stdout
    assert "payroll.payslip.generated" in done.stdout
