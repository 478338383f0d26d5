"""What ``govern coverage`` reports: each measure's share, by team, and its gaps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from govern.config import CoverageMeasure

NO_OWNER = "(no owner)"

# The order of the report, with a title and the unit each measure counts.
MEASURES: tuple[tuple[CoverageMeasure, str, str], ...] = (
    ("contracts", "Contract coverage", "pipeline sources with a contract"),
    ("ownership", "Ownership", "assets with one valid primary owner"),
    ("backup", "Backup ownership", "pipelines with a secondary owner and on-call"),
    ("metrics", "Metric approval", "metrics described, parsed, sourced and approved"),
    ("fields", "Field documentation", "fields with a description"),
    ("lineage", "Lineage", "metrics whose sources and columns resolve"),
)


# Read only when a dbt project is (`dbt:` in govern.yaml or --dbt-project).
DBT_MEASURES: tuple[tuple[CoverageMeasure, str, str], ...] = (
    ("dbt_models", "dbt contract coverage", "dbt sources and models with a contract"),
    ("dbt_metrics", "dbt metric ownership", "dbt metrics with an owner that is a team"),
)


def percent(covered: int, total: int) -> float | None:
    """``covered`` of ``total`` in percent, rounded *down* to one decimal, so
    that 100.0 means everything and a share just under a threshold never shows
    as the threshold itself. None when there is nothing to measure."""
    if total <= 0:
        return None
    return (covered * 1000 // total) / 10


@dataclass(frozen=True)
class Gap:
    """One thing a measure counts that is not covered, and why."""

    name: str  # a source, an asset id, a field path
    kind: str  # "source", "contract", "metric", "pipeline" or "field"
    team: str  # the owning team it is counted under
    path: str  # the file that defines it (the pipeline's, for a source)
    reasons: tuple[str, ...]
    parent: str | None = None  # the pipeline reading a source; the contract of a field

    @property
    def parent_kind(self) -> str | None:
        if self.parent is None:
            return None
        return "pipeline" if self.kind == "source" else "contract"


@dataclass(frozen=True)
class TeamShare:
    team: str
    covered: int
    total: int

    @property
    def percent(self) -> float | None:
        return percent(self.covered, self.total)


@dataclass(frozen=True)
class Measure:
    name: CoverageMeasure
    title: str
    unit: str
    covered: int
    total: int
    threshold: float | None
    by_team: tuple[TeamShare, ...]
    missing: tuple[Gap, ...]
    # Contract coverage only: contracts nobody declared as a consumer of.
    unconsumed: tuple[Gap, ...] = ()

    @property
    def percent(self) -> float | None:
        return percent(self.covered, self.total)

    @property
    def empty(self) -> bool:
        """Nothing to measure: the share is undefined and passes any threshold."""
        return self.total == 0

    @property
    def ok(self) -> bool:
        if self.threshold is None or self.total == 0:
            return True
        # Exact: the displayed percentage is rounded down, the comparison is not.
        return Decimal(self.covered * 100) >= Decimal(repr(self.threshold)) * self.total


@dataclass(frozen=True)
class CoverageReport:
    measures: tuple[Measure, ...]

    @property
    def failing(self) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if not m.ok)

    @property
    def ok(self) -> bool:
        return not self.failing

    @property
    def thresholds_set(self) -> bool:
        return any(m.threshold is not None for m in self.measures)

    @property
    def teams(self) -> tuple[str, ...]:
        """Every owning team that appears in some measure, in report order."""
        return team_order({s.team for m in self.measures for s in m.by_team})

    def measure(self, name: str) -> Measure:
        return next(m for m in self.measures if m.name == name)


@dataclass(frozen=True)
class Counted:
    """One unit of a measure: its team, and the gap when it is not covered."""

    team: str
    gap: Gap | None


def team_order(teams: Iterable[str]) -> tuple[str, ...]:
    """Teams by name, the assets with no owner last."""
    return tuple(sorted(teams, key=lambda t: (t == NO_OWNER, t)))


def owning_team(name: str | None) -> str:
    """The team a unit is counted under: its owner, else ``(no owner)``."""
    return name if name else NO_OWNER
