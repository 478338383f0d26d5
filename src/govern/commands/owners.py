"""``govern owners ASSET``: who owns a contract, metric, pipeline or dataset,
who is on call now and next, and the escalation chain. Exit 0, or 1 when no
asset (or more than one) answers to ASSET."""

from __future__ import annotations

from govern import clock
from govern import config as config_mod
from govern.repo import find_root


def run(*, repo: str | None, asset: str, now: str | None, fmt: str, color: bool) -> int:
    from govern.engine import load_repository
    from govern.reporters import owners as reporter
    from govern.reports.owners import NotFound, find, owners
    from govern.rules import resolve

    moment = clock.now(now)
    root = find_root(repo)
    loaded = config_mod.load(root, resolve)
    catalog = load_repository(root, loaded.config).catalog
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
