"""dbt metrics resolved to SQL over their semantic models' columns (docs/dbt.md).

A catalog metric says ``formula: sum(amount) / count(order_id)``; a dbt metric
says ``type: ratio, numerator: revenue, denominator: orders`` and leaves the
SQL to MetricFlow. To compare them, each dbt metric is rewritten as the SQL
its measures mean:

- a measure is its aggregation over its ``expr`` (the measure's name when
  absent): ``sum(product_price)``, ``count(distinct customer_id)``,
  ``percentile_cont(0.5) within group (order by x)``;
- a filter on an input (``numerator: {name: x, filter: ...}``) or on a
  metric used inside another is pushed into the aggregation, as SQL would
  have it: ``sum(case when is_food_item = 1 then product_price end)``; a
  metric's own filter stays its ``filter``, as in the catalog;
- ratio: ``(numerator) / (denominator)``; derived: its ``expr`` with each
  input metric replaced by its SQL; an input with ``offset_window`` becomes
  ``offset(<sql>, '<window>')``; cumulative: ``cumulative(<sql>, '<window>')``
  (a window is not a formula: wrapping it keeps a 7-day count apart from
  the all-time one);
- Jinja in filters (``{{ Dimension('order_id__is_food_order') }}``) becomes
  the dimension's expression (``is_food_order``).

``fill_nulls_with`` and ``join_to_timespine`` change how empty periods are
shown, not what is computed: they are not part of the formula.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from govern.load.dbt import DbtMetric, DbtProject, Measure, RawMetric, RoutedPositions
from govern.load.documents import Document
from govern.model.metric import Metric

_JINJA = re.compile(
    r"""\{\{\s*(Dimension|TimeDimension|Entity|Metric)\(\s*(['"])(.*?)\2[^)]*\)"""
    r"""(?:\s*\.\s*\w+\([^)]*\))*\s*\}\}"""
)
_TYPES = {"simple": "simple", "measure_proxy": "simple", "ratio": "ratio", "derived": "derived"}


class Unresolved(Exception):
    """Why a metric has no formula (an unknown input, a cycle...)."""


def resolve(project: DbtProject, dialect: str | None = None) -> list[DbtMetric]:
    """Every metric of ``project`` as a catalog metric (also kept in ``project.metrics``)."""
    resolver = _Resolver(project)
    out: list[DbtMetric] = []
    for raw in project.raw_metrics.values():
        note: str | None = None
        formula: str | None = None
        try:
            formula = resolver.formula(raw, [], (raw.name,))
        except Unresolved as exc:
            note = str(exc)
            project.issue(raw.source, raw.source.mark(), f"metric `{raw.name}`: {note}")
        filters = [resolver.jinja(f) for f in raw.filters]
        owner = raw.owner or resolver.group_owner(raw.group) or resolver.model_owner(raw)
        values: dict[str, Any] = {
            "metric": raw.name,
            "name": raw.label,
            "description": raw.description,
            "owner": owner,
            "type": _TYPES.get(raw.type),
            "formula": formula,
            "filter": " AND ".join(f"({f})" for f in filters) if len(filters) > 1 else None,
            "dialect": dialect,
        }
        if len(filters) == 1:
            values["filter"] = filters[0]
        try:
            model = Metric.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError:  # pragma: no cover - every value above is text
            continue
        at = raw.source.at
        routes = {"formula": raw.params_at, "filter": (*at, "filter") if raw.filters else at}
        doc: Document[Metric] = Document(
            raw.source.path,
            "metric",
            model,
            {},
            RoutedPositions(raw.source.positions, at, routes),
        )
        out.append(
            DbtMetric(
                raw.name,
                raw.type,
                doc,
                owner,
                raw.group,
                tuple(resolver.models_of(raw)),
                note,
            )
        )
    project.metrics = out
    return out


def _ref(value: Any) -> tuple[str | None, list[str], str | None, str | None]:
    """An input: a name, or ``{name, filter, alias, offset_window}``."""
    if isinstance(value, str):
        return value.strip(), [], None, None
    if isinstance(value, dict):
        name = value.get("name")
        filters = value.get("filter")
        listed = (
            [f for f in filters if isinstance(f, str)]
            if isinstance(filters, list)
            else ([filters] if isinstance(filters, str) and filters.strip() else [])
        )
        alias = value.get("alias") if isinstance(value.get("alias"), str) else None
        offset = value.get("offset_window") or value.get("offset_to_grain")
        return (
            name.strip() if isinstance(name, str) else None,
            listed,
            alias,
            str(offset) if isinstance(offset, (str, int)) else None,
        )
    return None, [], None, None


def _and(conditions: list[str]) -> str:
    return " AND ".join(f"({c})" for c in conditions) if len(conditions) > 1 else conditions[0]


class _Resolver:
    def __init__(self, project: DbtProject) -> None:
        self.project = project

    # --- owners and models ---------------------------------------------------------------

    def group_owner(self, group: str | None) -> str | None:
        found = self.project.groups.get(group) if group else None
        return found.owner if found else None

    def model_owner(self, raw: RawMetric) -> str | None:
        """A simple metric without an owner of its own is its semantic model's."""
        measure = self._measure_of(raw)
        if measure is not None:
            return measure.semantic_model.owner
        return raw.semantic_model.owner if raw.semantic_model else None

    def _measure_of(self, raw: RawMetric) -> Measure | None:
        if raw.type not in ("simple", "measure_proxy", "cumulative"):
            return None
        name, _, _, _ = _ref(raw.params.get("measure"))
        return self.project.measures.get(name) if name else None

    def models_of(self, raw: RawMetric, seen: frozenset[str] = frozenset()) -> list[str]:
        if raw.name in seen:
            return []
        seen = seen | {raw.name}
        measure = self._measure_of(raw)
        if measure is not None:
            return [measure.semantic_model.model or measure.semantic_model.name]
        if raw.semantic_model is not None and "agg" in raw.params:
            return [raw.semantic_model.model or raw.semantic_model.name]
        out: list[str] = []
        for value in self._inputs(raw):
            name, _, _, _ = _ref(value)
            other = self.project.raw_metrics.get(name or "")
            if other is not None:
                out += self.models_of(other, seen)
            elif name in self.project.measures:
                sm = self.project.measures[name].semantic_model
                out.append(sm.model or sm.name)
        return list(dict.fromkeys(out))

    def _inputs(self, raw: RawMetric) -> list[Any]:
        p = raw.params
        found: list[Any] = []
        for key in ("numerator", "denominator", "input_metric", "measure"):
            if p.get(key) is not None:
                found.append(p[key])
        for key in ("metrics", "input_metrics", "measures"):
            if isinstance(p.get(key), list):
                found += p[key]
        return found

    # --- formulas ------------------------------------------------------------------------

    def formula(self, raw: RawMetric, pushed: list[str], stack: tuple[str, ...]) -> str:
        """The SQL of ``raw`` with ``pushed`` filters applied to its inputs
        (its own filter is not applied: the caller decides)."""
        p = raw.params
        kind = raw.type
        if kind in ("simple", "measure_proxy"):
            if "agg" in p:  # latest spec: the simple metric is its own measure
                return self._aggregate(
                    str(p["agg"]).lower(),
                    _text(p.get("expr")) or raw.name,
                    p,
                    pushed,
                )
            if isinstance(p.get("measures"), list) and p.get("measure") is None:
                return self._measure_input(p["measures"][0], pushed)
            return self._measure_input(p.get("measure"), pushed)
        if kind == "cumulative":
            if p.get("input_metric") is not None:
                base = self._metric_input(p["input_metric"], pushed, stack)
            else:
                base = self._measure_input(p.get("measure"), pushed)
            window = _text(p.get("window"))
            grain = _text(p.get("grain_to_date"))
            if window:
                return f"cumulative({base}, '{_quote(window)}')"
            if grain:
                return f"cumulative({base}, '{_quote(grain)} to date')"
            return f"cumulative({base})"
        if kind == "ratio":
            num = self._input(p.get("numerator"), pushed, stack, "numerator")
            den = self._input(p.get("denominator"), pushed, stack, "denominator")
            return f"({num}) / ({den})"
        if kind in ("derived", "expr"):
            expr = _text(p.get("expr"))
            if not expr:
                raise Unresolved("a derived metric needs an `expr`")
            inputs = p.get("metrics") or p.get("input_metrics") or p.get("measures") or []
            if not isinstance(inputs, list):
                raise Unresolved("`metrics` of a derived metric must be a list")
            replacements: dict[str, str] = {}
            for value in inputs:
                name, filters, alias, offset = _ref(value)
                if not name:
                    raise Unresolved("an input metric without a name")
                sql_text = self._input(name if not filters else value, pushed, stack, name)
                if offset:
                    sql_text = f"offset({sql_text}, '{_quote(offset)}')"
                replacements[alias or name] = sql_text
            from govern import sql

            out = sql.substitute(self.jinja(expr), replacements)
            if out is None:
                raise Unresolved(f"`expr` does not parse as SQL: {expr}")
            return out
        raise Unresolved(f"a {kind} metric has no single formula govern can compare")

    def _input(self, value: Any, pushed: list[str], stack: tuple[str, ...], role: str) -> str:
        """A metric input (ratio, derived); MetricFlow's older ratio names measures."""
        name, _, _, _ = _ref(value)
        if not name:
            raise Unresolved(f"no {role}")
        if name in self.project.raw_metrics:
            return self._metric_input(value, pushed, stack)
        if name in self.project.measures:
            return self._measure_input(value, pushed)
        raise Unresolved(f"`{name}` is not a metric or measure of the project")

    def _metric_input(self, value: Any, pushed: list[str], stack: tuple[str, ...]) -> str:
        name, filters, _, _ = _ref(value)
        other = self.project.raw_metrics.get(name or "")
        if other is None:
            raise Unresolved(f"`{name}` is not a metric of the project")
        if other.name in stack:
            raise Unresolved(f"metrics refer to each other in a cycle: {' -> '.join(stack)}")
        conditions = pushed + [self.jinja(f) for f in [*filters, *other.filters]]
        return self.formula(other, conditions, (*stack, other.name))

    def _measure_input(self, value: Any, pushed: list[str]) -> str:
        name, filters, _, _ = _ref(value)
        if not name:
            raise Unresolved("no `measure`")
        measure = self.project.measures.get(name)
        if measure is None:
            raise Unresolved(f"measure `{name}` is not defined in any semantic model")
        conditions = pushed + [self.jinja(f) for f in filters]
        return self._aggregate(measure.agg, measure.expr, measure.params, conditions)

    def _aggregate(self, agg: str, expr: str, params: dict[str, Any], pushed: list[str]) -> str:
        value = f"case when {expr} then 1 else 0 end" if agg == "sum_boolean" else expr
        if pushed:
            value = f"case when {_and(pushed)} then {value} end"
        if agg in ("sum", "sum_boolean"):
            return f"sum({value})"
        if agg in ("min", "max", "count"):
            return f"{agg}({value})"
        if agg == "average":
            return f"avg({value})"
        if agg == "count_distinct":
            return f"count(distinct {value})"
        if agg in ("median", "percentile"):
            p = params.get("percentile", 0.5) if agg == "percentile" else 0.5
            if isinstance(p, bool) or not isinstance(p, (int, float)):
                raise Unresolved("`agg_params.percentile` must be a number")
            discrete = params.get("use_discrete_percentile") is True or (
                params.get("percentile_type") == "discrete"
            )
            fn = "percentile_disc" if discrete else "percentile_cont"
            return f"{fn}({p}) within group (order by {value})"
        raise Unresolved(f"unknown aggregation `{agg}`")

    # --- filters -------------------------------------------------------------------------

    def jinja(self, text: str) -> str:
        """``{{ Dimension('order_id__is_food_order') }} = true`` -> ``is_food_order = true``."""
        return " ".join(_JINJA.sub(lambda m: self._column(m.group(1), m.group(3)), text).split())

    def _column(self, kind: str, reference: str) -> str:
        parts = reference.split("__")
        name = parts[-1]
        if kind == "Metric":
            return name
        models = list(self.project.semantic_models.values())
        # Prefer the semantic model reached through the named entity.
        if len(parts) > 1:
            models.sort(key=lambda sm: parts[0] not in sm.entities)
        for sm in models:
            table = sm.entities if kind == "Entity" else sm.dimensions
            if name in table:
                return table[name]
        return name


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def _quote(text: str) -> str:
    return text.replace("'", "''")
