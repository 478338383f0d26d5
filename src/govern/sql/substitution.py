"""A dbt derived metric's inputs substituted into its expression (docs/dbt.md).

A derived metric's ``expr`` reads other metrics by name; ``load/dbt/formulas.py``
resolves it to SQL over their measures, which ``coverage`` and ``conflicts``
then read as any formula. Imports sqlglot at the top: it is imported only when
a derived metric is resolved.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from govern.sql.dialects import sqlglot_name
from govern.sql.formula import parse


def substitute(text: str, replacements: dict[str, str], dialect: str | None = None) -> str | None:
    """``text`` with each bare column named in ``replacements`` replaced by that
    (parenthesised) SQL: a dbt derived metric's ``expr`` over other metrics,
    resolved to SQL over their measures. None when something does not parse."""
    tree = parse(text, dialect).tree
    if tree is None:
        return None
    parsed: dict[str, Any] = {}
    for name, sql_text in replacements.items():
        sub = parse(sql_text, dialect).tree
        if sub is None:
            return None
        parsed[name.casefold()] = sub

    def swap(node: Any) -> Any:
        if isinstance(node, exp.Column) and not node.table:
            found = parsed.get(node.name.casefold())
            if found is not None:
                return exp.Paren(this=found.copy())
        return node

    out = tree.copy().transform(swap)
    return str(out.sql(dialect=sqlglot_name(dialect) if dialect else None))
