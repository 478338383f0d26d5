"""A metric formula parsed: is it one SQL expression, and which columns does it read.

Imported at start-up (``Column`` is part of a cached analysis), so sqlglot is
imported inside ``parse`` only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from govern.sql.dialects import read_as


@dataclass(frozen=True)
class Column:
    name: str
    table: str  # "" when unqualified; all qualifiers of a nested path: `a.b` of `a.b.c`

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
    tree: Any = None  # sqlglot expression; opaque outside the govern.sql package


@functools.lru_cache(maxsize=4096)
def parse(text: str, dialect: str | None = None) -> Formula:
    """Parse a formula once (cached: a formula is read by several rules)."""
    import sqlglot
    from sqlglot import exp

    try:
        statements = [t for t in sqlglot.parse(text, read=read_as(dialect)) if t is not None]
    except sqlglot.errors.ParseError as err:
        detail = err.errors[0] if err.errors else {}
        desc = str(detail.get("description") or "cannot parse").split(". Line")[0]
        col = detail.get("col")
        where = f" near column {col}" if col else ""
        return Formula(text, dialect, f"{desc}{where}")
    except RecursionError:  # sqlglot's parser recurses once per nesting level
        return Formula(text, dialect, "the formula nests too deeply to read")
    except Exception as err:  # sqlglot raises assorted errors on odd input
        return Formula(text, dialect, str(err).splitlines()[0] or type(err).__name__)
    if not statements:
        return Formula(text, dialect, "the formula is empty")
    if len(statements) > 1:  # `a / b; DROP TABLE t` is not one definition
        return Formula(text, dialect, "a formula is one SQL expression, not several statements")
    tree = statements[0]
    if (
        isinstance(tree, exp.Query)
        or not isinstance(tree, exp.Expression)
        or isinstance(tree, (exp.Insert, exp.Update, exp.Delete, exp.Create, exp.Drop, exp.Command))
    ):
        return Formula(text, dialect, "a formula is an SQL expression, not a statement")
    if isinstance(tree, exp.Alias):
        return Formula(text, dialect, "a formula has no alias (`AS name`): the metric id names it")
    # `a.b.c` reads field c of object b of object a: keep the whole path, not
    # sqlglot's table part alone (`b`).
    columns = tuple(
        dict.fromkeys(
            Column(c.name, ".".join(p.name for p in c.parts[:-1]))
            for c in tree.find_all(exp.Column)
            if c.name
        )
    )
    return Formula(text, dialect, None, columns, tree)
