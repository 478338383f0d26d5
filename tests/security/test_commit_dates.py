"""Committer dates that Python's calendar cannot hold, or that are no date at
all, on the commits that date a notice. A commit's date is whatever its
author wrote (`GIT_COMMITTER_DATE`, or a commit object written by hand with
`git hash-object --literally`): `govern breaking` must never crash on one
(exit 3) nor leave its commit out of the history it reads. A date past the
year 9999 or no number is refused (exit 2) naming the commit; a date inside
the calendar but near its end is judged like any other (too recent).

Real repositories in tmp_path with dated commits; the installed `govern`.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from tests.conftest import git, run_govern, write_files
from tests.test_breaking_policy import (
    CONTRACT,
    DEPRECATED,
    announce,
    branch,
    contract,
    init,
    remove_line_items,
)

YEAR_10000 = 253402300800  # 10000-01-01T00:00:00Z: git takes it, Python cannot
NEAR_THE_END = int(dt.datetime(9999, 12, 25, tzinfo=dt.timezone.utc).timestamp())


def commit_at_epoch(root: Path, epoch: int, files: dict[str, str | bytes]) -> str:
    """Commit ``files`` with the committer date ``@epoch`` (what git accepts)."""
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"at {epoch}", date=f"@{epoch} +0000")
    return git(root, "rev-parse", "HEAD")


def commit_by_hand(root: Path, committer_date: str, files: dict[str, str | bytes]) -> str:
    """Commit ``files`` on the current branch with a committer line whose date
    is ``committer_date`` as written, which `git commit` would refuse."""
    write_files(root, files)
    git(root, "add", "-A")
    tree = git(root, "write-tree")
    parent = git(root, "rev-parse", "HEAD")
    body = (
        f"tree {tree}\nparent {parent}\n"
        "author Test <test@example.com> 1764669600 +0000\n"
        f"committer Test <test@example.com> {committer_date} +0000\n\nby hand\n"
    )
    sha = subprocess.run(
        ["git", "hash-object", "-t", "commit", "--literally", "-w", "--stdin"],
        cwd=root, input=body, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    git(root, "update-ref", "HEAD", sha)
    return sha


def breaking(root: Path, now: str) -> subprocess.CompletedProcess[str]:
    return run_govern(
        "breaking", "--against", "main", "--now", now, "--no-color", "--format", "json", cwd=root
    )


def cannot_use(sha: str, shown: str) -> str:
    return (
        f"error: commit {sha[:12]} has a committer date govern cannot use ({shown}; it must be "
        "seconds since 1970, before the year 10000), so no notice can be dated by it"
    )


def test_a_notice_dated_in_the_year_10000_is_refused_naming_the_commit(repo: Path) -> None:
    init(repo)
    deprecated = contract(fields={"line_item_count": DEPRECATED})
    sha = commit_at_epoch(repo, YEAR_10000, {CONTRACT: deprecated})
    assert git(repo, "log", "-1", "--format=%ct", sha) == str(YEAR_10000)  # git kept it
    branch(repo)
    remove_line_items(repo)
    done = breaking(repo, "2026-02-01")
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr.startswith(cannot_use(sha, f"'{YEAR_10000}'")), done.stderr


def test_a_far_future_commit_below_the_notice_is_refused_naming_it(repo: Path) -> None:
    # The notice's own commit is ordinary, but an older commit of main (one
    # that does not touch the contract) says the year 10000: the notice is
    # dated no earlier than it, which cannot be computed.
    init(repo)
    future = commit_at_epoch(repo, YEAR_10000, {"NOTES.txt": "notes\n"})
    announce(repo, "2025-12-10")
    branch(repo)
    remove_line_items(repo)
    done = breaking(repo, "2026-02-01")
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr.startswith(cannot_use(future, f"'{YEAR_10000}'")), done.stderr


def test_a_commit_with_no_readable_date_is_not_skipped(repo: Path) -> None:
    # main: the notice on 12-02, removed by a commit whose date is `-5` (git
    # prints no %ct for it), put back on 01-20. The unbroken run is 01-20 only
    # (5 days old): leaving out the commit in the middle would join both runs
    # and date the notice 12-02, 54 days ago, and let the removal pass.
    init(repo)
    announce(repo, "2025-12-02")
    middle = commit_by_hand(repo, "-5", {CONTRACT: contract()})
    assert git(repo, "log", "-1", "--format=%ct", middle) == ""
    announce(repo, "2026-01-20")
    branch(repo)
    remove_line_items(repo, day="2026-01-24")
    done = breaking(repo, "2026-01-25")
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr.startswith(cannot_use(middle, "none")), done.stderr


def test_a_notice_dated_at_the_end_of_the_calendar_is_too_recent(repo: Path) -> None:
    # 9999-12-25 is a date Python holds, but 14 days later is not: the
    # earliest date is the calendar's last day, and the removal is refused.
    init(repo)
    deprecated = contract(fields={"line_item_count": DEPRECATED})
    sha = commit_at_epoch(repo, NEAR_THE_END, {CONTRACT: deprecated})
    branch(repo)
    remove_line_items(repo)
    done = breaking(repo, "2026-02-01")
    assert done.returncode == 1, done.stderr
    [change] = json.loads(done.stdout)["changes"]
    assert (change["element"], change["change"], change["allowed"]) == (
        "schema.line_item_count",
        "field-removed",
        False,
    )
    assert change["notice"] == {
        "status": "too-recent",
        "announced": "9999-12-25",
        "commit": sha,
        "required_days": 14,
        "earliest": "9999-12-31",
    }
