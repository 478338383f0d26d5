"""With a dbt project (docs/dbt.md): the dbt sources and models a contract
promises, and the dbt metrics owned by a team."""

from __future__ import annotations

from collections.abc import Iterator

from govern.catalog import Catalog
from govern.reports.coverage.report import Counted, Gap, owning_team


def _contracted_names(catalog: Catalog) -> tuple[set[str], set[str]]:
    """What contracts promise, folded: every contract id and dataset name, and
    the last part of each dataset (``analytics.orders`` promises model ``orders``)."""
    exact: set[str] = set()
    last: set[str] = set()
    datasets: list[str] = []
    for cid, docs in catalog.contracts.items():
        exact.add(cid.casefold())
        for d in docs:
            if d.model is not None and d.model.dataset:
                datasets.append(d.model.dataset)
    for did, entries in catalog.datasets.items():
        if any(e.value.contract and catalog.has_contract(e.value.contract) for e in entries):
            datasets.append(did)
    for name in datasets:
        exact.add(name.casefold())
        last.add(name.rsplit(".", 1)[-1].casefold())
    return exact, last


def models(catalog: Catalog) -> Iterator[Counted]:
    assert catalog.dbt is not None
    exact, last = catalog.derived("coverage.dbt_names", _contracted_names)
    for r in catalog.dbt.relations:
        team = owning_team(r.owner)
        what = "model" if r.kind == "dbt-model" else "source table"
        reasons: tuple[str, ...] = ()
        if r.contract is not None:  # named in dbt: `meta: {contract: <id>}`
            if not catalog.has_contract(r.contract):
                reasons = (f"`meta.contract` `{r.contract}` is not a contract",)
        elif not (
            any(n.casefold() in exact for n in r.names)
            or (r.kind == "dbt-model" and r.name.casefold() in last)
        ):
            reasons = (
                f"no contract names this dbt {what} (as its id or `dataset`), "
                "and it names none (`meta.contract`)",
            )
        gap = Gap(r.name, r.kind, team, r.path, reasons) if reasons else None
        yield Counted(team, gap)


def metrics(catalog: Catalog) -> Iterator[Counted]:
    assert catalog.dbt is not None
    for m in catalog.dbt.metrics:
        team_name = None
        if m.owner and catalog.has_team(m.owner):
            team_name = m.owner
        elif m.group and catalog.has_team(m.group):
            team_name = m.group
        reasons: tuple[str, ...] = ()
        if team_name is None:
            if not m.owner:
                reasons = (
                    "no owner (`config.meta.owner`, a group with an owner, "
                    "or its semantic model's)",
                )
            else:
                reasons = (f"owner `{m.owner}` is not a team",)
        team = owning_team(team_name or m.owner)
        gap = Gap(m.name, "dbt-metric", team, m.document.path, reasons) if reasons else None
        yield Counted(team, gap)
