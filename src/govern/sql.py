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
    tree: Any = None  # sqlglot expression; opaque outside this module


def dialect_names() -> list[str]:
    import sqlglot

    return sorted(name.lower() for name in sqlglot.dialects.DIALECTS)


def _dialect_name(name: str) -> str:
    """People write `Snowflake` and `BigQuery`; sqlglot names dialects in
    lowercase. Settings after a comma (`mysql, normalization_strategy = ...`)
    are passed on as written."""
    head, comma, settings = name.strip().partition(",")
    return head.strip().lower() + comma + settings


@functools.cache
def known_dialect(name: str) -> bool:
    from sqlglot.dialects.dialect import Dialect

    try:
        Dialect.get_or_raise(_dialect_name(name))
    except (ValueError, KeyError):
        return False
    return True


@functools.lru_cache(maxsize=4096)
def parse(text: str, dialect: str | None = None) -> Formula:
    """Parse a formula once (cached: a formula is read by several rules)."""
    import sqlglot
    from sqlglot import exp

    read = _dialect_name(dialect) if dialect and known_dialect(dialect) else None
    try:
        statements = [t for t in sqlglot.parse(text, read=read) if t is not None]
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


def is_division(formula: Formula) -> bool:
    """True when the formula's value is a division (a ratio).

    Seen through what keeps a ratio a ratio: parentheses, casts, rounding,
    ``coalesce``, scaling by a number (``a / b * 100``), the guarded forms
    (``safe_divide``, Snowflake's ``div0``, ``CASE WHEN d = 0 THEN NULL ELSE
    n / d END``)."""
    return _divides(formula.tree)


def _divides(node: Any) -> bool:
    from sqlglot import exp

    while isinstance(node, (exp.Paren, exp.Cast, exp.Round, exp.Coalesce)):
        node = node.this
    if isinstance(node, (exp.Div, exp.SafeDivide)):
        return True
    if isinstance(node, exp.Mul):
        sides = (node.this, node.expression)
        return any(
            isinstance(s, exp.Literal) and not s.is_string and _divides(o)
            for s, o in (sides, sides[::-1])
        )
    if isinstance(node, exp.If):
        return _divides(node.args.get("true")) or _divides(node.args.get("false"))
    if isinstance(node, exp.Case):
        branches = [i.args.get("true") for i in node.args.get("ifs") or []]
        return any(_divides(b) for b in [*branches, node.args.get("default")])
    return False
