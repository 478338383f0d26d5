"""``govern coverage`` as text: the measures, then by owning team, then (with
``--details``) what is missing, team by team. The wording is shared with the
markdown report (``reporters/coverage.py``); every name from a file is escaped
and placed in a ``Text``, never read as markup."""

from __future__ import annotations

from govern.reporters.coverage import (
    failure_message,
    gap_label,
    headline,
    percent,
    status,
    threshold,
)
from govern.reporters.escape import control
from govern.reporters.text import Console, Text, console, table
from govern.reports.coverage import CoverageReport, Gap, Measure


def text(report: CoverageReport, *, details: bool, color: bool) -> None:
    con = console(color=color)
    if not con.is_terminal:
        # A log or a pipe does not wrap: the tables keep their natural width
        # (Rich would otherwise fold long team names at 80 columns).
        con.width = max(con.width, 200)
    con.print(Text("Governance coverage", style="bold"))
    measures = table(rule_under_header=True)
    measures.add_column("measure")
    measures.add_column("covered", justify="right")
    measures.add_column("percent", justify="right")
    measures.add_column("threshold", justify="right")
    measures.add_column("status")
    for m in report.measures:
        measures.add_row(
            Text(m.title),
            Text(f"{m.covered}/{m.total}"),
            Text(percent(m.percent), style=_percent_style(m)),
            Text(threshold(m), style="dim" if m.threshold is None else ""),
            _status_text(m),
        )
    con.print(measures)
    con.print()

    teams = report.teams
    if teams:
        con.print(Text("By owning team", style="bold"))
        by_team = table(rule_under_header=True)
        by_team.add_column("team", overflow="fold")
        for m in report.measures:
            by_team.add_column(m.name, justify="right")
        shares = {(m.name, s.team): s for m in report.measures for s in m.by_team}
        for team in teams:
            cells: list[Text] = [Text(control(team), style="bold")]
            for m in report.measures:
                s = shares.get((m.name, team))
                if s is None:
                    cells.append(Text("—", style="dim"))
                else:
                    style = (
                        "green" if s.covered == s.total else "red" if not s.covered else "yellow"
                    )
                    cells.append(Text(f"{s.covered}/{s.total}", style=style))
            by_team.add_row(*cells)
        con.print(by_team)
        con.print()

    gaps = sum(len(m.missing) + len(m.unconsumed) for m in report.measures)
    if details:
        for m in report.measures:
            _gaps(con, headline(m), m.missing)
            if m.unconsumed:
                n = len(m.unconsumed)
                _gaps(con, f"Contracts with no consumer: {n}", m.unconsumed)
    elif gaps:
        items = f"{gaps} missing item{'s' if gaps != 1 else ''}"
        con.print(Text(f"{items}: --details lists them.", style="dim"))
        con.print()

    if report.failing:
        con.print(Text.assemble(("✗ ", "bold red"), failure_message(report).capitalize() + "."))
    elif all(m.empty for m in report.measures):
        con.print(Text("Nothing to measure: no contracts, metrics or pipelines.", style="dim"))
    elif report.thresholds_set:
        con.print(Text.assemble(("✓ ", "bold green"), "Every measure meets its threshold."))
    else:
        con.print(
            Text(
                "No thresholds set: add `coverage: {thresholds: ...}` to govern.yaml "
                "or pass --fail-under.",
                style="dim",
            )
        )


def _percent_style(m: Measure) -> str:
    if m.empty:
        return "dim"
    if not m.ok:
        return "bold red"
    return "green" if m.covered == m.total else ""


def _status_text(m: Measure) -> Text:
    state = status(m)
    style = {"ok": "green", "below threshold": "bold red"}.get(state, "dim")
    mark = {"ok": "✓ ", "below threshold": "✗ "}.get(state, "")
    return Text(mark + state, style=style)


def _gaps(con: Console, title: str, gaps: tuple[Gap, ...]) -> None:
    if not gaps:
        return
    con.print(Text(control(title), style="bold"))
    team = None
    for g in gaps:
        if g.team != team:
            team = g.team
            con.print(Text("  " + control(team), style="bold cyan"))
        line = Text("    ")
        line.append(control(gap_label(g)))
        line.append(": " + control("; ".join(g.reasons)), style="dim")
        con.print(line)
    con.print()
