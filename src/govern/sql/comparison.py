"""Which parts of two normal forms differ: the arrow line of ``govern conflicts``.

``numerator same; denominator total_workers vs total_payslip_line_items``
(docs/conflicts.md, "Reading what differs"). Imports sqlglot at the top: it
is imported only when two formulas are compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from govern.sql.normal import Normal
from govern.sql.operators import bare, chain, commutative, flat, key, precedence, render

_COMMUTATIVE_LABELS = {"Add": "terms", "Mul": "factors", "And": "conditions", "Or": "conditions"}


@dataclass(frozen=True)
class Part:
    """One part of a formula compared: ``left``/``right`` are None when it is the same."""

    label: str
    left: str | None = None
    right: str | None = None

    @property
    def same(self) -> bool:
        return self.left is None

    def __str__(self) -> str:
        if self.same:
            return f"{self.label} same"
        return f"{self.label} {self.left} vs {self.right}".lstrip()


@dataclass(frozen=True)
class Difference:
    """How two formulas differ, part by part: ``numerator same; denominator
    count(worker_id) vs count(line_item_id)``. ``context`` is the formula
    around the compared parts (``round(…, 2)``) when they are not the whole."""

    parts: tuple[Part, ...]
    context: str | None = None

    def __str__(self) -> str:
        body = "; ".join(str(p) for p in self.parts)
        return f"within {self.context}: {body}" if self.context else body


def difference(a: Normal, b: Normal) -> Difference | None:
    """Which parts of two normal forms differ; None when they are the same.

    A division is compared as numerator and denominator; a commutative
    operator by its operands whatever their order (``terms`` of ``+``,
    ``factors`` of ``*``, ``conditions`` of AND/OR, ``sides`` of ``=``); any
    other binary operator as left and right; a function by its arguments.
    When only one part differs, and it holds a division on both sides
    (``round(a / b, 2)``) or is partly the same (``count_if(x AND y)``), the
    comparison goes down into it, never below a division nor, but toward a
    division, below the operands of a commutative operator; ``context`` shows
    where it is."""
    if a.key == b.key:
        return None
    node_a, node_b = a.tree, b.tree
    target = None  # the subtree of `a` compared, when not the whole formula
    while True:
        parts = _parts(node_a, node_b)
        if parts is None:
            whole = Part("formula" if target is None else "", render(node_a), render(node_b))
            found: tuple[Part, ...] = (whole,)
            break
        differing = [(x, y) for _, x, y in parts if key(x) != key(y)]
        if len(differing) == 1 and not isinstance(node_a, exp.Div):
            x, y = differing[0]
            inner = _parts(bare(x), bare(y))
            toward_division = _has_division(x) and _has_division(y)
            partly_same = any(key(p) == key(q) for _, p, q in inner or [])
            if inner is not None and (toward_division or (partly_same and not commutative(node_a))):
                target, node_a, node_b = x, bare(x), bare(y)
                continue
        found = tuple(_describe(node_a, parts))
        break
    context = None
    if target is not None:
        # The whole formula of `a`, with the compared subtree shown as `…`.
        marker = a.tree.copy()
        for copied, original in zip(marker.walk(), a.tree.walk(), strict=True):
            if original is target:
                copied.replace(exp.Var(this="…"))
                break
        context = render(marker)
    return Difference(found, context)


def _has_division(node: Any) -> bool:
    return any(isinstance(n, exp.Div) for n in bare(node).walk())


def _shape(node: Any) -> tuple[Any, ...]:
    """What must be equal for two nodes of one type to be compared part by part:
    every argument that is not an expression (a function's name, a flag), and
    how many expressions each argument holds."""
    shape: list[Any] = [type(node).__name__]
    for arg, value in sorted(node.args.items()):
        if isinstance(value, exp.Expression):
            shape.append((arg, 1))
        elif isinstance(value, list):
            shape.append((arg, len(value)))
        elif value not in (None, False, "", []):
            shape.append((arg, value))
    return tuple(shape)


def _parts(a: Any, b: Any) -> list[tuple[str, Any, Any]] | None:
    """The parts of two nodes to compare one with the other, labelled; None when
    they are not comparable part by part (different operations, or leaves).

    The operands of a commutative operator are paired as bags: equal ones
    first, then what is left of each side, chained again (``b + c`` vs ``d``)."""
    if type(a) is not type(b) or _shape(a) != _shape(b):
        return None
    if isinstance(a, exp.Div):
        return [("numerator", a.this, b.this), ("denominator", a.expression, b.expression)]
    if commutative(a):
        return _paired_operands(a, b)
    if isinstance(a, exp.Binary) and precedence(a) is not None:
        return [("left", a.this, b.this), ("right", a.expression, b.expression)]
    children_a, children_b = _children(a), _children(b)
    if not children_a or len(children_a) != len(children_b):
        return None
    if isinstance(a, exp.Func):
        single = len(children_a) == 1
        return [
            ("argument" if single else f"argument {i}", x, y)
            for i, (x, y) in enumerate(zip(children_a, children_b, strict=True), 1)
        ]
    return [("", x, y) for x, y in zip(children_a, children_b, strict=True)]


def _paired_operands(a: Any, b: Any) -> list[tuple[str, Any, Any]] | None:
    right = flat(b)
    unmatched: dict[str, list[int]] = {}
    for i, y in enumerate(right):
        unmatched.setdefault(key(y), []).append(i)
    common: list[Any] = []
    left: list[Any] = []
    matched: set[int] = set()
    for x in flat(a):
        candidates = unmatched.get(key(x))
        if candidates:
            matched.add(candidates.pop(0))
            common.append(x)
        else:
            left.append(x)
    right = [y for i, y in enumerate(right) if i not in matched]
    if not common:
        return None  # nothing in common: the two are simply different
    kind = exp.EQ if isinstance(a, (exp.EQ, exp.NEQ, exp.NullSafeEQ)) else type(a)
    both = chain(kind, [o.copy() for o in common])
    pairs: list[tuple[str, Any, Any]] = [("", both, both)]
    if left or right:
        pairs.append(("", _chain_or_nothing(kind, left), _chain_or_nothing(kind, right)))
    return pairs


def _chain_or_nothing(kind: Any, items: list[Any]) -> Any:
    if not items:
        return exp.Var(this="nothing")
    if len(items) == 1:
        return items[0]  # itself, not a copy: the comparison may go down into it
    return chain(kind, [o.copy() for o in items])


def _children(node: Any) -> list[Any]:
    out: list[Any] = []
    for arg in node.arg_types:
        value = node.args.get(arg)
        if isinstance(value, exp.Expression):
            out.append(value)
        elif isinstance(value, list):
            out += [v for v in value if isinstance(v, exp.Expression)]
    return out


def _describe(a: Any, parts: list[tuple[str, Any, Any]]) -> list[Part]:
    """Parts of ``a`` against ``b``: the same ones by label, the others as ``x vs y``."""
    if commutative(a):
        label = _COMMUTATIVE_LABELS.get(type(a).__name__, "sides")
        common = render(bare(parts[0][1]))
        out = [Part(f"{label}: {common}")]
        if len(parts) > 1:
            out.append(Part("", render(bare(parts[1][1])), render(bare(parts[1][2]))))
        return out
    return [
        Part(label) if key(x) == key(y) else Part(label, render(bare(x)), render(bare(y)))
        for label, x, y in parts
    ]
