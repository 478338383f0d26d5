"""Human output with Rich: findings grouped by file, colour only on a terminal.

This package is the only place that imports Rich, and this module the only one
of it that does: ``lint``, ``changes`` and one-line messages here, the other
commands' text in ``coverage``, ``conflicts``, ``owners`` and ``rules`` beside
it, which take their Rich names from here (``Text``, ``Console``, ``cell_len``,
and ``table``/``markdown``, imported on first use: a lint draws neither).

Every piece of text that came from a file is passed through
:func:`govern.reporters.escape.control` and placed in a ``Text`` object, so
neither terminal escapes nor Rich markup in a contract can take effect.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from govern.findings import Finding, Problem, Severity
from govern.reporters.escape import control

if TYPE_CHECKING:
    from rich.markdown import Markdown
    from rich.table import Table

    from govern.changes.report import Report

__all__ = [
    "Console",
    "Text",
    "cell_len",
    "changes",
    "console",
    "error_line",
    "lint",
    "markdown",
    "problems",
    "table",
]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def console(*, color: bool, stream: TextIO | None = None) -> Console:
    out = stream or sys.stdout
    return Console(
        file=out,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=True,
    )


def table(*, rule_under_header: bool, header_style: str = "table.header") -> Table:
    """A table without edges or outer padding, with a line under its header
    (``coverage``) or no lines at all (``rules``)."""
    from rich import box
    from rich.table import Table

    return Table(
        box=box.SIMPLE_HEAD if rule_under_header else None,
        show_edge=False,
        pad_edge=False,
        header_style=header_style,
    )


def markdown(text: str) -> Markdown:
    """Markdown rendered for a terminal (``govern explain`` on a colour terminal)."""
    from rich.markdown import Markdown

    return Markdown(text)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def lint(findings: list[Finding], *, files: int, documents: int, rules: int, color: bool) -> None:
    con = console(color=color)
    for path, group in groupby(findings, key=lambda f: f.location.path):
        con.print(Text(control(path), style="bold underline"))
        for f in group:
            line = Text("  ")
            line.append(f"{f.location.line}:{f.location.column}".ljust(8), style="dim")
            line.append(f.severity.value.ljust(8), style=_STYLE[f.severity])
            line.append(f"{f.rule} ", style="bold")
            line.append(f"[{f.name}] ", style="dim")
            line.append(control(f.message))
            con.print(line)
        con.print()
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    infos = len(findings) - errors - warnings
    scope = f"{_plural(files, 'file')}, {_plural(documents, 'document')}, {_plural(rules, 'rule')}"
    if not findings:
        con.print(Text.assemble(("✓ ", "bold green"), f"No findings: {scope} checked."))
        return
    counts = ", ".join(
        _plural(n, w) for n, w in ((errors, "error"), (warnings, "warning"), (infos, "info")) if n
    )
    mark = ("✗ ", "bold red") if errors else ("! ", "bold yellow")
    con.print(Text.assemble(mark, f"{counts} in {scope}."))


def error_line(message: str, *, color: bool, label: str = "error") -> None:
    """A one-line message on stderr (usage, config, environment)."""
    con = console(color=color, stream=sys.stderr)
    style = "bold red" if label == "error" else "bold yellow"
    con.print(Text.assemble((f"{label}: ", style), control(message)))


def problems(found: Iterable[Problem], *, color: bool) -> None:
    """Loader problems on stderr in file order, one a line:
    ``path:line:column: error CODE [name] message`` (``govern convert``)."""
    from govern.rules import REGISTRY

    con = console(color=color, stream=sys.stderr)
    for p in sorted(found, key=lambda p: (p.location.line, p.location.column)):
        assert p.code is not None, "the loader names the rule of every problem"
        rule = REGISTRY[p.code]
        loc = p.location
        line = Text(control(f"{loc.path}:{loc.line}:{loc.column}: "))
        line.append(f"{rule.severity.value} ", style="bold red")
        line.append(f"{rule.code} ", style="bold")
        line.append(f"[{rule.name}] ", style="dim")
        line.append(control(p.message))
        con.print(line)


def changes(report: Report, *, color: bool) -> None:
    """Changes grouped by contract, verdict first; refused ones say why and when."""
    con = console(color=color)
    head = Text("Comparing ", style="dim")
    head.append(control(report.base_name), style="bold")
    head.append(f" ({report.base[:7]}, the merge base) with ", style="dim")
    head.append(control(report.head_name), style="bold")
    con.print(head)
    con.print()
    # Refused changes first: the contracts that hold any, then the others; and
    # in each contract, refused, allowed breaking, then the rest.
    refusing = {(a.change.subject, a.change.id) for a in report.changes if not a.allowed}
    order = sorted(
        report.changes,
        key=lambda a: (
            (a.change.subject, a.change.id) not in refusing,
            a.change.subject,
            a.change.id,
        ),
    )
    for (subject, ident), group in groupby(order, key=lambda a: (a.change.subject, a.change.id)):
        items = sorted(group, key=lambda a: (a.allowed, a.verdict != "breaking", a.change.element))
        title = Text(f"{subject} ", style="dim")
        title.append(control(ident), style="bold")
        where = next((a.path for a in items if a.path), "")
        if where:
            title.append(f"  {control(where)}", style="dim")
        con.print(title)
        for a in items:
            line = Text("  ")
            if a.verdict == "breaking":
                mark, style = ("✓ allowed ", "green") if a.allowed else ("✗ refused ", "bold red")
            else:
                mark, style = (
                    f"· {a.verdict} ".ljust(10),
                    "yellow" if a.verdict == "warning" else "dim",
                )
            line.append(mark, style=style)
            line.append(f"{a.change.change} ", style="bold")
            line.append(control(a.change.element), style="cyan")
            if a.path:
                line.append(f"  {control(a.path)}:{a.line}", style="dim")
            con.print(line)
            con.print(Text("      " + control(a.change.detail)))
            if a.reason:
                con.print(Text("      " + control(a.reason), style="red" if not a.allowed else ""))
            impact = []
            if a.consumers:
                impact.append(f"consumers {', '.join(a.consumers)}")
            if a.metrics:
                impact.append(f"metrics {', '.join(a.metrics)}")
            if impact and a.verdict == "breaking":
                con.print(Text("      impact: " + control("; ".join(impact)), style="dim"))
        con.print()
    breaking = [a for a in report.changes if a.verdict == "breaking"]
    refused = report.refused
    others = len(report.changes) - len(breaking)
    if not report.changes:
        con.print(Text.assemble(("✓ ", "bold green"), "No changes to contracts or metrics."))
        return
    allowed = len(breaking) - len(refused)
    summary = (
        f"{_plural(len(refused), 'breaking change')} refused, {allowed} allowed; "
        f"{_plural(others, 'other change')}."
    )
    sign = ("✗ ", "bold red") if refused else ("✓ ", "bold green")
    con.print(Text.assemble(sign, summary))
