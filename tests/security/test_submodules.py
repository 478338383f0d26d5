"""A contract inside a git submodule: `govern lint` reads it from the working
tree, but its text is not in this repository's objects, so `govern breaking`
cannot compare it. When such a submodule changed, breaking refuses (exit 2)
and names it: never a silent pass, even when `.gitmodules` asks git to
ignore the submodule.

Real repositories and a real submodule (`git submodule add` of a local
repository) in tmp_path, with dated commits; the installed `govern`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import git, run_govern, write_files
from tests.test_breaking_policy import ID, at, branch, commit, contract, init

VENDOR = "contracts/vendor"
ORDERS = """\
contract: vendor.orders.placed
version: 1.0.0
status: active
kind: event
description: One event per order placed in the vendor's shop.
owner: payroll-engine
schema:
  order_id: {type: string, required: true, description: Order identifier}
  amount: {type: number, required: true, description: Order amount}
"""
WITHOUT_AMOUNT = ORDERS.replace("1.0.0", "2.0.0").replace(
    "  amount: {type: number, required: true, description: Order amount}\n", ""
)
REFUSED = (
    f"error: {VENDOR} is a git submodule inside a governed directory and it changed: "
    "`govern breaking` cannot compare the files of a submodule"
)


def vendor_repo(tmp_path: Path) -> Path:
    source = tmp_path / "vendor-source"
    write_files(source, {"orders.yaml": ORDERS})
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "orders", date=at("2025-11-20"))
    return source


def add_submodule(repo: Path, source: Path, *, ignore_all: bool) -> None:
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(source), VENDOR)
    if ignore_all:  # what a branch could write to hide the submodule from `git diff`
        git(repo, "config", "-f", ".gitmodules", f"submodule.{VENDOR}.ignore", "all")
    commit(repo, "2025-12-02", message="vendor contracts")


def remove_amount_in_submodule(repo: Path) -> None:
    inner = repo / VENDOR
    (inner / "orders.yaml").write_text(WITHOUT_AMOUNT, encoding="utf-8")
    git(inner, "commit", "-q", "-am", "drop amount", date=at("2026-01-30"))


def breaking(repo: Path, *args: str) -> tuple[int, str, str]:
    done = run_govern(
        "breaking", "--against", "main", *args, "--now", "2026-02-01", "--no-color", cwd=repo
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("ignore_all", [False, True], ids=["plain", "gitmodules-ignore-all"])
def test_a_changed_submodule_is_refused_not_passed(tmp_path: Path, ignore_all: bool) -> None:
    repo = tmp_path / "repo"
    init(repo)
    add_submodule(repo, vendor_repo(tmp_path), ignore_all=ignore_all)
    branch(repo)
    remove_amount_in_submodule(repo)
    # lint reads the submodule's contract from the working tree (4 files: the
    # base fixture's 3 and orders.yaml)...
    lint = run_govern("lint", "--format", "json", cwd=repo)
    assert (lint.returncode, json.loads(lint.stdout)["summary"]["files"]) == (0, 4)
    # ...so breaking must not pass its removed field in silence: in the working
    # tree (the submodule's checkout moved), and once the new pin is committed.
    code, out, err = breaking(repo)
    assert (code, out) == (2, "")
    assert err.startswith(REFUSED), err
    commit(repo, "2026-01-30", message="bump vendor")
    for args in ((), ("--head", "feature"), ("--staged",)):
        code, out, err = breaking(repo, *args)
        assert (code, out) == (2, ""), args
        assert err.startswith(REFUSED), (args, err)


def test_a_contract_moved_into_a_submodule_is_refused(tmp_path: Path) -> None:
    # The branch deletes the repository's contract and adds a submodule that
    # holds it (without a field): the head's side of it is a submodule.
    source = tmp_path / "payroll-source"
    removed = contract(version="2.0.0", drop=("worker_id",))
    write_files(source, {"payslip_generated.yaml": removed})
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "payslip", date=at("2025-11-20"))
    repo = tmp_path / "repo"
    init(repo)
    branch(repo)
    git(repo, "rm", "-q", "-r", "contracts/payroll")
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(source),
        "contracts/payroll")  # fmt: skip
    commit(repo, "2026-01-30", message=f"{ID} from a submodule")
    for args in ((), ("--head", "feature")):
        code, out, err = breaking(repo, *args)
        assert (code, out) == (2, ""), args
        assert err.startswith(
            "error: contracts/payroll is a git submodule inside a governed directory and it changed"
        ), err


def test_a_repository_nested_in_the_working_tree_is_refused(tmp_path: Path) -> None:
    # Not a submodule: a repository of its own inside contracts/, which git
    # lists as one untracked directory and lint reads file by file.
    repo = tmp_path / "repo"
    init(repo)
    branch(repo)
    nested = repo / "contracts" / "nested"
    write_files(nested, {"orders.yaml": ORDERS})
    git(nested, "init", "-q", "-b", "main")
    code, out, err = breaking(repo)
    assert (code, out) == (2, "")
    assert err.startswith(
        "error: contracts/nested/ is a git repository nested inside a governed directory"
    ), err
