"""``govern coverage``: how much of the repository is governed (docs/coverage.md).

Seed 000 measures the collaboration between engineering and analytics with
numbers (data contract coverage 100%, cross-team lineage coverage above 90%);
this module computes them, and four more, from the catalog. Pure: no I/O, no
printing; the reporters format the :class:`CoverageReport`.

Six measures, each counted over its own unit and named as in
``coverage.thresholds`` of govern.yaml:

- ``contracts``: pipeline sources (one per pipeline and source) that resolve to
  a contract; the others are shadow flows. Contracts without a consumer are
  listed beside it.
- ``ownership``: contracts, metrics and pipelines with exactly one primary
  owner that is a team.
- ``backup``: pipelines with a secondary owner and an on-call rotation.
- ``metrics``: metrics with a description, a formula that parses, sources and
  approvers.
- ``fields``: contract fields with a description.
- ``lineage``: metrics whose sources are contracts and whose formula reads only
  fields of them.

With a dbt project (docs/dbt.md), two more:

- ``dbt_models``: dbt sources and models that a contract promises (its id, or
  its ``dataset``, names the relation);
- ``dbt_metrics``: dbt metrics whose owner (``config.meta.owner``, the
  group's owner, or the semantic model's) or group is a team.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from govern import sql
from govern.catalog import Catalog
from govern.config import CoverageMeasure
from govern.model.contract import Field_

NO_OWNER = "(no owner)"

# The order of the report, with a title and the unit each measure counts.
MEASURES: tuple[tuple[CoverageMeasure, str, str], ...] = (
    ("contracts", "Contract coverage", "pipeline sources with a contract"),
    ("ownership", "Ownership", "assets with one valid primary owner"),
    ("backup", "Backup ownership", "pipelines with a secondary owner and on-call"),
    ("metrics", "Metric approval", "metrics described, parsed, sourced and approved"),
    ("fields", "Field documentation", "fields with a description"),
    ("lineage", "Lineage", "metrics whose sources and columns resolve"),
)


# Read only when a dbt project is (`dbt:` in govern.yaml or --dbt-project).
DBT_MEASURES: tuple[tuple[CoverageMeasure, str, str], ...] = (
    ("dbt_models", "dbt contract coverage", "dbt sources and models with a contract"),
    ("dbt_metrics", "dbt metric ownership", "dbt metrics with an owner that is a team"),
)


def percent(covered: int, total: int) -> float | None:
    """``covered`` of ``total`` in percent, rounded *down* to one decimal, so
    that 100.0 means everything and a share just under a threshold never shows
    as the threshold itself. None when there is nothing to measure."""
    if total <= 0:
        return None
    return (covered * 1000 // total) / 10


@dataclass(frozen=True)
class Gap:
    """One thing a measure counts that is not covered, and why."""

    name: str  # a source, an asset id, a field path
    kind: str  # "source", "contract", "metric", "pipeline" or "field"
    team: str  # the owning team it is counted under
    path: str  # the file that defines it (the pipeline's, for a source)
    reasons: tuple[str, ...]
    parent: str | None = None  # the pipeline reading a source; the contract of a field

    @property
    def parent_kind(self) -> str | None:
        if self.parent is None:
            return None
        return "pipeline" if self.kind == "source" else "contract"


@dataclass(frozen=True)
class TeamShare:
    team: str
    covered: int
    total: int

    @property
    def percent(self) -> float | None:
        return percent(self.covered, self.total)


@dataclass(frozen=True)
class Measure:
    name: CoverageMeasure
    title: str
    unit: str
    covered: int
    total: int
    threshold: float | None
    by_team: tuple[TeamShare, ...]
    missing: tuple[Gap, ...]
    # Contract coverage only: contracts nobody declared as a consumer of.
    unconsumed: tuple[Gap, ...] = ()

    @property
    def percent(self) -> float | None:
        return percent(self.covered, self.total)

    @property
    def empty(self) -> bool:
        """Nothing to measure: the share is undefined and passes any threshold."""
        return self.total == 0

    @property
    def ok(self) -> bool:
        if self.threshold is None or self.total == 0:
            return True
        # Exact: the displayed percentage is rounded down, the comparison is not.
        return Decimal(self.covered * 100) >= Decimal(repr(self.threshold)) * self.total


@dataclass(frozen=True)
class CoverageReport:
    measures: tuple[Measure, ...]

    @property
    def failing(self) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if not m.ok)

    @property
    def ok(self) -> bool:
        return not self.failing

    @property
    def thresholds_set(self) -> bool:
        return any(m.threshold is not None for m in self.measures)

    @property
    def teams(self) -> tuple[str, ...]:
        """Every owning team that appears in some measure, in report order."""
        return _team_order({s.team for m in self.measures for s in m.by_team})

    def measure(self, name: str) -> Measure:
        return next(m for m in self.measures if m.name == name)


@dataclass(frozen=True)
class _Counted:
    """One unit of a measure: its team, and the gap when it is not covered."""

    team: str
    gap: Gap | None


def build(catalog: Catalog, thresholds: Mapping[str, float] | None = None) -> CoverageReport:
    """The coverage of ``catalog``; ``thresholds`` maps measure names to the
    least percentage each must reach (a measure without one always passes)."""
    thresholds = thresholds or {}
    counters = {
        "contracts": _contracts,
        "ownership": _ownership,
        "backup": _backup,
        "metrics": _metrics,
        "fields": _fields,
        "lineage": _lineage,
        "dbt_models": _dbt_models,
        "dbt_metrics": _dbt_metrics,
    }
    measures = []
    for name, title, unit in (*MEASURES, *(DBT_MEASURES if catalog.dbt is not None else ())):
        units = list(counters[name](catalog))
        unconsumed = tuple(_unconsumed(catalog)) if name == "contracts" else ()
        measures.append(_measure(name, title, unit, units, thresholds.get(name), unconsumed))
    return CoverageReport(tuple(measures))


def _measure(
    name: CoverageMeasure,
    title: str,
    unit: str,
    units: list[_Counted],
    threshold: float | None,
    unconsumed: tuple[Gap, ...],
) -> Measure:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for u in units:
        totals[u.team][1] += 1
        if u.gap is None:
            totals[u.team][0] += 1
    by_team = tuple(TeamShare(t, *totals[t]) for t in _team_order(totals))
    gaps = sorted(
        (u.gap for u in units if u.gap is not None),
        key=lambda g: (g.team == NO_OWNER, g.team, g.parent or "", g.name),
    )
    covered = sum(1 for u in units if u.gap is None)
    return Measure(
        name, title, unit, covered, len(units), threshold, by_team, tuple(gaps), unconsumed
    )


def _team_order(teams: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(teams, key=lambda t: (t == NO_OWNER, t)))


def _team(name: str | None) -> str:
    return name if name else NO_OWNER


# --- contract coverage --------------------------------------------------------------------


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


def _contracts(catalog: Catalog) -> Iterator[_Counted]:
    for pid, entries in catalog.pipelines.items():
        entry = entries[0]  # a second definition is a lint error, not a second pipeline
        team = _team(entry.value.primary)
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
            yield _Counted(team, gap)


def _unconsumed(catalog: Catalog) -> Iterator[Gap]:
    for cid, docs in catalog.contracts.items():
        c = docs[0].model
        if c is None or c.consumers or c.status == "retired":
            continue
        yield Gap(
            cid,
            "contract",
            _team(c.owner),
            docs[0].path,
            ("no consumer: nobody to tell about a breaking change",),
        )


# --- ownership ----------------------------------------------------------------------------


def _owner_gap(catalog: Catalog, owners: list[str | None], role: str) -> tuple[str, ...]:
    """Why the definitions of one asset do not name exactly one valid owner."""
    named = sorted({o for o in owners if o})
    if len(named) > 1:
        listed = ", ".join(f"`{o}`" for o in named)
        return (f"different {role} owners in different files: {listed}",)
    if not named:
        return (f"no {role} owner" if role == "primary" else "no owner",)
    if not catalog.has_team(named[0]):
        return (f"owner `{named[0]}` is not a team",)
    return ()


def _ownership(catalog: Catalog) -> Iterator[_Counted]:
    for cid, cdocs in catalog.contracts.items():
        owners = [d.model.owner if d.model else None for d in cdocs]
        yield _asset(catalog, cid, "contract", owners, cdocs[0].path, "owner")
    for mid, mdocs in catalog.metrics.items():
        owners = [d.model.owner if d.model else None for d in mdocs]
        yield _asset(catalog, mid, "metric", owners, mdocs[0].path, "owner")
    for pid, entries in catalog.pipelines.items():
        owners = [e.value.primary for e in entries]
        yield _asset(catalog, pid, "pipeline", owners, entries[0].doc.path, "primary")


def _asset(
    catalog: Catalog, ident: str, kind: str, owners: list[str | None], path: str, role: str
) -> _Counted:
    team = _team(next((o for o in owners if o), None))
    reasons = _owner_gap(catalog, owners, role)
    return _Counted(team, Gap(ident, kind, team, path, reasons) if reasons else None)


def _backup(catalog: Catalog) -> Iterator[_Counted]:
    for pid, entries in catalog.pipelines.items():
        p = entries[0].value
        team = _team(p.primary)
        reasons: list[str] = []
        if not p.secondary:
            reasons.append("no secondary owner")
        elif p.secondary == p.primary:
            reasons.append(f"secondary owner `{p.secondary}` is also the primary")
        elif not catalog.has_team(p.secondary):
            reasons.append(f"secondary owner `{p.secondary}` is not a team")
        reasons += _oncall_gap(catalog, p.oncall, p.primary)
        gap = Gap(pid, "pipeline", team, entries[0].doc.path, tuple(reasons)) if reasons else None
        yield _Counted(team, gap)


def _oncall_gap(catalog: Catalog, oncall: str | None, primary: str | None) -> list[str]:
    """A pipeline has an on-call rotation when its ``oncall`` team (else its
    primary team) defines ``oncall:`` with at least one member."""
    name = oncall or primary
    if not name:
        return ["no on-call team (no `oncall` and no primary owner)"]
    teams = catalog.teams.get(name)
    if not teams:
        return [f"on-call team `{name}` is not a team"]
    rotation = teams[0].value.oncall
    if rotation is None or not rotation.members:
        which = "on-call" if oncall else "primary"
        return [f"{which} team `{name}` has no on-call rotation"]
    return []


# --- metrics ------------------------------------------------------------------------------


def _parse_error(formula: str | None, dialect: str | None) -> str | None:
    """Why a formula cannot be read, or None when it parses in its dialect."""
    if not (formula or "").strip():
        return "no formula"
    if dialect and not sql.known_dialect(dialect):
        return f"formula in unknown dialect `{dialect}`"
    assert formula is not None
    error = sql.analyze(formula, dialect).error
    return f"formula does not parse: {error}" if error else None


def _metrics(catalog: Catalog) -> Iterator[_Counted]:
    for mid, docs in catalog.metrics.items():
        m = docs[0].model
        assert m is not None
        team = _team(m.owner)
        reasons: list[str] = []
        if not (m.description or "").strip():
            reasons.append("no description")
        error = _parse_error(m.formula, m.dialect)
        if error:
            reasons.append(error)
        if not m.sources:
            reasons.append("no sources")
        if not m.approved_by:
            reasons.append("not approved (no `approved_by`)")
        else:
            unknown = [t for t in m.approved_by if not catalog.has_team(t)]
            if unknown:
                listed = ", ".join(f"`{t}`" for t in unknown)
                reasons.append(f"approver {listed} is not a team")
        gap = Gap(mid, "metric", team, docs[0].path, tuple(reasons)) if reasons else None
        yield _Counted(team, gap)


def _lineage(catalog: Catalog) -> Iterator[_Counted]:
    for mid, docs in catalog.metrics.items():
        m = docs[0].model
        assert m is not None
        team = _team(m.owner)
        reasons: list[str] = []
        known: set[str] = set()
        if not m.sources:
            reasons.append("no sources")
        for source in m.sources:
            names = catalog.contract_field_names(source)
            if names is not None:
                known |= {n.casefold() for n in names}
            elif source in catalog.broken_ids:
                reasons.append(f"source `{source}` cannot be read (run `govern lint`)")
            else:
                reasons.append(f"source `{source}` is not a contract")
        error = _parse_error(m.formula, m.dialect)
        if error:
            reasons.append(error)
        elif not reasons:
            assert m.formula is not None
            # Unquoted SQL identifiers are case-insensitive (as in GOV105).
            unresolved = [
                c.dotted
                for c in sql.analyze(m.formula, m.dialect).columns
                if c.name.casefold() not in known and c.dotted.casefold() not in known
            ]
            if unresolved:
                listed = ", ".join(f"`{c}`" for c in unresolved)
                of = ", ".join(m.sources)
                reasons.append(f"formula reads {listed}, not a field of {of}")
        gap = Gap(mid, "metric", team, docs[0].path, tuple(reasons)) if reasons else None
        yield _Counted(team, gap)


# --- fields -------------------------------------------------------------------------------


def _described(f: Field_) -> bool:
    return bool((f.description or "").strip())


def _fields(catalog: Catalog) -> Iterator[_Counted]:
    for cid, docs in catalog.contracts.items():
        c = docs[0].model
        assert c is not None
        team = _team(c.owner)
        for name_path, f in _walk(c.schema_, ()):
            gap = None
            if not _described(f):
                gap = Gap(
                    ".".join(name_path), "field", team, docs[0].path, ("no description",), cid
                )
            yield _Counted(team, gap)


def _walk(
    fields: dict[str, Field_], prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], Field_]]:
    """Every field a person named, nested ones included; an array's ``items:``
    is described by its array (as in GOV220) and is not counted itself, but
    the fields of an array of objects are."""
    for name, f in fields.items():
        path = (*prefix, name)
        yield path, f
        yield from _walk(f.fields or {}, path)
        item = f.items
        while item is not None:
            yield from _walk(item.fields or {}, (*path, "items"))
            item = item.items


# --- dbt ----------------------------------------------------------------------------------


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


def _dbt_models(catalog: Catalog) -> Iterator[_Counted]:
    assert catalog.dbt is not None
    exact, last = catalog.derived("coverage.dbt_names", _contracted_names)
    for r in catalog.dbt.relations:
        team = _team(r.owner)
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
        yield _Counted(team, gap)


def _dbt_metrics(catalog: Catalog) -> Iterator[_Counted]:
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
        team = _team(team_name or m.owner)
        gap = Gap(m.name, "dbt-metric", team, m.document.path, reasons) if reasons else None
        yield _Counted(team, gap)
