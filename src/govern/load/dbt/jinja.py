"""MetricFlow's Jinja in filters and expressions, as the SQL it stands for:
``{{ Dimension('order_id__is_food_order') }} = true`` is ``is_food_order =
true`` (the dimension's expression in its semantic model), and a time grain
truncates: ``{{ TimeDimension('metric_time', 'month') }}`` is
``date_trunc('month', metric_time)``. govern renders no other Jinja."""

from __future__ import annotations

import re
from functools import partial

from govern.load.dbt.objects import DbtProject

_JINJA = re.compile(
    r"""\{\{\s*(Dimension|TimeDimension|Entity|Metric)\(\s*(['"])(.*?)\2"""
    r"""(?:\s*,\s*(['"])(.*?)\4)?[^)]*\)((?:\s*\.\s*\w+\([^)]*\))*)\s*\}\}"""
)
_GRAIN = re.compile(r"""\.\s*grain\(\s*['"]([^'"]+)['"]\s*\)""")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def jinja(project: DbtProject, text: str) -> str:
    """``{{ Dimension('order_id__is_food_order') }} = true`` -> ``is_food_order = true``."""
    # partial, not a lambda: no frame of its own (see formulas.Formulas.formula).
    return " ".join(_JINJA.sub(partial(_replace, project), text).split())


def quote(text: str) -> str:
    """Text inside an SQL string literal."""
    return text.replace("'", "''")


def _replace(project: DbtProject, m: re.Match[str]) -> str:
    kind, reference = m.group(1), m.group(3)
    column = _column(project, kind, reference)
    grain = m.group(5) if kind == "TimeDimension" else None
    chained = _GRAIN.search(m.group(6) or "")
    if chained is not None:
        grain = chained.group(1)
    if grain and kind != "Metric":
        # `TimeDimension('metric_time', 'month')` is the month, not the day.
        return f"date_trunc('{quote(grain.lower())}', {column})"
    return column


def _column(project: DbtProject, kind: str, reference: str) -> str:
    parts = reference.split("__")
    name = parts[-1]
    if kind == "Metric":
        return name
    models = list(project.semantic_models.values())
    # `order_id__status`: the semantic model whose own entity (primary,
    # unique, natural) is order_id holds `status`; a model where it is a
    # foreign key only comes after.
    if len(parts) > 1:
        entity = parts[-2]
        models.sort(key=lambda sm: (entity not in sm.keys, entity not in sm.entities))
    for sm in models:
        table = sm.entities if kind == "Entity" else sm.dimensions
        if name in table:
            expr = table[name]
            # An expression is one operand of the filter: keep it whole.
            return expr if _IDENTIFIER.match(expr) or _one_call(expr) else f"({expr})"
    return name


def _one_call(expr: str) -> bool:
    """``lower(kind)``, ``cast(x as date)``: one function call, whole (its
    parenthesis closes at the end), so no operator can bind into it."""
    head = re.match(r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*\(", expr)
    if head is None:
        return False
    depth = 0
    text = expr.rstrip()
    for i in range(head.end() - 1, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
    return False
