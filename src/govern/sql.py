"""The only module that imports sqlglot: metric formulas as parsed SQL.

sqlglot is imported on first use, not at start-up: it costs about 0.1 s to
import, which a pre-commit run without metrics should not pay.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    name: str
    table: str  # "" when unqualified

    @property
    def dotted(self) -> str:
        return f"{self.table}.{self.name}" if self.table else self.name


@dataclass(frozen=True)
class Formula:
    """A parsed formula: ``error`` is None when it parses."""

    text: str
    dialect: str | None
    error: str | None
    columns: tuple[Column, ...] = ()
    tree: Any = None  # sqlglot expression; opaque outside this module


def dialect_names() -> list[str]:
    import sqlglot

    return sorted(name.lower() for name in sqlglot.dialects.DIALECTS)


@functools.lru_cache(maxsize=None)
def known_dialect(name: str) -> bool:
    from sqlglot.dialects.dialect import Dialect

    try:
        Dialect.get_or_raise(name)
    except (ValueError, KeyError):
        return False
    return True


@functools.lru_cache(maxsize=4096)
def parse(text: str, dialect: str | None = None) -> Formula:
    """Parse a formula once (cached: a formula is read by several rules)."""
    import sqlglot
    from sqlglot import exp

    read = dialect if dialect and known_dialect(dialect) else None
    try:
        tree = sqlglot.parse_one(text, read=read)
    except sqlglot.errors.ParseError as err:
        detail = err.errors[0] if err.errors else {}
        desc = str(detail.get("description") or "cannot parse").split(". Line")[0]
        col = detail.get("col")
        where = f" near column {col}" if col else ""
        return Formula(text, dialect, f"{desc}{where}")
    except Exception as err:  # sqlglot raises assorted errors on odd input
        return Formula(text, dialect, str(err).splitlines()[0] or type(err).__name__)
    if tree is None:
        return Formula(text, dialect, "the formula is empty")
    if isinstance(tree, exp.Query) or not isinstance(tree, exp.Expression) or isinstance(
        tree, (exp.Insert, exp.Update, exp.Delete, exp.Create, exp.Drop, exp.Command)
    ):
        return Formula(text, dialect, "a formula is an SQL expression, not a statement")
    if isinstance(tree, exp.Alias):
        return Formula(text, dialect, "a formula has no alias (`AS name`): the metric id names it")
    columns = tuple(
        dict.fromkeys(Column(c.name, c.table) for c in tree.find_all(exp.Column) if c.name)
    )
    return Formula(text, dialect, None, columns, tree)


def is_division(formula: Formula) -> bool:
    """True when the formula's top-level operation is a division (a ratio)."""
    from sqlglot import exp

    tree = formula.tree
    while isinstance(tree, exp.Paren):
        tree = tree.this
    return isinstance(tree, exp.Div)
