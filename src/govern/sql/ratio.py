"""Whether a formula's value is a ratio, as GOV407 ``ratio-formula`` asks of a ratio metric.

Imports sqlglot at the top: ``analysis`` imports this module only when a
formula is not in the cache, and is parsed anyway.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from govern.sql.formula import Formula


def is_division(formula: Formula) -> bool:
    """True when the formula's value is a division (a ratio).

    Seen through what keeps a ratio a ratio: parentheses, casts, rounding,
    ``coalesce``, scaling by a number (``a / b * 100``), the guarded forms
    (``safe_divide``, Snowflake's ``div0``, ``CASE WHEN d = 0 THEN NULL ELSE
    n / d END``)."""
    return _divides(formula.tree)


def _divides(node: Any) -> bool:
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
