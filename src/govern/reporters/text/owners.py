"""``govern owners`` as text for people: the owners, who is on call now and
next, the escalation chain, related contracts and pipelines (``reporters/owners.py``
is the JSON for chat bots).

Every name, channel and description came from a file: each passes through
:func:`govern.reporters.escape.control` and is placed in a ``Text``, never
markup, before it reaches a terminal.
"""

from __future__ import annotations

import datetime as dt
import sys

from govern.reporters.escape import control
from govern.reporters.text import Console, Text, console
from govern.reports.oncall import OnCall
from govern.reports.owners import Contact, NotFound, OwnersReport, Related, Rota, TeamInfo


def _stamp(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "?"


def _team_text(t: TeamInfo, *, full: bool = True) -> Text:
    line = Text(control(t.id), style="bold")
    if not t.known:
        line.append("  (not a team in ownership/)", style="red")
        return line
    if full and t.name:
        line.append(f"  {control(t.name)}")
    for contact in (t.slack, t.email if full or not t.slack else None):
        if contact:
            line.append(f"  {control(contact)}", style="cyan")
    if full and t.manager:
        line.append("  manager ", style="dim")
        line.append(control(t.manager))
    return line


def _person(o: OnCall) -> Text:
    if o.person is None:
        return Text("nobody", style="bold red")
    return Text(control(o.person), style="bold green" if o.status == "scheduled" else "bold yellow")


def _rota_lines(con: Console, rota: Rota, indent: str) -> None:
    now, nxt = rota.now, rota.next
    if now.status in ("no-rotation", "invalid"):
        line = Text(indent)
        line.append(control(rota.team), style="bold")
        line.append(
            f": {control(now.reason)}", style="dim" if now.status == "no-rotation" else "red"
        )
        con.print(line)
        return
    line = Text(f"{indent}now   ")
    line.append_text(_person(now))
    if now.start is not None:
        line.append(f"  since {_stamp(now.start)}, until {_stamp(now.end)}", style="dim")
    con.print(line)
    con.print(Text(f"{indent}      {control(now.reason)}", style="dim"))
    if nxt is not None:
        line = Text(f"{indent}next  ")
        line.append_text(_person(nxt))
        line.append(f"  from {_stamp(nxt.start or nxt.at)}", style="dim")
        con.print(line)
        if nxt.status != "scheduled":
            con.print(Text(f"{indent}      {control(nxt.reason)}", style="dim"))


def _contact_text(c: Contact) -> Text:
    out = Text()
    if c.kind == "role":
        out.append(f"{control(c.name)}: ", style="dim")
        if c.name == "manager" or c.name == "oncall":
            out.append(control(c.person) if c.person else "nobody", style="bold")
            if c.detail:
                out.append(f" ({control(c.detail)})", style="dim")
            return out
        if c.team is None:
            out.append(control(c.detail), style="red")
            return out
        out.append_text(_team_text(c.team, full=False))
        return out
    if c.kind == "team" and c.team is not None:
        return _team_text(c.team, full=False)
    if c.kind == "person":
        out.append(control(c.name), style="bold")
        if c.team is not None:
            out.append(f" ({control(c.team.id)})", style="dim")
        return out
    out.append(control(c.name), style="bold")
    out.append(f" ({control(c.detail)})", style="red")
    return out


def _joined(contacts: list[Contact]) -> Text:
    out = Text()
    for i, c in enumerate(contacts):
        if i:
            out.append(", ")
        out.append_text(_contact_text(c))
    return out


def _first_responder(report: OwnersReport) -> Text:
    rota = report.oncall
    if rota is not None and rota.now.person is not None:
        return Text.assemble((control(rota.now.person), "bold"), (" (on call)", "dim"))
    if report.primary is not None:
        return Text.assemble((control(report.primary.id), "bold"), (" (owning team)", "dim"))
    return Text("nobody", style="bold red")


def _related_lines(con: Console, items: list[Related], title: str) -> None:
    if not items:
        return
    con.print(Text(title, style="bold"))
    for r in items:
        line = Text("  ")
        line.append(control(r.id), style="bold")
        if not r.known:
            line.append("  (no such contract)", style="red")
        elif r.owner is not None:
            line.append("  owner ", style="dim")
            line.append_text(_team_text(r.owner, full=False))
        if r.oncall is not None:
            line.append("  on call ", style="dim")
            now = r.oncall.now
            if now.status in ("no-rotation", "invalid"):
                line.append("no rotation", style="dim")
            else:
                line.append_text(_person(now))
                if now.status == "covering":
                    line.append(f" (covering for {control(now.scheduled or '?')})", style="dim")
        con.print(line)
    con.print()


def text(report: OwnersReport, *, color: bool) -> None:
    con = console(color=color)
    head = Text(f"{report.kind} ", style="dim")
    head.append(control(report.id), style="bold")
    head.append(f"  {control(report.path)}:{report.line}", style="dim")
    con.print(head)
    if report.description:
        con.print(Text(control(report.description.strip())))
    con.print()

    con.print(Text("Owners", style="bold"))
    roles = (
        ("primary", report.primary), ("secondary", report.secondary)
    ) if report.kind in ("pipeline", "dataset") else (("owner", report.primary),)  # fmt: skip
    for label, team in roles:
        line = Text(f"  {label:<10} ")
        if team is None:
            line.append("none", style="red" if label != "secondary" else "dim")
        else:
            line.append_text(_team_text(team))
        con.print(line)
    for c in report.consumers:
        line = Text(f"  {'consumer':<10} ")
        line.append_text(_team_text(c.team, full=False))
        if c.use:
            line.append(f"  {control(c.use)}", style="dim")
        con.print(line)
    for t in report.approvers:
        line = Text(f"  {'approver':<10} ")
        line.append_text(_team_text(t, full=False))
        con.print(line)
    con.print()

    rota = report.oncall
    title = Text("On call", style="bold")
    if rota is not None and rota.rotation:
        title.append(f"  {control(rota.team)}, {control(rota.rotation)}", style="dim")
        if rota.handoff:
            title.append(f", handoff {control(rota.handoff)}", style="dim")
    con.print(title)
    if rota is None:
        con.print(Text("  no on-call team", style="dim"))
    else:
        _rota_lines(con, rota, "  ")
    con.print()

    if report.escalation or report.team_escalation:
        con.print(Text("Escalation", style="bold"))
        for level in report.escalation:
            line = Text(f"  {control(level.severity):<9} ")
            line.append_text(_first_responder(report))
            line.append(" responds")
            if level.respond_within:
                line.append(f" within {control(level.respond_within)}")
            if level.channel:
                line.append(" in ")
                line.append(control(level.channel), style="cyan")
            con.print(line)
            if level.then:
                after = f"after {control(level.respond_within)}" if level.respond_within else "then"
                line = Text(f"  {'':<9} {after}: ", style="")
                line.append_text(_joined(level.then))
                con.print(line)
        if report.team_escalation and report.primary is not None:
            line = Text(f"  {'then' if report.escalation else 'team':<9} ")
            line.append(f"{control(report.primary.id)} escalates to ", style="dim")
            line.append_text(_joined(report.team_escalation))
            con.print(line)
        con.print()

    if report.contract is not None:
        _related_lines(con, [report.contract], "Contract")
    _related_lines(con, report.sources, "Reads contracts")
    title_pipes = "Written by pipelines" if report.kind == "dataset" else "Read by pipelines"
    _related_lines(con, report.pipelines, title_pipes)
    for note in report.notes:
        con.print(Text.assemble(("note: ", "yellow"), control(note)))
    con.print(Text(f"As of {_stamp(report.now)}.", style="dim"))


def not_found(nf: NotFound, *, color: bool) -> None:
    con = console(color=color, stream=sys.stderr)
    con.print(Text.assemble(("error: ", "bold red"), control(nf.message)))
    if nf.reason == "ambiguous":
        for c in nf.candidates:
            con.print(Text.assemble("  ", (f"{c.kind:<9} ", "dim"), control(c.id)))
