"""Operators in sqlglot trees, as the normal form and the comparison both see them.

Chains of one operator (``a + b + c``) flattened and built again, the
parentheses that operator precedence needs (and only those), and the SQL a
tree renders as: two subtrees are the same part of a definition exactly when
they render alike (``key``).

Imports sqlglot at the top: only ``normal`` and ``comparison`` import this
module, and they are imported when a command compares formulas.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp
from sqlglot.errors import ErrorLevel

# Operator precedence, loosest first, for putting back the parentheses a
# normal form needs (and only those). By sqlglot class name.
_PRECEDENCE: dict[str, int] = {
    "Or": 1,
    "And": 2,
    "Not": 3,
    **dict.fromkeys(["EQ", "NEQ", "NullSafeEQ", "NullSafeNEQ", "GT", "GTE", "LT", "LTE"], 4),
    **dict.fromkeys(["Is", "Like", "ILike", "SimilarTo", "Glob", "In", "Between"], 4),
    **dict.fromkeys(["BitwiseOr", "BitwiseXor", "BitwiseAnd"], 5),
    **dict.fromkeys(["BitwiseLeftShift", "BitwiseRightShift"], 6),
    "DPipe": 7,
    **dict.fromkeys(["Add", "Sub"], 8),
    **dict.fromkeys(["Mul", "Div", "Mod", "IntDiv"], 9),
    "Pow": 10,
    **dict.fromkeys(["Neg", "BitwiseNot"], 11),
    "Dot": 12,
}


def precedence(node: Any) -> int | None:
    return _PRECEDENCE.get(type(node).__name__)


def commutative(node: Any) -> bool:
    return isinstance(node, (exp.Add, exp.Mul, exp.And, exp.Or, exp.EQ, exp.NEQ, exp.NullSafeEQ))


def operands(node: Any, kind: Any) -> list[Any]:
    """The operands of a chain of one associative operator (``a + b + c``), in order."""
    out: list[Any] = []
    stack = [node]
    while stack:
        current = bare(stack.pop())
        if type(current) is kind:
            stack += [current.expression, current.this]
        else:
            out.append(current)
    return out


def flat(node: Any) -> list[Any]:
    """The operands of a commutative operator: both sides of a comparison, every
    operand of a chain."""
    if isinstance(node, (exp.EQ, exp.NEQ, exp.NullSafeEQ)):
        return [bare(node.this), bare(node.expression)]
    return operands(node, type(node))


def chain(kind: Any, items: list[Any]) -> Any:
    """``items`` joined by the operator ``kind``, left to right."""
    node = bare(items[0])
    for item in items[1:]:
        node = kind(this=node, expression=bare(item))
        parenthesize(node)
    return node


def parenthesize(node: Any) -> None:
    """Put back the parentheses that ``node``'s operands need (and no others)."""
    rank = precedence(node)
    if rank is None:
        return
    keys = ["this"] if isinstance(node, (exp.Not, exp.Neg, exp.BitwiseNot)) else []
    if isinstance(node, exp.Binary):
        keys = ["this", "expression"]
    for arg in keys:
        child = node.args.get(arg)
        if not isinstance(child, exp.Expression):
            continue
        inner = precedence(child)
        if inner is None and not (
            isinstance(child, exp.Binary) and not isinstance(child, exp.Func)
        ):
            continue  # a column, a literal, a function call, a CASE: delimited already
        if inner is not None and (inner > rank or (inner == rank and arg == "this")):
            continue
        node.set(arg, exp.Paren(this=child))


def bare(node: Any) -> Any:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def render(node: Any) -> str:
    return str(
        node.sql(normalize_functions="lower", comments=False, unsupported_level=ErrorLevel.IGNORE)
    )


def key(node: Any) -> str:
    return render(bare(node))
