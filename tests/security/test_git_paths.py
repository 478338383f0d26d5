"""`govern breaking` on contracts whose file names are hostile to parsing: a
space, a newline, bytes that are not UTF-8. Each name must reach git and come
back byte for byte (`-z` everywhere, NUL-terminated `cat-file` requests), so a
removed field in such a file is refused like anywhere else, and the notice in
its history is dated from the right commit.

Real repositories in tmp_path with dated commits; the installed `govern`.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import git, run_govern
from tests.test_breaking_policy import CONTRACT, ID, branch, commit, contract, init

NAMES = [
    pytest.param("contracts/my contract.yaml", id="space"),
    pytest.param("contracts/new\nline.yaml", id="newline"),
    pytest.param(os.fsdecode(b"contracts/caf\xe9.yaml"), id="latin-1"),
]
# How each name is printed: the text reporter escapes the newline and the byte
# that is not UTF-8 (read as a lone surrogate); JSON keeps the newline (as
# `\n`, a JSON escape) and writes the lone surrogate as the text `\udce9`.
TEXT = {
    "contracts/my contract.yaml": "contracts/my contract.yaml",
    "contracts/new\nline.yaml": "contracts/new\\nline.yaml",
    os.fsdecode(b"contracts/caf\xe9.yaml"): "contracts/caf\\udce9.yaml",
}
JSON = {
    "contracts/my contract.yaml": "contracts/my contract.yaml",
    "contracts/new\nline.yaml": "contracts/new\nline.yaml",
    os.fsdecode(b"contracts/caf\xe9.yaml"): "contracts/caf\\udce9.yaml",
}
DEPRECATED = (
    "{type: string, required: true, description: Worker identifier, "
    "deprecated: {reason: the worker is in the payslip line now}}"
)


def govern_breaking(root: Path, *args: str, now: str) -> subprocess.CompletedProcess[str]:
    return run_govern("breaking", "--against", "main", *args, "--now", now, "--no-color", cwd=root)


def as_json(root: Path, *args: str, now: str) -> tuple[int, dict[str, Any]]:
    done = govern_breaking(root, *args, "--format", "json", now=now)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


@pytest.mark.parametrize("name", NAMES)
def test_a_removed_field_in_an_oddly_named_file_is_refused(repo: Path, name: str) -> None:
    # The branch moves the contract to `name` and removes a required field:
    # `name` is absent at the base (cat-file answers "missing"), present at
    # the head, and paired with the base's file by id.
    init(repo)
    branch(repo)
    git(repo, "mv", CONTRACT, name)
    commit(repo, "2026-01-30", {name: contract(version="2.0.0", drop=("worker_id",))})
    for args in ((), ("--head", "feature")):
        code, data = as_json(repo, *args, now="2026-02-01")
        assert code == 1
        found = [(c["contract"], c["element"], c["change"], c["allowed"]) for c in data["changes"]]
        assert found == [(ID, "schema.worker_id", "field-removed", False)]
        # Anchored to `schema:` (line 10) of the file under its odd name.
        assert (data["changes"][0]["path"], data["changes"][0]["line"]) == (JSON[name], 10)
        out = govern_breaking(repo, *args, now="2026-02-01")
        assert out.returncode == 1
        line = f"  ✗ refused field-removed schema.worker_id  {TEXT[name]}:10\n"
        assert line in out.stdout


@pytest.mark.parametrize("name", NAMES)
def test_a_notice_in_an_oddly_named_file_is_dated_from_its_history(repo: Path, name: str) -> None:
    # main: the contract moves to `name` and its field is deprecated (12-02),
    # then it moves on to a third file (12-20). Dating the notice follows the
    # move back by id (`git grep -l -z`) into `name`'s history (`rev-list --
    # name`): 2025-12-02, 30 days before now, so the removal may land. Dated
    # from the later move, it would be 12 days old and refused.
    init(repo)
    git(repo, "mv", CONTRACT, name)
    announced = commit(repo, "2025-12-02", {name: contract(fields={"worker_id": DEPRECATED})})
    moved = "contracts/payroll/payslip.yaml"
    git(repo, "mv", name, moved)
    commit(repo, "2025-12-20")
    branch(repo)
    commit(repo, "2025-12-30", {moved: contract(version="2.0.0", drop=("worker_id",))})
    code, data = as_json(repo, now="2026-01-01")
    assert code == 0, data
    [change] = data["changes"]
    assert (change["element"], change["change"], change["allowed"]) == (
        "schema.worker_id",
        "field-removed",
        True,
    )
    assert change["notice"]["commit"] == announced
    assert change["notice"]["announced"] == "2025-12-02"
