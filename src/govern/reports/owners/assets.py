"""The owners report on each kind of asset: pipeline, contract, metric, dataset."""

from __future__ import annotations

from typing import Literal

from govern.model.contract import Contract
from govern.model.metric import Metric
from govern.model.ownership import Dataset, Pipeline, SeverityLevel
from govern.reports.owners.contacts import Resolver, Scope
from govern.reports.owners.find import Candidate
from govern.reports.owners.report import (
    Consumer,
    Contact,
    Kind,
    Level,
    OwnersReport,
    Related,
    Rota,
    TeamInfo,
)
from govern.values import parse_duration

SEVERITIES: tuple[SeverityLevel, ...] = ("low", "medium", "high", "critical")


class Builder(Resolver):
    """Builds the report on one asset."""

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
                    self.chain(step.then, Scope(p.primary, p.secondary, rota, oncall_team)),
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
        return self.chain(model.escalation, Scope(owner, secondary, rota, owner))

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
