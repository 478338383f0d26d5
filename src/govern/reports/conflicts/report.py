"""What ``govern conflicts`` reports: each conflict, its sides and who owns them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from govern.findings import Location

Kind = Literal["metric-definition", "metric-duplicate", "contract-claim", "owner", "raci"]
Level = Literal["error", "warning"]
KINDS: tuple[Kind, ...] = (
    "metric-definition",
    "metric-duplicate",
    "contract-claim",
    "owner",
    "raci",
)


@dataclass(frozen=True)
class Member:
    """One side of a conflict: what says it, where, and who owns it.

    ``facts`` are what this side says, labelled (``("formula", "errors /
    total_workers")``), in the order the text report shows them."""

    id: str
    path: str
    line: int
    column: int
    owner: str | None
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Conflict:
    kind: Kind
    name: str
    severity: Level
    members: tuple[Member, ...]
    detail: str


@dataclass(frozen=True)
class ConflictReport:
    conflicts: tuple[Conflict, ...]
    # What was compared, for the summary line.
    metrics: int = 0
    contracts: int = 0
    assets: int = 0
    activities: int = 0
    dbt_metrics: int | None = None  # None: no dbt project was read

    @property
    def errors(self) -> int:
        return sum(1 for c in self.conflicts if c.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for c in self.conflicts if c.severity == "warning")


def member(
    ident: str, where: Location, owner: str | None, *facts: tuple[str, str | None]
) -> Member:
    return Member(
        ident, where.path, where.line, where.column, owner or None,
        tuple((label, value) for label, value in facts if value is not None),
    )  # fmt: skip


def one_line(text: str) -> str:
    return " ".join(text.split())


def sorted_members(members: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(sorted(members, key=lambda m: (m.path, m.line, m.column, m.id)))
