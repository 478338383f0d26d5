"""``govern conflicts``: metric definitions that contradict each other, duplicate
formulas, contracts claiming one dataset or event, assets with different owners,
RACI activities defined twice (docs/conflicts.md). Exit 0 none, 1 some (a
duplicate formula alone is a warning: exit 0)."""

from __future__ import annotations

from govern.project import Project


def run(*, repo: str | None, fmt: str, dbt_project_option: str | None = None, color: bool) -> int:
    from govern.reporters.emit import emit
    from govern.reports.conflicts import conflicts

    project = Project.open(repo, color=color)
    repository = project.repository()
    project.warn_unread(" (`govern init` creates a repository)")
    for warning in project.dbt(dbt_project_option)[1]:
        project.say("warning", warning)
    report = conflicts(repository.catalog)
    emit("conflicts", report, fmt, color=color)
    return 1 if report.errors else 0
