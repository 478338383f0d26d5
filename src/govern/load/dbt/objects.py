"""What a dbt project is made of, as govern holds it: semantic models,
measures, metrics as written, relations (models and sources), groups, and the
issues met while reading. Every object keeps its :class:`Source` so that a
finding about it points into the dbt file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govern.load.documents import Document
from govern.load.yamlpos import Mark, Path, Positions
from govern.repo import UsageError


class DbtError(UsageError):
    """The dbt project cannot be read at all (exit 2)."""


@dataclass(frozen=True)
class DbtIssue:
    """Something in the dbt project govern could not read, at its line."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass
class Source:
    """Where an object of the dbt project is written: its file, the marks of
    its document, and its path inside the document."""

    path: str  # relative to the governance repository (it may start with ../)
    positions: Positions
    at: Path

    def mark(self, *sub: str | int) -> Mark:
        return self.positions.value((*self.at, *sub))


@dataclass
class SemanticModel:
    name: str
    model: str | None  # the dbt model it describes (`ref('orders')` -> orders)
    entities: dict[str, str]  # name -> SQL expression
    dimensions: dict[str, str]
    owner: str | None  # `meta.owner`, else (once every file is read) its group's owner
    group: str | None
    source: Source
    # Entities that identify a row of it (primary, unique, natural): the
    # prefix of `Dimension('customer__status')` names one of these.
    keys: set[str] = field(default_factory=set)


@dataclass
class Measure:
    name: str
    agg: str
    expr: str
    params: dict[str, Any]  # agg_params
    semantic_model: SemanticModel
    source: Source
    non_additive: dict[str, Any] | None = None  # `non_additive_dimension`


@dataclass
class RawMetric:
    """A metric as written: ``params`` holds ``type_params`` (legacy spec) or
    the metric itself (latest spec: type-specific keys at the top level)."""

    name: str
    type: str
    label: str | None
    description: str | None
    params: dict[str, Any]
    filters: list[str]
    owner: str | None
    group: str | None
    semantic_model: SemanticModel | None  # the model it is defined on (latest spec)
    source: Source
    params_at: Path  # where `params` is written
    hidden: bool = False  # `hidden: true`: a building block, not published


@dataclass(frozen=True)
class Relation:
    """A dbt model or source table: a data flow a contract should promise."""

    kind: str  # "dbt-model" or "dbt-source"
    name: str  # the model name, or source.table
    names: tuple[str, ...]  # what a contract's id or dataset may call it
    owner: str | None
    path: str
    line: int
    contract: str | None = None  # `meta.contract`: the govern contract that promises it


@dataclass(frozen=True)
class Group:
    name: str
    owner: str | None  # the group owner's name, else its email


@dataclass
class DbtMetric:
    """A dbt metric as a catalog metric, with what govern made of it."""

    name: str
    document: Document[Any]  # Document[Metric]: its positions point into the dbt file
    owner: str | None
    group: str | None


@dataclass
class DbtProject:
    name: str
    semantic_models: dict[str, SemanticModel] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    raw_metrics: dict[str, RawMetric] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    issues: list[DbtIssue] = field(default_factory=list)
    # Filled by catalog_metrics.resolve: one catalog metric per dbt metric.
    metrics: list[DbtMetric] = field(default_factory=list)

    def issue(self, source: Source | str, mark: Mark | None, message: str) -> None:
        path = source.path if isinstance(source, Source) else source
        m = mark or Mark(1, 1)
        self.issues.append(DbtIssue(path, m.line, m.column, message))
