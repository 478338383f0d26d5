"""``govern coverage``: contracts for pipeline sources, owners, metric approval,
field documentation and lineage, overall and by owning team (docs/coverage.md).

Exit 0, or 1 when a measure is below ``--fail-under`` (every measure) or its
threshold in ``coverage.thresholds`` of govern.yaml."""

from __future__ import annotations

import math

from govern.project import Project
from govern.repo import UsageError


def run(
    *,
    repo: str | None,
    fmt: str,
    fail_under: float | None,
    details: bool,
    dbt_project_option: str | None = None,
    color: bool,
) -> int:
    from govern.reporters.coverage import failure_message
    from govern.reporters.emit import emit
    from govern.reports.coverage import build, thresholds

    if fail_under is not None and not (math.isfinite(fail_under) and 0 <= fail_under <= 100):
        raise UsageError(f"--fail-under {fail_under:g}: give a percentage from 0 to 100")
    project = Project.open(repo, color=color)
    for warning in project.dbt(dbt_project_option)[1]:
        project.say("warning", warning)
    report = build(project.repository().catalog, thresholds(project.config, fail_under))
    project.warn_unread(": nothing to measure", "coverage counts what could be read")
    emit("coverage", report, fmt, color=color, details=details)
    if report.failing and fmt != "text":  # the text report's last line already names them
        project.say("error", failure_message(report))
    return 1 if report.failing else 0
