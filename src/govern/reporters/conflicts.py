"""``govern conflicts`` as text, JSON and markdown.

Each conflict shows its members side by side (one column per member: id,
owner, file and line, then what each says: its formula, claim, role or RACI
row), then what differs. Every string that came from a file is escaped: Rich
``Text`` objects (never markup) and :func:`control` in the terminal,
``escape.md_text`` in markdown.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text

from govern.reporters.escape import control, dumps, md_text
from govern.reports.conflicts import Conflict, ConflictReport

_MARK = {"error": ("✗ ", "bold red"), "warning": ("! ", "bold yellow")}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _rows(conflict: Conflict) -> list[tuple[str, list[str]]]:
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


def _summary(report: ConflictReport) -> str:
    if not report.conflicts:
        return f"No conflicts: {_compared(report)} compared."
    counts = []
    if report.errors:
        counts.append(_plural(report.errors, "conflict"))
    if report.warnings:
        counts.append(_plural(report.warnings, "warning"))
    note = "" if report.errors else " (a duplicate alone does not fail the run)"
    return f"{', '.join(counts)} in {_compared(report)}{note}."


# --- text ---------------------------------------------------------------------------------------


def text(report: ConflictReport, *, color: bool) -> None:
    from govern.reporters.text import console

    con = console(color=color)
    for conflict in report.conflicts:
        mark, style = _MARK[conflict.severity]
        head = Text.assemble((mark, style), (conflict.kind, "bold"), "  ")
        head.append(control(conflict.name), style="cyan")
        con.print(head)
        for line in _side_by_side(conflict):
            con.print(line)
        detail = Text("  → ", style="dim")
        detail.append(control(conflict.detail))
        con.print(detail)
        con.print()
    if not report.conflicts:
        con.print(Text.assemble(("✓ ", "bold green"), _summary(report)))
        return
    con.print(Text.assemble(_MARK["error" if report.errors else "warning"], _summary(report)))


def _side_by_side(conflict: Conflict) -> list[Text]:
    """One column per member, aligned: a header of ids, then a row per label.
    Lines are never wrapped here (a terminal folds them), never padded at the end."""
    header = ("", [control(m.id) for m in conflict.members])
    rows = [header, *((label, [control(v) for v in values]) for label, values in _rows(conflict))]
    widths = [max(cell_len(label) for label, _ in rows)]
    for i in range(len(conflict.members)):
        widths.append(max(cell_len(values[i]) for _, values in rows))
    lines = []
    for n, (label, values) in enumerate(rows):
        line = Text("  ")
        line.append(_pad(label, widths[0]), style="dim")
        for i, value in enumerate(values):
            last = i == len(values) - 1
            line.append("   ")
            line.append(
                value if last else _pad(value, widths[i + 1]), style="bold" if n == 0 else ""
            )
        line.rstrip()
        lines.append(line)
    return lines


def _pad(value: str, width: int) -> str:
    return value + " " * (width - cell_len(value))


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
    lines += [f"{mark} {_summary(report)}", ""]
    for c in report.conflicts:
        label = "conflict" if c.severity == "error" else "warning"
        lines += [f"### {c.kind}: {_md(c.name)} ({label})", ""]
        lines.append("| | " + " | ".join(_md(m.id) for m in c.members) + " |")
        lines.append("| --- " * (len(c.members) + 1) + "|")
        for row_label, values in _rows(c):
            lines.append(f"| {row_label} | " + " | ".join(_md(v) for v in values) + " |")
        lines += ["", f"→ {_md(c.detail)}", ""]
    return "\n".join(lines).rstrip("\n")
