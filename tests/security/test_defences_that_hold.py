"""Attacks that already failed before the gate's integrity work, kept as tests
on real repositories so that they keep failing: an alias bomb, a symlink out
of the repository, a ref that is an option, a shallow clone, git filters and
hooks, YAML tags that construct objects. Each asserts the exit code and the
bytes a reviewer would read (docs/security.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import git, run_govern
from tests.test_bad_input import BOMB
from tests.test_breaking_policy import (
    CONTRACT,
    branch,
    breaking,
    commit,
    contract,
    init,
    remove_line_items,
)

NOW = "2026-03-01"


def test_an_alias_bomb_in_a_pull_request_is_stopped_and_not_judged(repo: Path) -> None:
    init(repo)
    branch(repo)
    commit(repo, "2026-02-20", {CONTRACT: BOMB})
    lint = run_govern("lint", "--format", "json", cwd=repo)
    assert lint.returncode == 1
    assert f'"path": "{CONTRACT}"' in lint.stdout and '"rule": "GOV012"' in lint.stdout
    assert len(lint.stdout) < 20_000  # the expansion never reaches the output
    done, _ = breaking(repo, now=NOW)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {CONTRACT} does not load")


def test_a_symlink_out_of_the_repository_is_never_read(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "runner-secret.yaml"
    secret.write_text("contract: stolen.secret\nkey: hunter2\n", encoding="utf-8")
    init(repo)
    branch(repo)
    os.symlink(secret, repo / "contracts" / "escape.yaml")
    commit(repo, "2026-02-20")
    lint = run_govern("lint", "--format", "json", cwd=repo)
    assert '"rule": "GOV013"' in lint.stdout and "hunter2" not in lint.stdout
    for args in ((), ("--head", "feature")):
        done, _ = breaking(repo, *args, now=NOW)
        assert done.returncode == 2, done.stdout
        assert "contracts/escape.yaml does not load" in done.stderr
        assert "hunter2" not in done.stdout + done.stderr


@pytest.mark.parametrize("ref", ["--output=/tmp/govern-pwned", "-h", "--upload-pack=touch pwned"])
def test_a_ref_that_is_an_option_is_refused(repo: Path, ref: str) -> None:
    init(repo)
    for args in (
        ("breaking", f"--against={ref}"),
        ("breaking", "--against", "main", f"--head={ref}"),
    ):
        done = run_govern(*args, cwd=repo)
        assert done.returncode == 2
        assert "a ref cannot start with '-'" in done.stderr
    assert not Path("/tmp/govern-pwned").exists()
    assert not (repo / "pwned").exists()


def test_a_shallow_clone_is_exit_2_with_the_fetch_that_fixes_it(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    init(origin, "2025-11-01")
    commit(origin, "2025-12-01", {CONTRACT: contract(fields={"line_item_count": (
        "{type: integer, min: 0, description: Line items, deprecated: {reason: unused}}"
    )})})  # fmt: skip
    for day in ("2026-01-10", "2026-01-11", "2026-01-12"):
        commit(origin, day, {"README.md": f"# {day}\n"})
    branch(origin)
    remove_line_items(origin, day="2026-01-19")
    clone = tmp_path / "clone"
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "2",
        "--branch",
        "feature",
        f"file://{origin}",
        str(clone),
    )
    git(clone, "fetch", "-q", "--depth", "2", "origin", "main:main")
    # The clone starts on 2026-01-11: 9 days before --now, under the 14 the
    # notice needs, and the notice may be older than what the clone holds.
    done, _ = breaking(clone, now="2026-01-20")
    assert done.returncode == 2, done.stdout
    assert "reaches the start of this shallow clone" in done.stderr
    assert "git fetch --shallow-since=2026-01-05 origin main" in done.stderr
    assert done.stdout == ""


def test_git_filters_diff_drivers_and_hooks_never_run(repo: Path) -> None:
    # A runner's git configuration may define drivers (git-lfs does); a pull
    # request's .gitattributes can name them. govern must never run one.
    init(repo)
    marker = repo.parent / "ran"
    for key in (
        "filter.evil.clean",
        "filter.evil.smudge",
        "diff.evil.textconv",
        "diff.evil.command",
    ):
        git(repo, "config", key, f"sh -c 'echo {key} >> {marker}; cat'")
    hooks = repo.parent / "hooks"
    hooks.mkdir()
    for hook in ("post-checkout", "pre-commit", "post-merge", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\necho {hook} >> {marker}\n", encoding="utf-8")
        (hooks / hook).chmod(0o755)
    git(repo, "config", "core.fsmonitor", f"sh -c 'echo fsmonitor >> {marker}'")
    commit(repo, "2026-01-01", {".gitattributes": "* filter=evil diff=evil\n"})
    git(repo, "config", "core.hooksPath", str(hooks))
    branch(repo)
    remove_line_items(repo, "2026-02-20")
    # The working tree differs from the index in stat data only, and in content.
    (repo / CONTRACT).write_text(contract(version="2.0.0", drop=("line_item_count", "worker_id")))
    marker.unlink(missing_ok=True)
    for args in ((), ("--staged",), ("--head", "feature")):
        done, data = breaking(repo, *args, now=NOW)
        assert done.returncode == 1, done.stderr
        assert any(c["change"] == "field-removed" for c in data["changes"])
    lint = run_govern("lint", "--against", "main", cwd=repo)
    assert lint.returncode in (0, 1)
    assert not marker.exists(), marker.read_text()


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
    ],
)
def test_yaml_tags_construct_nothing(repo: Path, tag: str) -> None:
    init(repo)
    branch(repo)
    commit(repo, "2026-02-20", {CONTRACT: contract(extra=f"retention: {tag}\n")})
    lint = run_govern("lint", "--format", "json", cwd=repo)
    assert lint.returncode == 1
    line = contract().count("\n") + 1  # the appended `retention:` line
    finding = '"rule": "GOV001",\n      "name": "yaml-syntax",\n      "severity": "error",\n'
    assert finding + f'      "path": "{CONTRACT}",\n      "line": {line},' in lint.stdout
    assert "is not supported; it is read as plain data" in lint.stdout
    done, _ = breaking(repo, now=NOW)  # judged as text, or not judged: never run
    assert "Traceback" not in done.stderr
    assert not (repo / "pwned").exists()
