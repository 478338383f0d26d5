"""``govern owners ASSET``: who owns a contract, metric, pipeline or dataset,
who is on call now and next, and the escalation chain. Exit 0, or 1 when no
asset (or more than one) answers to ASSET."""

from __future__ import annotations

from govern import clock
from govern.project import Project


def run(*, repo: str | None, asset: str, now: str | None, fmt: str, color: bool) -> int:
    from govern.reporters import owners as reporter
    from govern.reports.owners import NotFound, find, owners

    moment = clock.now(now)
    catalog = Project.open(repo).repository().catalog
    found = find(catalog, asset)
    if isinstance(found, NotFound):
        if fmt == "json":
            print(reporter.not_found_json(found))
        else:
            from govern.reporters.text import owners as text_report

            text_report.not_found(found, color=color)
        return 1
    report = owners(catalog, found, moment)
    if fmt == "json":
        print(reporter.to_json(report))
    else:
        from govern.reporters.text import owners as text_report

        text_report.text(report, color=color)
    return 0
