"""Teams, their on-call, and the names of an escalation chain, resolved
against the catalog for the owners report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from govern.catalog import Catalog
from govern.model.ownership import Team
from govern.reports.oncall import next_on_call, who_is_on_call
from govern.reports.owners.report import Contact, Rota, TeamInfo


@dataclass(frozen=True)
class Scope:
    """What the roles of one escalation chain resolve against."""

    owner: str | None  # owner, primary
    secondary: str | None
    rota: Rota | None  # oncall
    manager_of: str | None  # manager: the team on call for the asset


class Resolver:
    """Names of ownership/ as the report shows them, at the moment ``now``."""

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

    def contact(self, name: str, scope: Scope) -> Contact:
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

    def chain(self, names: Iterable[str], scope: Scope) -> list[Contact]:
        return [self.contact(n, scope) for n in names]
