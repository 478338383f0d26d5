"""``govern rules`` and ``govern explain CODE`` as text: the registry as a
table, and one rule's page (``reporters/rule_docs.py``) rendered on a colour
terminal (elsewhere the command prints the markdown as written)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from govern.reporters.text import console, markdown, table

if TYPE_CHECKING:
    from govern.rules.base import Rule


def listing(rules: Iterable[Rule], *, color: bool) -> None:
    """Code, name, default severity and summary, a row a rule."""
    rows = table(rule_under_header=False, header_style="bold")
    for col in ("code", "name", "severity", "summary"):
        rows.add_column(col, overflow="fold")
    for r in rules:
        rows.add_row(r.code, r.name, r.severity.value, r.summary.replace("``", "`"))
    console(color=color).print(rows)


def explain(page: str) -> None:
    """A rule's markdown page rendered for a colour terminal."""
    console(color=True).print(markdown(page))
