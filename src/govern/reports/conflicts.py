"""``govern conflicts``: definitions that contradict each other (docs/conflicts.md).

Seed 000's "metric definition wars": finance computes payroll error rate as
``errors / total_workers``, ops as ``errors / total_payslip_line_items``, and
the CEO sees two numbers under one name. Lint (GOV404) says that two metrics
answer to one name; this report says whether they *mean* the same, comparing
their formulas as parsed SQL (:mod:`govern.sql`), which part differs, and who
owns each side. Pure: no I/O, no printing; the reporters format the
:class:`ConflictReport`.

Kinds (the normative ``kind`` of the JSON output):

- ``metric-definition`` (error): metrics whose ids, names or aliases collide
  (case, spacing, ``_``/``-`` folded, as GOV404) but whose definitions differ:
  the formula as parsed SQL, the ``filter``, and the ``sources`` when every
  side lists them.
- ``metric-duplicate`` (warning): one definition (same normalised formula,
  filter and sources) under different metric ids: merge them.
- ``contract-claim`` (error): two contracts for one thing: the same
  ``dataset`` (a contract's ``dataset:``, or a dataset's ``contract:`` in
  ownership/), the same producer and name (the id without its first, domain
  segment: ``payroll.payslip.generated`` and ``analytics.payslip_generated``
  from one ``payroll-service``), or one contract id defined in two files.
- ``owner`` (error): one asset with different accountable owners: a pipeline
  or dataset defined twice with different ``primary``, or a dataset whose
  ``primary`` is not the ``owner`` of the contract that promises it.
- ``raci`` (error): one RACI activity (folded like metric names) defined
  twice with different letters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from govern import sql
from govern.catalog import Catalog, Entry
from govern.catalog_checks.names import fold
from govern.findings import Location
from govern.load.documents import Document
from govern.model.contract import Contract
from govern.model.metric import Metric
from govern.model.ownership import Dataset, Pipeline

Kind = Literal["metric-definition", "metric-duplicate", "contract-claim", "owner", "raci"]
Level = Literal["error", "warning"]
KINDS: tuple[Kind, ...] = (
    "metric-definition",
    "metric-duplicate",
    "contract-claim",
    "owner",
    "raci",
)
RACI_ORDER = "RACI"


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


def conflicts(catalog: Catalog) -> ConflictReport:
    found = [
        *_metric_definitions(catalog),
        *_metric_duplicates(catalog),
        *_contract_claims(catalog),
        *_owners(catalog),
        *_raci(catalog),
    ]
    found.sort(key=lambda c: (c.severity != "error", KINDS.index(c.kind), c.name.casefold()))
    return ConflictReport(
        tuple(found),
        metrics=sum(len(d) for d in catalog.metrics.values()),
        dbt_metrics=len(catalog.dbt.metrics) if catalog.dbt is not None else None,
        contracts=sum(len(d) for d in catalog.contracts.values()),
        assets=sum(len(e) for e in catalog.pipelines.values())
        + sum(len(e) for e in catalog.datasets.values()),
        activities=sum(len(e) for e in catalog.raci.values()),
    )


def _member(
    ident: str, where: Location, owner: str | None, *facts: tuple[str, str | None]
) -> Member:
    return Member(
        ident, where.path, where.line, where.column, owner or None,
        tuple((label, value) for label, value in facts if value is not None),
    )  # fmt: skip


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sorted_members(members: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(sorted(members, key=lambda m: (m.path, m.line, m.column, m.id)))


# --- metrics ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Definition:
    """What a metric means, in comparable form."""

    doc: Document[Metric]
    metric: Metric
    formula: sql.Normal | None  # None: it does not parse (compared as text)
    formula_text: str
    filter: sql.Normal | None
    filter_text: str  # "" when there is no filter
    sources: tuple[str, ...]

    @property
    def formula_key(self) -> str:
        return self.formula.key if self.formula else f"text:{self.formula_text}"

    @property
    def filter_key(self) -> str:
        if not self.filter_text:
            return ""
        return self.filter.key if self.filter else f"text:{self.filter_text}"


def _definition(doc: Document[Metric], m: Metric) -> _Definition | None:
    if not (m.formula or "").strip():
        return None  # GOV409: nothing to compare
    assert m.formula is not None
    formula_text = _one_line(m.formula)
    filter_text = _one_line(m.filter or "")
    dialect = m.dialect if m.dialect and sql.known_dialect(m.dialect) else None
    return _Definition(
        doc=doc,
        metric=m,
        formula=sql.normalize(m.formula, dialect),
        formula_text=formula_text,
        filter=sql.normalize(filter_text, dialect) if filter_text else None,
        filter_text=filter_text,
        sources=tuple(sorted(set(m.sources))),
    )


def _definitions(catalog: Catalog) -> dict[int, _Definition]:
    return catalog.derived(
        "conflicts.definitions",
        lambda cat: {
            id(doc): d for doc, m in cat.all_metric_docs() if (d := _definition(doc, m)) is not None
        },
    )


def _metric_definitions(catalog: Catalog) -> Iterator[Conflict]:
    """Metrics that answer to one name but mean different things."""
    definitions = _definitions(catalog)
    claims: dict[str, list[tuple[Document[Metric], Metric, str]]] = {}
    for doc, m in catalog.all_metric_docs():
        own: set[str] = set()
        for text in [m.metric, m.name or "", *m.aliases]:
            key = fold(text)
            if key and key not in own:
                own.add(key)
                claims.setdefault(key, []).append((doc, m, text))
    reported: set[frozenset[int]] = set()
    for key in sorted(claims):
        group = sorted(claims[key], key=lambda c: (c[0].path, c[1].metric))
        members = frozenset(id(doc) for doc, _, _ in group)
        if len(members) < 2 or members in reported:
            continue
        sides = [definitions[id(doc)] for doc, _, _ in group if id(doc) in definitions]
        conflict = _definition_conflict(group[0][2], sides)
        if conflict is not None:
            reported.add(members)
            yield conflict


def _definition_conflict(name: str, sides: list[_Definition]) -> Conflict | None:
    if len(sides) < 2:
        return None
    # Sources count only when every side lists them: a metric without
    # `sources` says nothing about where it reads (GOV408 reports it).
    with_sources = all(d.sources for d in sides)
    classes: dict[tuple[str, str, tuple[str, ...]], list[_Definition]] = {}
    for d in sides:
        signature = (d.formula_key, d.filter_key, d.sources if with_sources else ())
        classes.setdefault(signature, []).append(d)
    if len(classes) < 2:
        return None
    firsts = [members[0] for members in classes.values()]
    base = firsts[0]
    if len(firsts) == 2:
        detail = _explain(base, firsts[1], with_sources)
    else:
        detail = " | ".join(
            f"{base.metric.metric} vs {other.metric.metric}: {_explain(base, other, with_sources)}"
            for other in firsts[1:]
        )
    # Point at what differs: the formula, else the filter, else the sources.
    element = "formula"
    if all(d.formula_key == base.formula_key for d in sides):
        element = "filter" if any(d.filter_key != base.filter_key for d in sides) else "sources"
    show_dialect = any(d.metric.dialect for d in sides)
    show_filter = any(d.filter_text for d in sides)
    members = []
    for d in sides:
        path = element if element != "filter" or d.filter_text else "formula"
        members.append(
            _member(
                d.metric.metric,
                d.doc.at(path),
                d.metric.owner,
                ("formula", d.formula_text),
                ("dialect", (d.metric.dialect or "generic") if show_dialect else None),
                ("filter", (d.filter_text or "none") if show_filter else None),
                ("sources", ", ".join(d.sources) or "none" if element == "sources" else None),
            )
        )
    return Conflict("metric-definition", name, "error", _sorted_members(members), detail)


def _explain(a: _Definition, b: _Definition, with_sources: bool) -> str:
    """``numerator same; denominator total_workers vs total_payslip_line_items``."""
    parts: list[str] = []
    if a.formula_key != b.formula_key:
        if a.formula is not None and b.formula is not None:
            parts.append(str(sql.difference(a.formula, b.formula)))
        else:
            broken = a if a.formula is None else b
            parts.append(
                f"formula {a.formula_text} vs {b.formula_text} (the formula of "
                f"{broken.metric.metric} does not parse: compared as text)"
            )
    if a.filter_key != b.filter_key:
        parts.append(f"filter {a.filter_text or 'none'} vs {b.filter_text or 'none'}")
    if with_sources and a.sources != b.sources:
        parts.append(f"sources {', '.join(a.sources)} vs {', '.join(b.sources)}")
    if a.formula_key == b.formula_key:
        parts.insert(0, "formula same")
    return "; ".join(parts)


def _metric_duplicates(catalog: Catalog) -> Iterator[Conflict]:
    """One definition under several metric ids: a warning, merge them."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[_Definition]] = {}
    unsourced: dict[tuple[str, str], list[_Definition]] = {}
    for d in _definitions(catalog).values():
        if d.formula is None or (d.filter_text and d.filter is None):
            continue  # only parsed formulas are known to be the same
        if d.sources:
            groups.setdefault((d.formula.key, d.filter_key, d.sources), []).append(d)
        else:
            unsourced.setdefault((d.formula.key, d.filter_key), []).append(d)
    # A metric that lists no sources (a dbt metric: its semantic model is not
    # a contract) joins the one definition with sources it matches; with
    # several such definitions it cannot say which, and stays with its kind.
    for (formula_key, filter_key), loose in unsourced.items():
        sourced = [k for k in groups if k[:2] == (formula_key, filter_key)]
        key = sourced[0] if len(sourced) == 1 else (formula_key, filter_key, ())
        groups.setdefault(key, []).extend(loose)
    for (formula, _, sources), sides in groups.items():
        ids = sorted({d.metric.metric for d in sides})
        if len(ids) < 2:
            continue
        same = ["formula"]
        if any(d.filter_text for d in sides):
            same.append("filter")
        if sources and all(d.sources for d in sides):
            same.append("sources")
        detail = (
            f"the same {_and(same)} under {len(ids)} metric ids ({', '.join(ids)}): "
            "merge them into one metric and keep the other names as aliases"
        )
        show_dialect = any(d.metric.dialect for d in sides)
        members = [
            _member(
                d.metric.metric,
                d.doc.at("formula"),
                d.metric.owner,
                ("formula", d.formula_text),
                ("dialect", (d.metric.dialect or "generic") if show_dialect else None),
                ("filter", d.filter_text or None),
            )
            for d in sides
        ]
        yield Conflict("metric-duplicate", formula, "warning", _sorted_members(members), detail)


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


# --- contracts ----------------------------------------------------------------------------------


def _contract_claims(catalog: Catalog) -> Iterator[Conflict]:
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
            member = _member(c.contract, doc.at("dataset"), c.owner, claim)
            claims.setdefault(fold(c.dataset), {}).setdefault(c.contract, (member, c.dataset))
    for entry in catalog.dataset_entries():
        cid = entry.value.contract
        if not cid or cid not in catalog.contracts or not fold(entry.id):
            continue  # an unknown contract is GOV111's
        claims.setdefault(fold(entry.id), {}).setdefault(
            cid,
            (
                _member(
                    cid, entry.at("contract"), _owner_of(catalog, cid),
                    ("claim", f"datasets: {entry.id}: contract: {cid}"),
                ),
                entry.id,
            ),
        )  # fmt: skip
    for by_contract in claims.values():
        if len(by_contract) < 2:
            continue
        members = _sorted_members(m for m, _ in by_contract.values())
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
        members = _sorted_members(_contract_member(doc) for doc in docs)
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
        members = _sorted_members(_contract_member(doc) for doc in docs)
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
    return _member(c.contract, doc.at("contract"), c.owner, ("producer", c.producer))


def _event_name(cid: str) -> str:
    """The id without its first (domain) segment: ``payslip.generated``."""
    segments = cid.split(".")
    return ".".join(segments[1:] if len(segments) > 1 else segments)


def _event_key(cid: str) -> str:
    return fold(_event_name(cid).replace(".", " "))


# --- owners -------------------------------------------------------------------------------------


def _owners(catalog: Catalog) -> Iterator[Conflict]:
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
            c = _model(doc)
            if c.owner:
                role = f"owner of contract {c.contract}"
                members.append(_member(c.contract, doc.at("owner"), c.owner, ("role", role)))
        yield from _owner_conflict("dataset", entries[0].id, members)


def _entry_member(entry: Entry[Pipeline] | Entry[Dataset], what: str) -> Member:
    return _member(
        entry.id, entry.at("primary"), entry.value.primary, ("role", f"primary of {what}")
    )


def _owner_conflict(what: str, name: str, members: list[Member]) -> Iterator[Conflict]:
    owners = list(dict.fromkeys(m.owner for m in _sorted_members(members) if m.owner))
    if len(owners) < 2:
        return
    ordered = _sorted_members(members)
    said = "; ".join(
        f"{m.owner} ({dict(m.facts).get('role', 'owner')}, {m.path}:{m.line})" for m in ordered
    )
    detail = f"{what} {name} has {len(owners)} accountable owners: {said}; it must have one"
    yield Conflict("owner", name, "error", ordered, detail)


# --- RACI ---------------------------------------------------------------------------------------


def _letters(value: str) -> str:
    letters = {p.strip().upper() for p in value.split("/") if p.strip()}
    known = [x for x in RACI_ORDER if x in letters]
    return "/".join(known + sorted(letters - set(RACI_ORDER)))


def _row(entry: Entry[dict[str, str]]) -> dict[str, str]:
    return {team: _letters(str(value)) for team, value in entry.value.items()}


def _raci(catalog: Catalog) -> Iterator[Conflict]:
    """One activity, two different rows of letters."""
    groups: dict[str, list[Entry[dict[str, str]]]] = {}
    for entry in catalog.raci_entries():
        groups.setdefault(fold(entry.id), []).append(entry)
    for entries in groups.values():
        if len(entries) < 2:
            continue
        entries = sorted(entries, key=lambda e: (e.doc.path, e.key_at().line))
        distinct: list[Entry[dict[str, str]]] = []
        for e in entries:
            if all(_row(e) != _row(d) for d in distinct):
                distinct.append(e)
        if len(distinct) < 2:
            continue  # the same row twice: GOV109 (duplicate id) says so
        base = distinct[0]
        if len(distinct) == 2:
            detail = _row_difference(_row(base), _row(distinct[1]))
        else:
            detail = " | ".join(
                f"{base.doc.path} vs {other.doc.path}: {_row_difference(_row(base), _row(other))}"
                for other in distinct[1:]
            )
        members = []
        for e in entries:
            row = _row(e)
            accountable = ", ".join(t for t, letters in row.items() if "A" in letters.split("/"))
            shown = ", ".join(f"{t}: {letters}" for t, letters in row.items())
            members.append(_member(e.id, e.key_at(), accountable, ("row", shown or "empty")))
        yield Conflict("raci", entries[0].id, "error", _sorted_members(members), detail)


def _row_difference(a: dict[str, str], b: dict[str, str]) -> str:
    """``data-engineering A vs R/A; mlops R vs none; product same``."""
    teams = list(dict.fromkeys([*a, *b]))
    differing = [f"{t} {a.get(t) or 'none'} vs {b.get(t) or 'none'}" for t in teams
                 if a.get(t) != b.get(t)]  # fmt: skip
    same = [t for t in teams if a.get(t) == b.get(t)]
    if same:
        differing.append(f"{', '.join(same)} same")
    return "; ".join(differing)
