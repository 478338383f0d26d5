"""``govern owners`` as JSON, for chat bots, and as markdown, for an incident
channel or a pull request (the text for people is ``reporters/text/owners.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from govern.reporters.escape import dumps, md_code, md_text
from govern.reports.oncall import OnCall
from govern.reports.owners import (
    Contact,
    Level,
    NotFound,
    OwnersReport,
    Related,
    Rota,
    TeamInfo,
)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _team(t: TeamInfo | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "id": t.id,
        "known": t.known,
        "name": t.name,
        "slack": t.slack,
        "email": t.email,
        "github": t.github,
        "manager": t.manager,
    }


def _oncall(o: OnCall | None) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "status": o.status,
        "person": o.person,
        "scheduled": o.scheduled,
        "period": o.period,
        "start": _iso(o.start),
        "end": _iso(o.end),
        "at": _iso(o.at),
        "reason": o.reason,
    }


def _rota(r: Rota | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "team": r.team,
        "rotation": r.rotation,
        "handoff": r.handoff,
        "now": _oncall(r.now),
        "next": _oncall(r.next),
    }


def _contact(c: Contact) -> dict[str, Any]:
    return {
        "name": c.name,
        "kind": c.kind,
        "person": c.person,
        "team": _team(c.team),
        "detail": c.detail,
    }


def _level(x: Level) -> dict[str, Any]:
    return {
        "severity": x.severity,
        "respond_within": x.respond_within,
        "respond_within_seconds": x.respond_seconds,
        "channel": x.channel,
        "then": [_contact(c) for c in x.then],
    }


def _related(r: Related | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "kind": r.kind,
        "id": r.id,
        "relation": r.relation,
        "known": r.known,
        "owner": _team(r.owner),
        "oncall": _rota(r.oncall),
    }


def to_json(report: OwnersReport) -> str:
    payload = {
        "asset": {
            "kind": report.kind,
            "id": report.id,
            "path": report.path,
            "line": report.line,
            "description": report.description,
        },
        "now": _iso(report.now),
        "primary": _team(report.primary),
        "secondary": _team(report.secondary),
        "oncall": _rota(report.oncall),
        "consumers": [{"team": _team(c.team), "use": c.use} for c in report.consumers],
        "approvers": [_team(t) for t in report.approvers],
        "escalation": [_level(x) for x in report.escalation],
        "team_escalation": [_contact(c) for c in report.team_escalation],
        "pipelines": [_related(r) for r in report.pipelines],
        "sources": [_related(r) for r in report.sources],
        "contract": _related(report.contract),
        "notes": report.notes,
    }
    return dumps(payload)


def not_found_json(nf: NotFound) -> str:
    payload = {
        "error": {
            "reason": nf.reason,
            "query": nf.query,
            "message": nf.message,
            "candidates": [{"kind": c.kind, "id": c.id} for c in nf.candidates],
        }
    }
    return dumps(payload)


def _who(t: TeamInfo | None) -> str:
    if t is None:
        return "none"
    parts = [md_code(t.id)]
    if t.slack:
        parts.append(md_text(t.slack))
    if t.email:
        parts.append(md_text(t.email))
    return " · ".join(parts) if t.known else f"{md_code(t.id)} (not a team in ownership/)"


def _shift(o: OnCall | None) -> str:
    if o is None or o.person is None:
        return md_text(o.reason) if o is not None and o.reason else "nobody"
    until = f" until {_iso(o.end)}" if o.end else ""
    return f"{md_code(o.person)}{until}"


def markdown(report: OwnersReport) -> str:
    """Who owns the asset and whom to call, as a reviewer or a responder reads it."""
    lines = [
        f"## Owners of {report.kind} {md_code(report.id)}",
        "",
        f"As of {_iso(report.now)}.",
        "",
        "| role | who |",
        "| --- | --- |",
        f"| primary owner | {_who(report.primary)} |",
        f"| secondary owner | {_who(report.secondary)} |",
    ]
    if report.oncall is not None:
        lines.append(f"| on call now | {_shift(report.oncall.now)} |")
        lines.append(f"| on call next | {_shift(report.oncall.next)} |")
    for c in report.consumers:
        lines.append(f"| consumer | {_who(c.team)} |")
    for t in report.approvers:
        lines.append(f"| approver | {_who(t)} |")
    if report.escalation:
        lines += ["", "| severity | respond within | channel | then |", "| --- | --- | --- | --- |"]
        for x in report.escalation:
            then = ", ".join(md_code(c.name) for c in x.then) or "-"
            channel = md_text(x.channel) if x.channel else "-"
            within = md_text(x.respond_within or "-")
            lines.append(f"| {md_text(x.severity)} | {within} | {channel} | {then} |")
    return "\n".join(lines) + "\n"
