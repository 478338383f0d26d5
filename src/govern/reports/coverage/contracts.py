"""Contract coverage: pipeline sources that resolve to a contract (the others
are shadow flows), and the contracts nobody consumes."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog import Catalog
from govern.reports.coverage.report import Counted, Gap, owning_team


def _contract_for(catalog: Catalog, source: str) -> bool:
    """A pipeline source resolves to a contract when it is a contract id, or a
    dataset some contract governs (the contract's ``dataset:``, or the
    dataset's ``contract:`` in ownership/)."""
    if catalog.has_contract(source):
        return True
    claimed: set[str] = catalog.derived(
        "coverage.contracted_datasets",
        lambda cat: {c.dataset for _, c in cat.contract_docs() if c.dataset},
    )
    if source in claimed:
        return True
    return any(
        e.value.contract and catalog.has_contract(e.value.contract)
        for e in catalog.datasets.get(source, ())
    )


def sources(catalog: Catalog) -> Iterator[Counted]:
    for pid, entries in catalog.pipelines.items():
        entry = entries[0]  # a second definition is a lint error, not a second pipeline
        team = owning_team(entry.value.primary)
        for source in dict.fromkeys(entry.value.sources):
            gap = None
            if not _contract_for(catalog, source):
                gap = Gap(
                    source,
                    "source",
                    team,
                    entry.doc.path,
                    ("no contract: a shadow flow nobody promised",),
                    parent=pid,
                )
            yield Counted(team, gap)


def unconsumed(catalog: Catalog) -> Iterator[Gap]:
    for cid, docs in catalog.contracts.items():
        c = docs[0].model
        if c is None or c.consumers or c.status == "retired":
            continue
        yield Gap(
            cid,
            "contract",
            owning_team(c.owner),
            docs[0].path,
            ("no consumer: nobody to tell about a breaking change",),
        )
