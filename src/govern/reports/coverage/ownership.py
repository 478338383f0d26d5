"""Ownership (one valid primary owner per asset) and backup ownership (a
secondary owner and an on-call rotation per pipeline)."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog import Catalog
from govern.reports.coverage.report import Counted, Gap, owning_team


def _owner_gap(catalog: Catalog, owners: list[str | None], role: str) -> tuple[str, ...]:
    """Why the definitions of one asset do not name exactly one valid owner."""
    named = sorted({o for o in owners if o})
    if len(named) > 1:
        listed = ", ".join(f"`{o}`" for o in named)
        return (f"different {role} owners in different files: {listed}",)
    if not named:
        return (f"no {role} owner" if role == "primary" else "no owner",)
    if not catalog.has_team(named[0]):
        return (f"owner `{named[0]}` is not a team",)
    return ()


def owned(catalog: Catalog) -> Iterator[Counted]:
    for cid, cdocs in catalog.contracts.items():
        owners = [d.model.owner if d.model else None for d in cdocs]
        yield _asset(catalog, cid, "contract", owners, cdocs[0].path, "owner")
    for mid, mdocs in catalog.metrics.items():
        owners = [d.model.owner if d.model else None for d in mdocs]
        yield _asset(catalog, mid, "metric", owners, mdocs[0].path, "owner")
    for pid, entries in catalog.pipelines.items():
        owners = [e.value.primary for e in entries]
        yield _asset(catalog, pid, "pipeline", owners, entries[0].doc.path, "primary")


def _asset(
    catalog: Catalog, ident: str, kind: str, owners: list[str | None], path: str, role: str
) -> Counted:
    team = owning_team(next((o for o in owners if o), None))
    reasons = _owner_gap(catalog, owners, role)
    return Counted(team, Gap(ident, kind, team, path, reasons) if reasons else None)


def backed_up(catalog: Catalog) -> Iterator[Counted]:
    for pid, entries in catalog.pipelines.items():
        p = entries[0].value
        team = owning_team(p.primary)
        reasons: list[str] = []
        if not p.secondary:
            reasons.append("no secondary owner")
        elif p.secondary == p.primary:
            reasons.append(f"secondary owner `{p.secondary}` is also the primary")
        elif not catalog.has_team(p.secondary):
            reasons.append(f"secondary owner `{p.secondary}` is not a team")
        reasons += _oncall_gap(catalog, p.oncall, p.primary)
        gap = Gap(pid, "pipeline", team, entries[0].doc.path, tuple(reasons)) if reasons else None
        yield Counted(team, gap)


def _oncall_gap(catalog: Catalog, oncall: str | None, primary: str | None) -> list[str]:
    """A pipeline has an on-call rotation when its ``oncall`` team (else its
    primary team) defines ``oncall:`` with at least one member."""
    name = oncall or primary
    if not name:
        return ["no on-call team (no `oncall` and no primary owner)"]
    teams = catalog.teams.get(name)
    if not teams:
        return [f"on-call team `{name}` is not a team"]
    rotation = teams[0].value.oncall
    if rotation is None or not rotation.members:
        which = "on-call" if oncall else "primary"
        return [f"{which} team `{name}` has no on-call rotation"]
    return []
