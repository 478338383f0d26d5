"""``govern conflicts`` as text: each conflict with its members side by side
(one column per member: id, owner, file and line, then what each says), then
what differs, then the summary line markdown shares (``reporters/conflicts.py``).
Every string from a file is escaped and placed in a ``Text``, never markup."""

from __future__ import annotations

from govern.reporters.conflicts import rows, summary
from govern.reporters.escape import control
from govern.reporters.text import Text, cell_len, console
from govern.reports.conflicts import Conflict, ConflictReport

_MARK = {"error": ("✗ ", "bold red"), "warning": ("! ", "bold yellow")}


def text(report: ConflictReport, *, color: bool) -> None:
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
        con.print(Text.assemble(("✓ ", "bold green"), summary(report)))
        return
    con.print(Text.assemble(_MARK["error" if report.errors else "warning"], summary(report)))


def _side_by_side(conflict: Conflict) -> list[Text]:
    """One column per member, aligned: a header of ids, then a row per label.
    Lines are never wrapped here (a terminal folds them), never padded at the end."""
    header = ("", [control(m.id) for m in conflict.members])
    table = [header, *((label, [control(v) for v in values]) for label, values in rows(conflict))]
    widths = [max(cell_len(label) for label, _ in table)]
    for i in range(len(conflict.members)):
        widths.append(max(cell_len(values[i]) for _, values in table))
    lines = []
    for n, (label, values) in enumerate(table):
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
