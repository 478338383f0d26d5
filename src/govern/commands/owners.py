"""``govern owners ASSET``: who owns a contract, metric, pipeline or dataset,
who is on call now and next, and the escalation chain. Exit 0, or 1 when no
asset (or more than one) answers to ASSET."""

from __future__ import annotations

from govern import clock
from govern.project import Project


def run(*, repo: str | None, asset: str, now: str | None, fmt: str, color: bool) -> int:
    from govern.reporters.emit import emit
    from govern.reports.owners import NotFound, find, owners

    moment = clock.now(now)
    catalog = Project.open(repo).repository().catalog
    found = find(catalog, asset)
    if isinstance(found, NotFound):
        emit("not-found", found, fmt, color=color)
        return 1
    emit("owners", owners(catalog, found, moment), fmt, color=color)
    return 0
