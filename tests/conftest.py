"""Shared test helpers: real repositories in tmp_path, real YAML, real git,
and ``govern`` run as a user runs it: in this process for speed, or the
installed console script as a subprocess where the process is the point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from govern.config import Config
from govern.engine import lint
from govern.findings import Finding

# The formula cache (govern/sql.py) stays out of the tests' way: off for
# in-process runs, and in a temporary directory for subprocesses, never in
# the home directory of the machine that runs the tests.
os.environ["GOVERN_NO_CACHE"] = "1"
CACHE_DIR = tempfile.mkdtemp(prefix="govern-test-cache-")

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
BASE = TESTS / "fixtures" / "base"
SHARED = PROJECT.parent / "shared"


def base_files() -> dict[str, str]:
    return {
        p.relative_to(BASE).as_posix(): p.read_text(encoding="utf-8") for p in BASE.rglob("*.yaml")
    }


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def make_repo(root: Path, files: dict[str, str | bytes], *, base: bool = True) -> Path:
    """A governance repository: the base fixture (teams, one contract) plus ``files``."""
    root.mkdir(parents=True, exist_ok=True)
    return write_files(root, {**(base_files() if base else {}), **files})


def lint_findings(
    root: Path, config: Config | None = None, only: list[str] | None = None
) -> list[Finding]:
    return lint(str(root), config or Config(), only).findings


def hits(findings: list[Finding], code: str) -> list[tuple[str, int, int]]:
    """(path, line, column) of each finding of one rule."""
    return [(f.path, f.location.line, f.location.column) for f in findings if f.rule == code]


def govern_command() -> list[str]:
    """The installed console script next to this interpreter (as a user runs it)."""
    script = Path(sys.executable).with_name("govern")
    if script.exists():
        return [str(script)]
    found = shutil.which("govern")
    return [found] if found else [sys.executable, "-m", "govern"]


# `run_govern` runs govern in this process (as `govern.cli.main`, with its own
# argv, environment, working directory and standard streams), which is about
# ten times faster than a new interpreter. Tests where the process boundary is
# the point (exit codes of a real process, hangs, stream encodings, signals:
# tests/security/, pre-commit, the Action) ask for a subprocess, as does
# GOVERN_TEST_SUBPROCESS=1 for the whole suite.
SUBPROCESS = bool(os.environ.get("GOVERN_TEST_SUBPROCESS"))


def run_govern(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    input: str | None = None,
    process: bool = False,
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GOVERN_"))}
    full_env.pop("NO_COLOR", None)
    full_env["GOVERN_CACHE_DIR"] = CACHE_DIR
    full_env.update(env or {})
    # Standard input is a process's own: a pipe read by `govern convert /dev/stdin`.
    if not (process or SUBPROCESS or input is not None):
        return _in_process(list(args), cwd=cwd, env=full_env, input=input)
    return subprocess.run(
        [*govern_command(), *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        input=input,
    )


def _in_process(
    args: list[str], *, cwd: Path, env: dict[str, str], input: str | None
) -> subprocess.CompletedProcess[str]:
    import gc
    import io
    import types

    from govern.cli import main

    saved = (dict(os.environ), os.getcwd(), sys.argv, sys.stdin, sys.stdout, sys.stderr)
    # Click names the program after `__main__` (here pytest's): a script's name.
    real_main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    threshold = gc.get_threshold()
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="")
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="")
    code: int | str | None = 0
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        sys.argv = ["govern", *args]
        sys.stdin = io.TextIOWrapper(io.BytesIO((input or "").encode()), encoding="utf-8")
        sys.stdout, sys.stderr = stdout, stderr
        try:
            main()
        except SystemExit as exc:
            code = exc.code
    finally:
        stdout.flush()
        stderr.flush()
        environ, where, sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(environ)
        os.chdir(where)
        gc.set_threshold(*threshold)
        sys.modules["__main__"] = real_main
    returncode = code if isinstance(code, int) else (0 if code is None else 1)
    return subprocess.CompletedProcess(
        ["govern", *args], returncode, out.getvalue().decode("utf-8"), err.getvalue().decode()
    )


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``root``; ``date`` (ISO 8601) dates the author and committer."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    out = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty directory that will become a repository."""
    return tmp_path / "repo"


def needs_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is not beside the checkout ({SHARED} missing)")
