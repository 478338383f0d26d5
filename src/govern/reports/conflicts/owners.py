"""One asset with several accountable owners."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog import Catalog, Entry
from govern.catalog_checks.names import fold
from govern.load.documents import Document
from govern.model.contract import Contract
from govern.model.ownership import Dataset, Pipeline
from govern.reports.conflicts.report import Conflict, Member, member, sorted_members


def assets(catalog: Catalog) -> Iterator[Conflict]:
    """One asset, several accountable owners."""
    pipelines: dict[str, list[Entry[Pipeline]]] = {}
    for p in catalog.pipeline_entries():
        pipelines.setdefault(fold(p.id), []).append(p)
    for group in pipelines.values():
        members = [_entry_member(e, "pipeline") for e in group if e.value.primary]
        yield from _owner_conflict("pipeline", group[0].id, members)
    # Datasets: their entries' primary, and the owner of every contract that
    # promises them (named by the dataset's `contract:` or the contract's `dataset:`).
    datasets: dict[str, list[Entry[Dataset]]] = {}
    for d in catalog.dataset_entries():
        datasets.setdefault(fold(d.id), []).append(d)
    by_dataset: dict[str, list[Document[Contract]]] = {}
    for doc, c in catalog.contract_docs():
        if c.dataset:
            by_dataset.setdefault(fold(c.dataset), []).append(doc)
    for key, entries in datasets.items():
        members = [_entry_member(e, "dataset") for e in entries if e.value.primary]
        linked = {id(doc): doc for doc in by_dataset.get(key, [])}
        for e in entries:
            for doc in catalog.contracts.get(e.value.contract or "", []):
                linked.setdefault(id(doc), doc)
        for doc in linked.values():
            model = doc.model
            assert model is not None  # the catalog indexes readable contracts only
            if model.owner:
                role = f"owner of contract {model.contract}"
                where = doc.at("owner")
                members.append(member(model.contract, where, model.owner, ("role", role)))
        yield from _owner_conflict("dataset", entries[0].id, members)


def _entry_member(entry: Entry[Pipeline] | Entry[Dataset], what: str) -> Member:
    return member(
        entry.id, entry.at("primary"), entry.value.primary, ("role", f"primary of {what}")
    )


def _owner_conflict(what: str, name: str, members: list[Member]) -> Iterator[Conflict]:
    owners = list(dict.fromkeys(m.owner for m in sorted_members(members) if m.owner))
    if len(owners) < 2:
        return
    ordered = sorted_members(members)
    said = "; ".join(
        f"{m.owner} ({dict(m.facts).get('role', 'owner')}, {m.path}:{m.line})" for m in ordered
    )
    detail = f"{what} {name} has {len(owners)} accountable owners: {said}; it must have one"
    yield Conflict("owner", name, "error", ordered, detail)
