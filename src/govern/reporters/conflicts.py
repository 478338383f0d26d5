"""``govern conflicts`` as JSON and markdown, and what the text report
(``reporters/text/conflicts.py``) shares with markdown: the side-by-side rows
and the summary line.

Each conflict shows its members side by side (one column per member: id,
owner, file and line, then what each says: its formula, claim, role or RACI
row), then what differs. Every string that came from a file is escaped:
``escape.md_text`` in markdown.
"""

from __future__ import annotations

from typing import Any

from govern.reporters.escape import dumps, md_text
from govern.reports.conflicts import Conflict, ConflictReport


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def rows(conflict: Conflict) -> list[tuple[str, list[str]]]:
    """The side-by-side rows: a label, then one value per member."""
    members = conflict.members
    rows: list[tuple[str, list[str]]] = [
        ("owner", [m.owner or "(none)" for m in members]),
        ("file", [f"{m.path}:{m.line}" for m in members]),
    ]
    labels = list(dict.fromkeys(label for m in members for label, _ in m.facts))
    for label in labels:
        rows.append((label, [dict(m.facts).get(label, "") for m in members]))
    return rows


def _compared(report: ConflictReport) -> str:
    dbt = "" if report.dbt_metrics is None else f" (+ {report.dbt_metrics} from dbt)"
    return (
        f"{_plural(report.metrics, 'metric')}{dbt}, {_plural(report.contracts, 'contract')}, "
        f"{_plural(report.assets, 'pipeline or dataset', 'pipelines and datasets')}, "
        f"{_plural(report.activities, 'RACI activity', 'RACI activities')}"
    )


def summary(report: ConflictReport) -> str:
    if not report.conflicts:
        return f"No conflicts: {_compared(report)} compared."
    counts = []
    if report.errors:
        counts.append(_plural(report.errors, "conflict"))
    if report.warnings:
        counts.append(_plural(report.warnings, "warning"))
    note = "" if report.errors else " (a duplicate alone does not fail the run)"
    return f"{', '.join(counts)} in {_compared(report)}{note}."


# --- JSON ---------------------------------------------------------------------------------------


def as_dict(report: ConflictReport) -> dict[str, Any]:
    """PRODUCT.md section 2: ``{"conflicts": [{"kind", "name", "members": [{"id", "path",
    "line", "owner"}], "detail"}]}``, plus ``severity``, member ``column`` and facts
    (``formula``, ``dialect``, ``filter``, ``sources``, ``claim``, ``producer``,
    ``role``, ``row``), and a summary."""
    items = []
    for c in report.conflicts:
        members = []
        for m in c.members:
            member: dict[str, Any] = {
                "id": m.id,
                "path": m.path,
                "line": m.line,
                "column": m.column,
                "owner": m.owner,
            }
            for label, value in m.facts:
                member.setdefault(label, value)
            members.append(member)
        items.append(
            {
                "kind": c.kind,
                "name": c.name,
                "severity": c.severity,
                "members": members,
                "detail": c.detail,
            }
        )
    return {
        "conflicts": items,
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "metrics": report.metrics,
            "contracts": report.contracts,
            "assets": report.assets,
            "activities": report.activities,
            **({} if report.dbt_metrics is None else {"dbt_metrics": report.dbt_metrics}),
        },
    }


def json(report: ConflictReport) -> str:
    return dumps(as_dict(report))


# --- markdown -----------------------------------------------------------------------------------


def _md(value: str) -> str:
    """Text from files in markdown (names, formulas, facts): shown as written,
    never markup (``count(*) * 100`` stays as written)."""
    return md_text(value)


def markdown(report: ConflictReport) -> str:
    lines = ["## Conflicts", ""]
    mark = "✓" if not report.conflicts else ("✗" if report.errors else "!")
    lines += [f"{mark} {summary(report)}", ""]
    for c in report.conflicts:
        label = "conflict" if c.severity == "error" else "warning"
        lines += [f"### {c.kind}: {_md(c.name)} ({label})", ""]
        lines.append("| | " + " | ".join(_md(m.id) for m in c.members) + " |")
        lines.append("| --- " * (len(c.members) + 1) + "|")
        for row_label, values in rows(c):
            lines.append(f"| {row_label} | " + " | ".join(_md(v) for v in values) + " |")
        lines += ["", f"→ {_md(c.detail)}", ""]
    return "\n".join(lines).rstrip("\n")
