"""``govern coverage``: how much of the repository is governed (docs/coverage.md).

Seed 000 measures the collaboration between engineering and analytics with
numbers (data contract coverage 100%, cross-team lineage coverage above 90%);
this module computes them, and four more, from the catalog. Pure: no I/O, no
printing; the reporters format the :class:`CoverageReport`.

Six measures, each counted over its own unit and named as in
``coverage.thresholds`` of govern.yaml:

- ``contracts``: pipeline sources (one per pipeline and source) that resolve to
  a contract; the others are shadow flows. Contracts without a consumer are
  listed beside it.
- ``ownership``: contracts, metrics and pipelines with exactly one primary
  owner that is a team.
- ``backup``: pipelines with a secondary owner and an on-call rotation.
- ``metrics``: metrics with a description, a formula that parses, sources and
  approvers.
- ``fields``: contract fields with a description.
- ``lineage``: metrics whose sources are contracts and whose formula reads only
  fields of them.

With a dbt project (docs/dbt.md), two more:

- ``dbt_models``: dbt sources and models that a contract promises (its id, or
  its ``dataset``, names the relation);
- ``dbt_metrics``: dbt metrics whose owner (``config.meta.owner``, the
  group's owner, or the semantic model's) or group is a team.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from govern.catalog import Catalog
from govern.config import Config, CoverageMeasure
from govern.reports.coverage import contracts, dbt, fields, metrics, ownership
from govern.reports.coverage.report import (
    DBT_MEASURES,
    MEASURES,
    NO_OWNER,
    Counted,
    CoverageReport,
    Gap,
    Measure,
    TeamShare,
    percent,
    team_order,
)

__all__ = [
    "DBT_MEASURES",
    "MEASURES",
    "NO_OWNER",
    "CoverageReport",
    "Gap",
    "Measure",
    "TeamShare",
    "build",
    "percent",
]

# Each measure, by its name in `coverage.thresholds`, counted over its units.
COUNTERS: dict[str, Callable[[Catalog], Iterable[Counted]]] = {
    "contracts": contracts.sources,
    "ownership": ownership.owned,
    "backup": ownership.backed_up,
    "metrics": metrics.approved,
    "fields": fields.described,
    "lineage": metrics.lineage,
    "dbt_models": dbt.models,
    "dbt_metrics": dbt.metrics,
}


def build(catalog: Catalog, thresholds: Mapping[str, float] | None = None) -> CoverageReport:
    """The coverage of ``catalog``; ``thresholds`` maps measure names to the
    least percentage each must reach (a measure without one always passes)."""
    thresholds = thresholds or {}
    measures = []
    for name, title, unit in (*MEASURES, *(DBT_MEASURES if catalog.dbt is not None else ())):
        units = list(COUNTERS[name](catalog))
        unconsumed = tuple(contracts.unconsumed(catalog)) if name == "contracts" else ()
        measures.append(_measure(name, title, unit, units, thresholds.get(name), unconsumed))
    return CoverageReport(tuple(measures))


def _measure(
    name: CoverageMeasure,
    title: str,
    unit: str,
    units: list[Counted],
    threshold: float | None,
    unconsumed: tuple[Gap, ...],
) -> Measure:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for u in units:
        totals[u.team][1] += 1
        if u.gap is None:
            totals[u.team][0] += 1
    by_team = tuple(TeamShare(t, *totals[t]) for t in team_order(totals))
    gaps = sorted(
        (u.gap for u in units if u.gap is not None),
        key=lambda g: (g.team == NO_OWNER, g.team, g.parent or "", g.name),
    )
    covered = sum(1 for u in units if u.gap is None)
    return Measure(
        name, title, unit, covered, len(units), threshold, by_team, tuple(gaps), unconsumed
    )


def thresholds(config: Config, fail_under: float | None) -> dict[str, float]:
    """The least percentage of each measure: ``--fail-under`` for every measure,
    else `coverage.thresholds` of the configuration."""
    if fail_under is not None:
        return {name: fail_under for name, _, _ in (*MEASURES, *DBT_MEASURES)}
    return {name: least for name, least in config.coverage.thresholds.items()}
