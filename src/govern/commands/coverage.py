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
    from govern.reports.coverage import DBT_MEASURES, MEASURES, build

    if fail_under is not None and not (math.isfinite(fail_under) and 0 <= fail_under <= 100):
        raise UsageError(f"--fail-under {fail_under:g}: give a percentage from 0 to 100")

    project = Project.open(repo, color=color)
    config = project.config
    loaded = project.repository()
    for warning in project.dbt(dbt_project_option)[1]:
        project.say("warning", warning)
    thresholds: dict[str, float] = {k: v for k, v in config.coverage.thresholds.items()}
    if fail_under is not None:
        thresholds = {name: fail_under for name, _, _ in (*MEASURES, *DBT_MEASURES)}
    report = build(loaded.catalog, thresholds)

    from govern.reporters import coverage as out

    if loaded.files == 0:
        project.say("warning", f"{project.no_files_hint()}: nothing to measure")
    elif loaded.problems:
        n = len(loaded.problems)
        project.say(
            "warning",
            f"{n} problem{'s' if n != 1 else ''} reading the governed files (`govern lint` "
            "shows them); coverage counts what could be read",
        )
    from govern.reporters.emit import emit

    emit("coverage", report, fmt, color=color, details=details)
    if report.failing:
        if fmt != "text":  # the text report's last line already names them
            project.say("error", out.failure_message(report))
        return 1
    return 0
