"""Metric approval (described, parsed, sourced, approved by teams) and lineage
(sources that are contracts, columns that are their fields)."""

from __future__ import annotations

from collections.abc import Iterator

from govern import sql
from govern.catalog import Catalog
from govern.catalog_checks.formulas import formula_fault, unread_columns
from govern.catalog_checks.references import contract_status, unknown_teams
from govern.model.metric import Metric
from govern.reports.coverage.report import Counted, Gap, owning_team


def _unreadable(m: Metric) -> str | None:
    """Why the formula of ``m`` cannot be read, or None when it parses in its dialect."""
    fault = formula_fault(m.formula, m.dialect)
    if fault is None:
        return None
    if fault.kind == "missing":
        return "no formula"
    if fault.kind == "dialect":
        return f"formula in unknown dialect `{m.dialect}`"
    return f"formula does not parse: {fault.error}"


def approved(catalog: Catalog) -> Iterator[Counted]:
    for mid, docs in catalog.metrics.items():
        m = docs[0].model
        assert m is not None
        team = owning_team(m.owner)
        reasons: list[str] = []
        if not (m.description or "").strip():
            reasons.append("no description")
        error = _unreadable(m)
        if error:
            reasons.append(error)
        if not m.sources:
            reasons.append("no sources")
        if not m.approved_by:
            reasons.append("not approved (no `approved_by`)")
        else:
            unknown = [t for _, t in unknown_teams(catalog, m.approved_by)]
            if unknown:
                listed = ", ".join(f"`{t}`" for t in unknown)
                reasons.append(f"approver {listed} is not a team")
        gap = Gap(mid, "metric", team, docs[0].path, tuple(reasons)) if reasons else None
        yield Counted(team, gap)


def lineage(catalog: Catalog) -> Iterator[Counted]:
    for mid, docs in catalog.metrics.items():
        m = docs[0].model
        assert m is not None
        team = owning_team(m.owner)
        reasons: list[str] = []
        known: set[str] = set()
        if not m.sources:
            reasons.append("no sources")
        for source in m.sources:
            status = contract_status(catalog, source)
            if status == "contract":
                known |= catalog.contract_field_names(source) or set()
            elif status == "broken":
                reasons.append(f"source `{source}` cannot be read (run `govern lint`)")
            else:
                reasons.append(f"source `{source}` is not a contract")
        error = _unreadable(m)
        if error:
            reasons.append(error)
        elif not reasons:
            assert m.formula is not None
            columns = sql.analyze(m.formula, m.dialect).columns
            unresolved = [c.dotted for c in unread_columns(columns, known)]
            if unresolved:
                listed = ", ".join(f"`{c}`" for c in unresolved)
                of = ", ".join(m.sources)
                reasons.append(f"formula reads {listed}, not a field of {of}")
        gap = Gap(mid, "metric", team, docs[0].path, tuple(reasons)) if reasons else None
        yield Counted(team, gap)
