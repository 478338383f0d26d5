"""Teams, owned assets (pipelines, datasets) and RACI (PRODUCT.md section 1.3)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from govern.model.base import Date, NumberOrText, Strict

SeverityLevel = Literal["low", "medium", "high", "critical"]


class OnCall(Strict):
    rotation: Literal["weekly", "daily"]
    start: Date
    handoff: str
    members: list[str]


class Leave(Strict):
    member: str
    from_: Date = Field(alias="from")
    to: Date


class Team(Strict):
    name: str | None = None
    description: str | None = None
    slack: str | None = None
    email: str | None = None
    github: str | None = None
    members: list[str] = Field(default_factory=list)
    manager: str | None = None
    oncall: OnCall | None = None
    leave: list[Leave] = Field(default_factory=list)
    escalation: list[str] = Field(default_factory=list)


class EscalationStep(Strict):
    respond_within: str | None = None
    channel: str | None = None
    then: list[str] = Field(default_factory=list)


class AssetSla(Strict):
    delivery: str | None = None
    freshness: NumberOrText | None = None


class Pipeline(Strict):
    description: str | None = None
    primary: str | None = None
    secondary: str | None = None
    oncall: str | None = None
    sources: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    schedule: str | None = None
    sla: AssetSla | None = None
    severity_escalation: dict[SeverityLevel, EscalationStep] = Field(default_factory=dict)


class Dataset(Strict):
    description: str | None = None
    primary: str | None = None
    secondary: str | None = None
    contract: str | None = None


class Ownership(Strict):
    """One ownership file; it may hold any of the four sections."""

    teams: dict[str, Team] = Field(default_factory=dict)
    pipelines: dict[str, Pipeline] = Field(default_factory=dict)
    datasets: dict[str, Dataset] = Field(default_factory=dict)
    raci: dict[str, dict[str, str]] = Field(default_factory=dict)
