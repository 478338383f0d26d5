"""``govern coverage`` as JSON (the normative keys of PRODUCT.md section 2,
plus documented extras) and markdown (a job summary or a wiki page), and the
wording both share with the text report (``reporters/text/coverage.py``).

Every name that came from a file (team, asset, field, source) is escaped:
control characters in text, ``escape.md_code``/``md_text`` in markdown."""

from __future__ import annotations

from typing import Any

from govern.reporters.escape import dumps, md_code, md_message, md_text
from govern.reports.coverage import NO_OWNER, CoverageReport, Gap, Measure

NOTHING = "nothing to measure"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def threshold(m: Measure) -> str:
    return "—" if m.threshold is None else f"{m.threshold:g}%"


def status(m: Measure) -> str:
    if m.empty:
        return NOTHING
    if m.threshold is None:
        return "no threshold"
    return "ok" if m.ok else "below threshold"


def _shortfall(m: Measure) -> str:
    return f"{m.name} {percent(m.percent)} < {threshold(m)}"


def failure_message(report: CoverageReport) -> str:
    """One line naming every measure below its threshold (stderr, exit 1)."""
    return "coverage below threshold: " + "; ".join(_shortfall(m) for m in report.failing)


def headline(m: Measure) -> str:
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


def gap_label(g: Gap) -> str:
    """How a gap is named: ``stripe_api`` (in pipeline ``x``), ``metric y``."""
    if g.parent is not None:
        return f"{g.name} (in {g.parent_kind} {g.parent})"
    return f"{g.kind} {g.name}"


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
        state = status(m)
        lines.append(
            f"| {m.title} (`{m.name}`) | {m.unit} | {m.covered} | {m.total} | {percent(m.percent)} "
            f"| {threshold(m)} | {mark.get(state, state)} |"
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
                cells.append("—" if s is None else f"{s.covered}/{s.total} ({percent(s.percent)})")
            lines.append(f"| {_team_md(team)} | " + " | ".join(cells) + " |")
        lines.append("")
    if details:
        sections = [(headline(m), m.missing) for m in report.measures]
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
