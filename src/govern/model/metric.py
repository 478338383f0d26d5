"""A shared metric definition (PRODUCT.md section 1.2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from govern.model.base import Strict
from govern.model.contract import DeprecationField, Notice, Waiver

MetricType = Literal["simple", "ratio", "derived"]
Unit = Literal["ratio", "percent", "count", "currency", "duration"]


class Metric(Strict):
    metric: str
    name: str | None = None
    description: str | None = None
    owner: str | None = None
    approved_by: list[str] = Field(default_factory=list)
    version: int | str | None = None
    type: MetricType | None = None
    formula: str | None = None
    dialect: str | None = None
    sources: list[str] = Field(default_factory=list)
    unit: Unit | None = None
    grain: str | None = None
    aliases: list[str] = Field(default_factory=list)
    filter: str | None = None
    # The notice policy applies to metrics too: a removal is announced with
    # `deprecated:`, a formula change with `notices: [{element: formula, ...}]`.
    deprecated: DeprecationField = None
    notices: list[Notice] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)
