"""Two contracts for one thing: one dataset, one producer's event, or one id."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from govern.catalog import Catalog
from govern.catalog_checks.names import fold
from govern.load.documents import Document
from govern.model.contract import Contract
from govern.reports.conflicts.report import Conflict, Member, member, sorted_members


def claims(catalog: Catalog) -> Iterator[Conflict]:
    """Two contracts for one dataset, one producer's event, or one id."""
    reported: set[frozenset[tuple[str, str]]] = set()

    def new(members: Sequence[Member]) -> bool:
        key = frozenset((m.id, m.path) for m in members)
        if key in reported:
            return False
        reported.add(key)
        return True

    yield from (c for c in _dataset_claims(catalog) if new(c.members))
    for c in _event_claims(catalog):
        if new(c.members):
            yield c


def _owner_of(catalog: Catalog, cid: str) -> str | None:
    model = catalog.contract(cid)
    return model.owner if model else None


def _dataset_claims(catalog: Catalog) -> Iterator[Conflict]:
    # folded dataset name -> contract id -> (member, name as written); a
    # contract's own `dataset:` is preferred to a dataset's `contract:`.
    claims: dict[str, dict[str, tuple[Member, str]]] = {}
    for doc, c in catalog.contract_docs():
        if c.dataset and fold(c.dataset):
            claim = ("claim", f"dataset: {c.dataset}")
            side = member(c.contract, doc.at("dataset"), c.owner, claim)
            claims.setdefault(fold(c.dataset), {}).setdefault(c.contract, (side, c.dataset))
    for entry in catalog.dataset_entries():
        cid = entry.value.contract
        if not cid or cid not in catalog.contracts or not fold(entry.id):
            continue  # an unknown contract is GOV111's
        claims.setdefault(fold(entry.id), {}).setdefault(
            cid,
            (
                member(
                    cid, entry.at("contract"), _owner_of(catalog, cid),
                    ("claim", f"datasets: {entry.id}: contract: {cid}"),
                ),
                entry.id,
            ),
        )  # fmt: skip
    for by_contract in claims.values():
        if len(by_contract) < 2:
            continue
        members = sorted_members(m for m, _ in by_contract.values())
        name = next(n for m, n in by_contract.values() if m == members[0])
        who = ", ".join(f"{m.id} ({m.owner or 'no owner'})" for m in members)
        detail = (
            f"dataset {name} is claimed by {len(members)} contracts: {who}; "
            "one contract promises a dataset, the others' teams are its consumers"
        )
        yield Conflict("contract-claim", name, "error", members, detail)


def _event_claims(catalog: Catalog) -> Iterator[Conflict]:
    # One id defined in several files.
    for cid, docs in sorted(catalog.contracts.items()):
        if len(docs) < 2:
            continue
        members = sorted_members(_contract_member(doc) for doc in docs)
        owners = sorted({m.owner or "no owner" for m in members})
        detail = (
            f"contract {cid} is defined in {len(docs)} files (owners: {', '.join(owners)}); "
            "keep one definition"
        )
        yield Conflict("contract-claim", cid, "error", members, detail)
    # One producer's data under several ids.
    groups: dict[tuple[str, str], list[Document[Contract]]] = {}
    for doc, c in catalog.contract_docs():
        if c.producer and fold(c.producer):
            groups.setdefault((fold(c.producer), _event_key(c.contract)), []).append(doc)
    for docs in groups.values():
        if len({_model(d).contract for d in docs}) < 2:
            continue
        members = sorted_members(_contract_member(doc) for doc in docs)
        first = _model(next(d for d in docs if d.path == members[0].path))
        assert first.producer is not None
        name = f"{_event_name(first.contract)} from {first.producer}"
        who = ", ".join(f"{m.id} ({m.owner or 'no owner'})" for m in members)
        detail = (
            f"{len(members)} contracts describe {_event_name(first.contract)} of "
            f"{first.producer}: {who}; one contract per event or table, "
            "the other teams are its consumers"
        )
        yield Conflict("contract-claim", name, "error", members, detail)


def _model(doc: Document[Contract]) -> Contract:
    assert doc.model is not None
    return doc.model


def _contract_member(doc: Document[Contract]) -> Member:
    c = _model(doc)
    return member(c.contract, doc.at("contract"), c.owner, ("producer", c.producer))


def _event_name(cid: str) -> str:
    """The id without its first (domain) segment: ``payslip.generated``."""
    segments = cid.split(".")
    return ".".join(segments[1:] if len(segments) > 1 else segments)


def _event_key(cid: str) -> str:
    return fold(_event_name(cid).replace(".", " "))
