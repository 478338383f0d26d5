"""Human output with Rich: findings grouped by file, colour only on a terminal.

Every piece of text that came from a file is passed through
:func:`govern.reporters.escape.control` and placed in a ``Text`` object, so
neither terminal escapes nor Rich markup in a contract can take effect.
"""

from __future__ import annotations

import sys
from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.text import Text

from govern.findings import Finding, Severity
from govern.reporters.escape import control

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
