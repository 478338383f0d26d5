"""``govern owners ASSET``: who owns an asset, who is on call, whom to escalate to.

An asset is a contract, a metric, a pipeline or a dataset, named by its id or a
prefix of one id; ``kind:id`` (``pipeline:unit_level_profit``) picks one when
two kinds share an id. The report is plain data; the reporters print it.

- a **pipeline**: its primary and secondary owner teams, the on-call of its
  ``oncall`` team (default: the primary team), its ``severity_escalation`` levels
  with their roles resolved, then the primary team's own ``escalation``;
- a **contract**: its owner team (and that team's on-call), its consumers, and the
  pipelines that read it (``sources``) with their on-call;
- a **metric**: its owner team (and on-call), its approvers, the contracts it
  reads with their owners, and the pipelines that read it;
- a **dataset**: its primary and secondary owners, its contract, and the
  pipelines that write it (``targets``) with their on-call.

Roles in a pipeline's escalation (seed 003: "if unresolved within 2 hours, alert
manager and relevant pipeline owner (e.g., Finance, SWE)"): ``manager`` is the
manager of the team on call for the pipeline (``oncall``, default the primary
team), whose engineer did not resolve it; ``owner`` and ``primary`` the primary
team; ``secondary`` the secondary team; ``oncall`` the person on call now. In a
team's own ``escalation``, ``manager`` is that team's manager.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from govern.catalog import Catalog
from govern.model.contract import Contract
from govern.model.metric import Metric
from govern.model.ownership import Dataset, Pipeline, SeverityLevel, Team
from govern.reports.oncall import OnCall, next_on_call, who_is_on_call
from govern.values import parse_duration

Kind = Literal["contract", "metric", "pipeline", "dataset"]
KINDS: tuple[Kind, ...] = ("contract", "metric", "pipeline", "dataset")
SEVERITIES: tuple[SeverityLevel, ...] = ("low", "medium", "high", "critical")


# --- finding the asset ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    kind: Kind
    id: str


@dataclass(frozen=True)
class NotFound:
    """No asset, or more than one, answers to the name asked."""

    query: str
    reason: Literal["unknown", "ambiguous", "broken"]
    candidates: list[Candidate]  # the prefix matches, or the closest ids
    message: str


def _ids(catalog: Catalog) -> list[Candidate]:
    return [
        *(Candidate("contract", i) for i in catalog.contracts if catalog.contracts[i]),
        *(Candidate("metric", i) for i in catalog.metrics if catalog.metrics[i]),
        *(Candidate("pipeline", i) for i in catalog.pipelines if catalog.pipelines[i]),
        *(Candidate("dataset", i) for i in catalog.datasets if catalog.datasets[i]),
    ]


def find(catalog: Catalog, query: str) -> Candidate | NotFound:
    """The one asset named ``query``: an exact id, else the only id it prefixes."""
    name = query.strip()
    kind, sep, rest = name.partition(":")
    pool = _ids(catalog)
    if sep and kind in KINDS:
        name = rest.strip()
        pool = [c for c in pool if c.kind == kind]
    exact = [c for c in pool if c.id == name]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        kinds = " and ".join(f"a {c.kind}" for c in exact)
        picks = " or ".join(f"`{c.kind}:{c.id}`" for c in exact)
        return NotFound(query, "ambiguous", exact, f"`{name}` is {kinds}: write {picks}")
    prefixed = sorted((c for c in pool if c.id.startswith(name)), key=lambda c: (c.id, c.kind))
    if len(prefixed) == 1 and name:
        return prefixed[0]
    if len(prefixed) > 1 and name:
        return NotFound(
            query,
            "ambiguous",
            prefixed,
            f"`{name}` begins {len(prefixed)} ids: give more of the one you mean",
        )
    if name in catalog.broken_ids:
        return NotFound(
            query,
            "broken",
            [],
            f"`{name}` is defined in a file govern cannot read: `govern lint` says what is wrong",
        )
    ids = sorted({c.id for c in pool})
    close = difflib.get_close_matches(name, ids, n=3, cutoff=0.6)
    if not close:
        folded = name.casefold()
        close = [i for i in ids if folded and folded in i.casefold()][:3]
    matches = [c for i in close for c in pool if c.id == i]
    what = f"{kind} " if sep and kind in KINDS else "contract, metric, pipeline or dataset "
    message = f"no {what}has the id `{name}`"
    if matches:
        names = [f"`{c.id}`" for c in matches]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        message += f"; did you mean {listed}?"
    return NotFound(query, "unknown", matches, message)


# --- the report -------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamInfo:
    """A team as the report shows it; ``known`` is False for a name that is not
    a team in ownership/ (GOV101 reports it)."""

    id: str
    known: bool
    name: str | None = None
    slack: str | None = None
    email: str | None = None
    github: str | None = None
    manager: str | None = None


@dataclass(frozen=True)
class Consumer:
    team: TeamInfo
    use: str | None


@dataclass(frozen=True)
class Rota:
    """The on-call of one team: now and from the next handoff."""

    team: str
    rotation: str | None  # weekly | daily; None without a rotation
    handoff: str | None
    now: OnCall
    next: OnCall | None  # None when the team has no rotation that can be computed


@dataclass(frozen=True)
class Contact:
    """One name of an escalation chain, resolved."""

    name: str  # as written
    kind: Literal["role", "team", "person", "unknown"]
    person: str | None = None  # the person to alert (a role, a person, a team's manager)
    team: TeamInfo | None = None  # the team to alert, or the person's team
    detail: str = ""  # how it was resolved: "manager of data-engineering"


@dataclass(frozen=True)
class Level:
    """One ``severity_escalation`` level: respond within, where, then whom."""

    severity: str
    respond_within: str | None
    respond_seconds: int | None
    channel: str | None
    then: list[Contact]


@dataclass(frozen=True)
class Related:
    """A pipeline that reads or writes the asset, or a contract it reads or is
    governed by."""

    kind: Kind
    id: str
    relation: Literal["reads", "writes", "source", "contract"]
    owner: TeamInfo | None  # a pipeline's primary team, a contract's owner
    oncall: Rota | None = None
    known: bool = True  # False for a contract id that no contract has


@dataclass(frozen=True)
class OwnersReport:
    kind: Kind
    id: str
    path: str
    line: int
    now: dt.datetime
    description: str | None
    primary: TeamInfo | None  # the owner of a contract or metric
    secondary: TeamInfo | None
    oncall: Rota | None
    consumers: list[Consumer] = field(default_factory=list)
    approvers: list[TeamInfo] = field(default_factory=list)
    escalation: list[Level] = field(default_factory=list)
    team_escalation: list[Contact] = field(default_factory=list)  # the owning team's
    pipelines: list[Related] = field(default_factory=list)
    sources: list[Related] = field(default_factory=list)  # a metric's contracts
    contract: Related | None = None  # a dataset's contract
    notes: list[str] = field(default_factory=list)


def owners(catalog: Catalog, found: Candidate, now: dt.datetime) -> OwnersReport:
    """The report on one asset that :func:`find` returned."""
    return _Builder(catalog, now).build(found)


@dataclass(frozen=True)
class _Scope:
    """What the roles of one escalation chain resolve against."""

    owner: str | None  # owner, primary
    secondary: str | None
    rota: Rota | None  # oncall
    manager_of: str | None  # manager: the team on call for the asset


class _Builder:
    def __init__(self, catalog: Catalog, now: dt.datetime) -> None:
        self.cat = catalog
        self.now = now

    # -- teams and on-call --

    def team(self, tid: str | None) -> TeamInfo | None:
        if not tid:
            return None
        entries = self.cat.teams.get(tid)
        if not entries:
            return TeamInfo(tid, known=False)
        t = entries[0].value
        return TeamInfo(tid, True, t.name, t.slack, t.email, t.github, t.manager)

    def team_model(self, tid: str | None) -> Team | None:
        entries = self.cat.teams.get(tid) if tid else None
        return entries[0].value if entries else None

    def rota(self, tid: str | None) -> Rota | None:
        """The on-call of team ``tid``; None for an unknown team."""
        model = self.team_model(tid)
        if model is None or tid is None:
            return None
        current = who_is_on_call(model, self.now)
        oc = model.oncall
        nxt = (
            next_on_call(model, self.now)
            if current.status not in ("no-rotation", "invalid")
            else None
        )
        return Rota(tid, oc.rotation if oc else None, oc.handoff if oc else None, current, nxt)

    # -- escalation --

    def contact(self, name: str, scope: _Scope) -> Contact:
        owner, secondary, rota = scope.owner, scope.secondary, scope.rota
        if name == "manager":
            tid = scope.manager_of
            team = self.team(tid)
            manager = team.manager if team else None
            detail = f"manager of {tid}" if tid else "no owning team"
            if tid and tid != owner:
                detail += ", the on-call team"
            if team and not team.known:
                detail = f"{tid} is not a team in ownership/"
            elif team and not manager:
                detail = f"{tid} names no manager"
            return Contact(name, "role", manager, team, detail)
        if name in ("owner", "primary", "secondary"):
            tid = secondary if name == "secondary" else owner
            what = "secondary owner" if name == "secondary" else "owning team"
            return Contact(name, "role", None, self.team(tid), what if tid else f"no {what}")
        if name == "oncall":
            if rota is None:
                return Contact(name, "role", None, None, "no on-call rotation")
            return Contact(
                name, "role", rota.now.person, self.team(rota.team), f"on call for {rota.team}"
            )
        if name in self.cat.teams:
            return Contact(name, "team", None, self.team(name), "")
        if self.cat.is_person(name):
            home = self.home_team(name)
            return Contact(name, "person", name, self.team(home), f"of {home}" if home else "")
        return Contact(name, "unknown", None, None, "not a team or a person in ownership/")

    def home_team(self, person: str) -> str | None:
        """The team whose members (else whose manager) include ``person``."""
        teams = list(self.cat.team_entries())
        for entry in teams:
            if person in entry.value.members or (
                entry.value.oncall and person in entry.value.oncall.members
            ):
                return entry.id
        return next((e.id for e in teams if e.value.manager == person), None)

    def chain(self, names: Iterable[str], scope: _Scope) -> list[Contact]:
        return [self.contact(n, scope) for n in names]

    # -- assets --

    def build(self, found: Candidate) -> OwnersReport:
        if found.kind == "pipeline":
            return self.pipeline(found.id)
        if found.kind == "contract":
            return self.contract(found.id)
        if found.kind == "metric":
            return self.metric(found.id)
        return self.dataset(found.id)

    def duplicates(self, kind: Kind, count: int) -> list[str]:
        if count < 2:
            return []
        return [f"this {kind} is defined in {count} files (GOV109); the first is shown"]

    def pipeline(self, pid: str) -> OwnersReport:
        entries = self.cat.pipelines[pid]
        entry = entries[0]
        p: Pipeline = entry.value
        where = entry.key_at()
        oncall_team = p.oncall or p.primary
        rota = self.rota(oncall_team)
        notes = self.duplicates("pipeline", len(entries))
        if oncall_team and rota is None:
            notes.append(f"on-call team `{oncall_team}` is not a team in ownership/")
        levels = []
        for severity in SEVERITIES:
            step = p.severity_escalation.get(severity)
            if step is None:
                continue
            within = parse_duration(step.respond_within) if step.respond_within else None
            levels.append(
                Level(
                    severity,
                    step.respond_within,
                    int(within.total_seconds()) if within else None,
                    step.channel,
                    self.chain(step.then, _Scope(p.primary, p.secondary, rota, oncall_team)),
                )
            )
        return OwnersReport(
            "pipeline",
            pid,
            where.path,
            where.line,
            self.now,
            p.description,
            self.team(p.primary),
            self.team(p.secondary),
            rota,
            escalation=levels,
            team_escalation=self.team_chain(p.primary, p.secondary, rota),
            notes=notes,
        )

    def team_chain(
        self, owner: str | None, secondary: str | None, rota: Rota | None
    ) -> list[Contact]:
        """The owning team's own ``escalation``; its roles resolve against that
        team (``manager`` is its manager)."""
        model = self.team_model(owner)
        if model is None:
            return []
        return self.chain(model.escalation, _Scope(owner, secondary, rota, owner))

    def related_pipelines(
        self, asset_id: str, relation: Literal["reads", "writes"]
    ) -> list[Related]:
        """Pipelines whose ``sources`` (reads) or ``targets`` (writes) name
        ``asset_id``, with their on-call."""
        out = []
        for pid in sorted(self.cat.pipelines):
            entries = self.cat.pipelines[pid]
            if not entries:
                continue
            p = entries[0].value
            if asset_id in (p.sources if relation == "reads" else p.targets):
                rota = self.rota(p.oncall or p.primary)
                out.append(Related("pipeline", pid, relation, self.team(p.primary), rota))
        return out

    def contract_link(self, cid: str, relation: Literal["source", "contract"]) -> Related:
        model = self.cat.contract(cid)
        if model is None:
            return Related("contract", cid, relation, None, known=self.cat.has_contract(cid))
        return Related("contract", cid, relation, self.team(model.owner), self.rota(model.owner))

    def contract(self, cid: str) -> OwnersReport:
        docs = self.cat.contracts[cid]
        doc = docs[0]
        c = doc.model
        assert isinstance(c, Contract)
        where = doc.at("contract")
        rota = self.rota(c.owner)
        consumers = [
            Consumer(self.team(x.team) or TeamInfo(x.team, False), x.use) for x in c.consumers
        ]
        return OwnersReport(
            "contract",
            cid,
            where.path,
            where.line,
            self.now,
            c.description,
            self.team(c.owner),
            None,
            rota,
            consumers=consumers,
            team_escalation=self.team_chain(c.owner, None, rota),
            pipelines=self.related_pipelines(cid, "reads"),
            notes=self.duplicates("contract", len(docs)),
        )

    def metric(self, mid: str) -> OwnersReport:
        docs = self.cat.metrics[mid]
        doc = docs[0]
        m = doc.model
        assert isinstance(m, Metric)
        where = doc.at("metric")
        rota = self.rota(m.owner)
        approvers = [t for t in (self.team(a) for a in m.approved_by) if t is not None]
        sources = [self.contract_link(source, "source") for source in m.sources]
        return OwnersReport(
            "metric",
            mid,
            where.path,
            where.line,
            self.now,
            m.description,
            self.team(m.owner),
            None,
            rota,
            approvers=approvers,
            team_escalation=self.team_chain(m.owner, None, rota),
            pipelines=self.related_pipelines(mid, "reads"),
            sources=sources,
            notes=self.duplicates("metric", len(docs)),
        )

    def dataset(self, did: str) -> OwnersReport:
        entries = self.cat.datasets[did]
        entry = entries[0]
        d: Dataset = entry.value
        where = entry.key_at()
        rota = self.rota(d.primary)
        writers = self.related_pipelines(did, "writes")
        contract = self.contract_link(d.contract, "contract") if d.contract else None
        return OwnersReport(
            "dataset",
            did,
            where.path,
            where.line,
            self.now,
            d.description,
            self.team(d.primary),
            self.team(d.secondary),
            rota,
            team_escalation=self.team_chain(d.primary, d.secondary, rota),
            pipelines=writers,
            contract=contract,
            notes=self.duplicates("dataset", len(entries)),
        )
