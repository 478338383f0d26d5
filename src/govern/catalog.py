"""Every loaded document, indexed by id, with the references between them.

Rules read the catalog; they never read files. Ids are the contract id, the
metric id, and the keys of ``teams``/``pipelines``/``datasets``/``raci``.
Identity is the id, never the file path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from govern.findings import Location
from govern.load.documents import Document
from govern.model.contract import Contract, iter_fields
from govern.model.metric import Metric
from govern.model.ownership import Dataset, Ownership, Pipeline, Team

if TYPE_CHECKING:
    from govern.load.dbt import DbtProject

T = TypeVar("T")


@dataclass
class Entry(Generic[T]):
    """One named item of an ownership file (a team, a pipeline, ...)."""

    id: str
    value: T
    doc: Document[Ownership]
    section: str  # "teams", "pipelines", "datasets" or "raci"

    def at(self, *path: str | int) -> Location:
        return self.doc.at(self.section, self.id, *path)

    def key_at(self, *path: str | int) -> Location:
        return self.doc.key_at(self.section, self.id, *path)


@dataclass
class Catalog:
    documents: list[Document[Any]] = field(default_factory=list)
    contracts: dict[str, list[Document[Contract]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    metrics: dict[str, list[Document[Metric]]] = field(default_factory=lambda: defaultdict(list))
    teams: dict[str, list[Entry[Team]]] = field(default_factory=lambda: defaultdict(list))
    pipelines: dict[str, list[Entry[Pipeline]]] = field(default_factory=lambda: defaultdict(list))
    datasets: dict[str, list[Entry[Dataset]]] = field(default_factory=lambda: defaultdict(list))
    raci: dict[str, list[Entry[dict[str, str]]]] = field(default_factory=lambda: defaultdict(list))
    # Ids of documents whose shape is broken: they exist (no "unknown
    # reference" cascade), but no rule looks inside them.
    broken_ids: set[str] = field(default_factory=set)
    # A dbt project read beside the catalog (`dbt:` in govern.yaml or
    # --dbt-project): its metrics are compared by `conflicts` and counted by
    # `coverage`, never linted (they are dbt's files, not govern's).
    dbt: DbtProject | None = None
    _people: set[str] | None = field(default=None, repr=False)
    # Values derived from the catalog that several rules need (every field of
    # every contract, say): computed once, on first use, by `derived`.
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    # --- building -------------------------------------------------------------------------

    def add(self, doc: Document[Any]) -> None:
        self.documents.append(doc)
        if doc.model is None:
            for key in ("contract", "metric"):
                if isinstance(doc.data.get(key), str):
                    self.broken_ids.add(doc.data[key])
            for section in ("teams", "pipelines", "datasets", "raci"):
                value = doc.data.get(section)
                if isinstance(value, dict):
                    self.broken_ids.update(str(k) for k in value)
            return
        model = doc.model
        if isinstance(model, Contract):
            self.contracts[model.contract].append(doc)
        elif isinstance(model, Metric):
            self.metrics[model.metric].append(doc)
        elif isinstance(model, Ownership):
            for tid, team in model.teams.items():
                self.teams[tid].append(Entry(tid, team, doc, "teams"))
            for pid, pipeline in model.pipelines.items():
                self.pipelines[pid].append(Entry(pid, pipeline, doc, "pipelines"))
            for did, dataset in model.datasets.items():
                self.datasets[did].append(Entry(did, dataset, doc, "datasets"))
            for activity, row in model.raci.items():
                self.raci[activity].append(Entry(activity, row, doc, "raci"))
            # Keys pruned for shape errors still name things that exist.
            for section in ("teams", "pipelines", "datasets", "raci"):
                raw = doc.data.get(section)
                if isinstance(raw, dict):
                    self.broken_ids.update(str(k) for k in raw if k not in getattr(model, section))

    def derived(self, key: str, compute: Callable[[Catalog], T]) -> T:
        """``compute(self)``, once per catalog: rules share derived indexes."""
        if key not in self._derived:
            self._derived[key] = compute(self)
        return self._derived[key]  # type: ignore[no-any-return]

    # --- iteration ------------------------------------------------------------------------

    def contract_docs(self) -> Iterator[tuple[Document[Contract], Contract]]:
        for docs in self.contracts.values():
            for doc in docs:
                assert doc.model is not None
                yield doc, doc.model

    def metric_docs(self) -> Iterator[tuple[Document[Metric], Metric]]:
        for docs in self.metrics.values():
            for doc in docs:
                assert doc.model is not None
                yield doc, doc.model

    def all_metric_docs(self) -> Iterator[tuple[Document[Metric], Metric]]:
        """The catalog's metrics, then the dbt project's."""
        yield from self.metric_docs()
        if self.dbt is not None:
            for m in self.dbt.metrics:
                model = m.document.model
                assert isinstance(model, Metric)
                yield m.document, model

    def team_entries(self) -> Iterator[Entry[Team]]:
        for entries in self.teams.values():
            yield from entries

    def pipeline_entries(self) -> Iterator[Entry[Pipeline]]:
        for entries in self.pipelines.values():
            yield from entries

    def dataset_entries(self) -> Iterator[Entry[Dataset]]:
        for entries in self.datasets.values():
            yield from entries

    def raci_entries(self) -> Iterator[Entry[dict[str, str]]]:
        for entries in self.raci.values():
            yield from entries

    # --- references -----------------------------------------------------------------------

    def has_team(self, name: str) -> bool:
        return name in self.teams or name in self.broken_ids

    def has_contract(self, cid: str) -> bool:
        return cid in self.contracts or cid in self.broken_ids

    def is_person(self, name: str) -> bool:
        """A person named as a member or manager of some team."""
        return name in self.people

    @property
    def people(self) -> set[str]:
        cached = self._people
        if cached is None:
            cached = set()
            for entry in self.team_entries():
                cached.update(entry.value.members)
                if entry.value.manager:
                    cached.add(entry.value.manager)
                if entry.value.oncall:
                    cached.update(entry.value.oncall.members)
            self._people = cached
        return cached

    def contract(self, cid: str) -> Contract | None:
        docs = self.contracts.get(cid)
        return docs[0].model if docs else None

    def contract_field_names(self, cid: str) -> set[str] | None:
        """Names a formula may read from a contract: every field's own name and
        its dotted path. None when the contract is unknown or broken."""
        model = self.contract(cid)
        if model is None:
            return None
        names: set[str] = set()
        for name_path, _ in iter_fields(model.schema_):
            names.add(name_path[-1])
            names.add(".".join(name_path))
        return names
