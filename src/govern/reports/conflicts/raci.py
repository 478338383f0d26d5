"""One RACI activity (folded like metric names) defined twice with different letters."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog import Catalog, Entry
from govern.catalog_checks import raci
from govern.catalog_checks.names import fold
from govern.reports.conflicts.report import Conflict, member, sorted_members


def _row(entry: Entry[dict[str, str]]) -> dict[str, str]:
    return {team: raci.canonical(str(value)) for team, value in entry.value.items()}


def activities(catalog: Catalog) -> Iterator[Conflict]:
    """One activity, two different rows of letters."""
    groups: dict[str, list[Entry[dict[str, str]]]] = {}
    for entry in catalog.raci_entries():
        groups.setdefault(fold(entry.id), []).append(entry)
    for entries in groups.values():
        if len(entries) < 2:
            continue
        entries = sorted(entries, key=lambda e: (e.doc.path, e.key_at().line))
        distinct: list[Entry[dict[str, str]]] = []
        for e in entries:
            if all(_row(e) != _row(d) for d in distinct):
                distinct.append(e)
        if len(distinct) < 2:
            continue  # the same row twice: GOV109 (duplicate id) says so
        base = distinct[0]
        if len(distinct) == 2:
            detail = _row_difference(_row(base), _row(distinct[1]))
        else:
            detail = " | ".join(
                f"{base.doc.path} vs {other.doc.path}: {_row_difference(_row(base), _row(other))}"
                for other in distinct[1:]
            )
        members = []
        for e in entries:
            row = _row(e)
            accountable = ", ".join(raci.holding(row, "A"))
            shown = ", ".join(f"{t}: {letters}" for t, letters in row.items())
            members.append(member(e.id, e.key_at(), accountable, ("row", shown or "empty")))
        yield Conflict("raci", entries[0].id, "error", sorted_members(members), detail)


def _row_difference(a: dict[str, str], b: dict[str, str]) -> str:
    """``data-engineering A vs R/A; mlops R vs none; product same``."""
    teams = list(dict.fromkeys([*a, *b]))
    differing = [f"{t} {a.get(t) or 'none'} vs {b.get(t) or 'none'}" for t in teams
                 if a.get(t) != b.get(t)]  # fmt: skip
    same = [t for t in teams if a.get(t) == b.get(t)]
    if same:
        differing.append(f"{', '.join(same)} same")
    return "; ".join(differing)
