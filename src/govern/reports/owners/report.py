"""What ``govern owners`` reports: teams, on-call, escalation contacts and the
assets related to the one asked about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from govern.reports.oncall import OnCall

Kind = Literal["contract", "metric", "pipeline", "dataset"]
KINDS: tuple[Kind, ...] = ("contract", "metric", "pipeline", "dataset")


@dataclass(frozen=True)
class TeamInfo:
    """A team as the report shows it; ``known`` is False for a name that is not
    a team in ownership/ (GOV101 reports it)."""

    id: str
    known: bool
    name: str | None = None
    slack: str | None = None
    email: str | None = None
    github: str | None = None
    manager: str | None = None


@dataclass(frozen=True)
class Consumer:
    team: TeamInfo
    use: str | None


@dataclass(frozen=True)
class Rota:
    """The on-call of one team: now and from the next handoff."""

    team: str
    rotation: str | None  # weekly | daily; None without a rotation
    handoff: str | None
    now: OnCall
    next: OnCall | None  # None when the team has no rotation that can be computed


@dataclass(frozen=True)
class Contact:
    """One name of an escalation chain, resolved."""

    name: str  # as written
    kind: Literal["role", "team", "person", "unknown"]
    person: str | None = None  # the person to alert (a role, a person, a team's manager)
    team: TeamInfo | None = None  # the team to alert, or the person's team
    detail: str = ""  # how it was resolved: "manager of data-engineering"


@dataclass(frozen=True)
class Level:
    """One ``severity_escalation`` level: respond within, where, then whom."""

    severity: str
    respond_within: str | None
    respond_seconds: int | None
    channel: str | None
    then: list[Contact]


@dataclass(frozen=True)
class Related:
    """A pipeline that reads or writes the asset, or a contract it reads or is
    governed by."""

    kind: Kind
    id: str
    relation: Literal["reads", "writes", "source", "contract"]
    owner: TeamInfo | None  # a pipeline's primary team, a contract's owner
    oncall: Rota | None = None
    known: bool = True  # False for a contract id that no contract has


@dataclass(frozen=True)
class OwnersReport:
    kind: Kind
    id: str
    path: str
    line: int
    now: dt.datetime
    description: str | None
    primary: TeamInfo | None  # the owner of a contract or metric
    secondary: TeamInfo | None
    oncall: Rota | None
    consumers: list[Consumer] = field(default_factory=list)
    approvers: list[TeamInfo] = field(default_factory=list)
    escalation: list[Level] = field(default_factory=list)
    team_escalation: list[Contact] = field(default_factory=list)  # the owning team's
    pipelines: list[Related] = field(default_factory=list)
    sources: list[Related] = field(default_factory=list)  # a metric's contracts
    contract: Related | None = None  # a dataset's contract
    notes: list[str] = field(default_factory=list)
