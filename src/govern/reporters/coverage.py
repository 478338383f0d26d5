"""``govern coverage`` as text (Rich tables), JSON (the normative keys of
PRODUCT.md section 2, plus documented extras) and markdown (a job summary or
a wiki page). Only :func:`text` imports Rich.

Every name that came from a file (team, asset, field, source) is escaped:
control characters in text, ``escape.md_code``/``md_text`` in markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govern.reporters.escape import control, dumps, md_code, md_message, md_text
from govern.reports.coverage import NO_OWNER, CoverageReport, Gap, Measure

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

NOTHING = "nothing to measure"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _threshold(m: Measure) -> str:
    return "—" if m.threshold is None else f"{m.threshold:g}%"


def _status(m: Measure) -> str:
    if m.empty:
        return NOTHING
    if m.threshold is None:
        return "no threshold"
    return "ok" if m.ok else "below threshold"


def _shortfall(m: Measure) -> str:
    return f"{m.name} {_pct(m.percent)} < {_threshold(m)}"


def failure_message(report: CoverageReport) -> str:
    """One line naming every measure below its threshold (stderr, exit 1)."""
    return "coverage below threshold: " + "; ".join(_shortfall(m) for m in report.failing)


def _headline(m: Measure) -> str:
    """``Contract coverage: 1 of 4 pipeline sources without a contract``."""
    return f"{m.title}: {len(m.missing)} of {m.total} {_unit_short(m)} {_lack(m)}"


def _unit_short(m: Measure) -> str:
    return {
        "contracts": "pipeline sources",
        "ownership": "assets",
        "backup": "pipelines",
        "metrics": "metrics",
        "fields": "fields",
        "lineage": "metrics",
        "dbt_models": "dbt sources and models",
        "dbt_metrics": "dbt metrics",
    }[m.name]


def _lack(m: Measure) -> str:
    return {
        "contracts": "without a contract",
        "ownership": "without exactly one valid owner",
        "backup": "without a secondary owner or on-call",
        "metrics": "not fully defined and approved",
        "fields": "without a description",
        "lineage": "not traced to contract fields",
        "dbt_models": "without a contract",
        "dbt_metrics": "without an owner that is a team",
    }[m.name]


def _gap_label(g: Gap) -> str:
    """How a gap is named: ``stripe_api`` (in pipeline ``x``), ``metric y``."""
    if g.parent is not None:
        return f"{g.name} (in {g.parent_kind} {g.parent})"
    return f"{g.kind} {g.name}"


# --- text ---------------------------------------------------------------------------------


def text(report: CoverageReport, *, details: bool, color: bool) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from govern.reporters.text import console

    con = console(color=color)
    if not con.is_terminal:
        # A log or a pipe does not wrap: the tables keep their natural width
        # (Rich would otherwise fold long team names at 80 columns).
        con.width = max(con.width, 200)
    con.print(Text("Governance coverage", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("measure")
    table.add_column("covered", justify="right")
    table.add_column("percent", justify="right")
    table.add_column("threshold", justify="right")
    table.add_column("status")
    for m in report.measures:
        table.add_row(
            Text(m.title),
            Text(f"{m.covered}/{m.total}"),
            Text(_pct(m.percent), style=_pct_style(m)),
            Text(_threshold(m), style="dim" if m.threshold is None else ""),
            _status_text(m),
        )
    con.print(table)
    con.print()

    teams = report.teams
    if teams:
        con.print(Text("By owning team", style="bold"))
        by_team = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
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
            _text_gaps(con, _headline(m), m.missing)
            if m.unconsumed:
                n = len(m.unconsumed)
                _text_gaps(con, f"Contracts with no consumer: {n}", m.unconsumed)
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


def _pct_style(m: Measure) -> str:
    if m.empty:
        return "dim"
    if not m.ok:
        return "bold red"
    return "green" if m.covered == m.total else ""


def _status_text(m: Measure) -> Text:
    from rich.text import Text

    status = _status(m)
    style = {"ok": "green", "below threshold": "bold red"}.get(status, "dim")
    mark = {"ok": "✓ ", "below threshold": "✗ "}.get(status, "")
    return Text(mark + status, style=style)


def _text_gaps(con: Console, headline: str, gaps: tuple[Gap, ...]) -> None:
    from rich.text import Text

    if not gaps:
        return
    con.print(Text(control(headline), style="bold"))
    team = None
    for g in gaps:
        if g.team != team:
            team = g.team
            con.print(Text("  " + control(team), style="bold cyan"))
        line = Text("    ")
        line.append(control(_gap_label(g)))
        line.append(": " + control("; ".join(g.reasons)), style="dim")
        con.print(line)
    con.print()


# --- JSON ---------------------------------------------------------------------------------


def _gap_json(g: Gap) -> dict[str, Any]:
    return {
        "name": g.name,
        "kind": g.kind,
        "parent": g.parent,
        "team": g.team,
        "path": g.path,
        "reasons": list(g.reasons),
    }


def to_json(report: CoverageReport) -> str:
    """``{"coverage": [{"name", "covered", "total", "percent", "threshold", "ok", ...}]}``.

    Extras (docs/coverage.md): ``title``, ``counts``, ``by_team``, ``missing``
    (always, whatever --details says), ``without_consumers`` (contracts only),
    and a top-level ``ok``."""
    items = []
    for m in report.measures:
        item: dict[str, Any] = {
            "name": m.name,
            "covered": m.covered,
            "total": m.total,
            "percent": m.percent,
            "threshold": m.threshold,
            "ok": m.ok,
            "title": m.title,
            "counts": m.unit,
            "by_team": [
                {"team": s.team, "covered": s.covered, "total": s.total, "percent": s.percent}
                for s in m.by_team
            ],
            "missing": [_gap_json(g) for g in m.missing],
        }
        if m.name == "contracts":
            item["without_consumers"] = [_gap_json(g) for g in m.unconsumed]
        items.append(item)
    return dumps({"coverage": items, "ok": report.ok})


# --- markdown -----------------------------------------------------------------------------


def _team_md(team: str) -> str:
    return NO_OWNER if team == NO_OWNER else md_code(team)


def markdown(report: CoverageReport, *, details: bool) -> str:
    mark = {"ok": "✅ ok", "below threshold": "❌ below threshold"}
    lines = [
        "## Governance coverage",
        "",
        "| Measure | Counts | Covered | Total | Percent | Threshold | Status |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in report.measures:
        status = _status(m)
        lines.append(
            f"| {m.title} (`{m.name}`) | {m.unit} | {m.covered} | {m.total} | {_pct(m.percent)} "
            f"| {_threshold(m)} | {mark.get(status, status)} |"
        )
    lines.append("")
    if report.failing:
        # Measure names and numbers only: nothing from a file to escape.
        lines += [f"**{failure_message(report).capitalize()}.**", ""]
    teams = report.teams
    if teams:
        lines += [
            "### By owning team",
            "",
            "| Team | " + " | ".join(m.name for m in report.measures) + " |",
            "| --- |" + " ---: |" * len(report.measures),
        ]
        shares = {(m.name, s.team): s for m in report.measures for s in m.by_team}
        for team in teams:
            cells = []
            for m in report.measures:
                s = shares.get((m.name, team))
                cells.append("—" if s is None else f"{s.covered}/{s.total} ({_pct(s.percent)})")
            lines.append(f"| {_team_md(team)} | " + " | ".join(cells) + " |")
        lines.append("")
    if details:
        sections = [(_headline(m), m.missing) for m in report.measures]
        contracts = report.measure("contracts")
        if contracts.unconsumed:
            heading = f"Contracts with no consumer: {len(contracts.unconsumed)}"
            sections.insert(1, (heading, contracts.unconsumed))
        for heading, gaps in sections:
            if not gaps:
                continue
            lines += [f"### {md_text(heading)}", "", "| Item | Team | What is missing |",
                      "| --- | --- | --- |"]  # fmt: skip
            for g in gaps:
                item = f"{g.kind} {md_code(g.name)}"
                if g.parent is not None:
                    item = f"{md_code(g.name)} in {g.parent_kind} {md_code(g.parent)}"
                reasons = md_message("; ".join(g.reasons))
                lines.append(f"| {item} | {_team_md(g.team)} | {reasons} |")
            lines.append("")
    else:
        gaps_n = sum(len(m.missing) + len(m.unconsumed) for m in report.measures)
        if gaps_n:
            lines += [f"{gaps_n} missing items: `govern coverage --details` lists them.", ""]
    return "\n".join(lines)
