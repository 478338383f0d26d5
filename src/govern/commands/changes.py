"""``govern breaking`` (exit 1 when a breaking change is not allowed) and
``govern diff`` (every change, as a changelog; exit 0)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govern import clock
from govern.project import Project
from govern.repo import UsageError
from govern.reporters import default_format
from govern.reporters.emit import emit

if TYPE_CHECKING:
    from govern.changes.report import Report


def _report(
    repo: str | None, against: str | None, head: str | None, staged: bool, now: str | None
) -> Report:
    from govern.changes.report import Head, build

    if head and staged:
        raise UsageError("--head and --staged cannot be used together")
    # The base's floor is applied by `build`, at the merge base it computes.
    project = Project.open(repo, hold=False)
    mode = Head("staged") if staged else Head("ref", head) if head else Head("worktree")
    return build(
        project.root,
        project.loaded,
        against=project.base_ref(against),
        head=mode,
        now=clock.now(now),
    )


def run_breaking(*, repo: str | None, against: str | None, head: str | None, staged: bool,
                 now: str | None, fmt: str | None, color: bool) -> int:  # fmt: skip
    report = _report(repo, against, head, staged, now)
    emit("changes", report, default_format(fmt), color=color)
    return 1 if report.refused else 0


def run_diff(*, repo: str | None, against: str | None, head: str | None, staged: bool,
             now: str | None, fmt: str | None, color: bool) -> int:  # fmt: skip
    report = _report(repo, against, head, staged, now)
    emit("changes", report, default_format(fmt), color=color)
    return 0
