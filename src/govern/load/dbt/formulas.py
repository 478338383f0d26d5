"""A dbt metric as the SQL its measures mean (docs/dbt.md, "From dbt metric to
SQL formula"), so that it compares with the catalog's formulas:

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
  the all-time one).

``fill_nulls_with`` and ``join_to_timespine`` change how empty periods are
shown, not what is computed: they are not part of the formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from govern.load.dbt.jinja import jinja, quote
from govern.load.dbt.node import metric_input, text_of
from govern.load.dbt.objects import DbtProject, RawMetric

_WINDOW = re.compile(r"^\s*(\d+)\s*([A-Za-z]+?)s?\s*$")


# How a metric of one type becomes SQL: (metric, pushed filters, stack, lift).
_Build = Callable[[RawMetric, list[str], tuple[str, ...], list[str] | None], str]


class Unresolved(Exception):
    """Why a metric has no formula (an unknown input, a cycle...)."""


class Formulas:
    """The formulas of one project's metrics."""

    def __init__(self, project: DbtProject) -> None:
        self.project = project
        self._done: dict[tuple[str, tuple[str, ...]], str] = {}

    def formula(
        self,
        raw: RawMetric,
        pushed: list[str],
        stack: tuple[str, ...],
        lift: list[str] | None = None,
    ) -> str:
        """The SQL of ``raw`` with ``pushed`` filters applied to its inputs
        (its own filter is not applied: the caller decides). With ``lift``, a
        simple metric's measure filter goes there instead of into the SQL."""
        # The builder is chosen here, and only when it runs: a level of nesting
        # costs as many frames as it always has, so the depth at which metrics
        # "nest too deeply to resolve" does not move.
        if lift is not None:
            return self._by_type(raw.type)(raw, pushed, stack, lift)
        # Metrics are inputs of many others: each meaning is worked out once.
        key = (raw.name, tuple(pushed))
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = self._by_type(raw.type)(raw, pushed, stack, None)
        return found

    def _by_type(self, kind: str) -> _Build:
        if kind in ("simple", "measure_proxy"):
            return self._simple
        if kind == "cumulative":
            return self._cumulative
        if kind == "ratio":
            return self._ratio
        if kind in ("derived", "expr"):
            return self._derived
        return self._no_formula

    def _simple(
        self, raw: RawMetric, pushed: list[str], stack: tuple[str, ...], lift: list[str] | None
    ) -> str:
        p = raw.params
        if "agg" in p:  # latest spec: the simple metric is its own measure
            return _aggregate(
                str(p["agg"]).lower(),
                text_of(p.get("expr")) or raw.name,
                p,
                pushed,
                p.get("non_additive_dimension"),
            )
        measure = p.get("measure")
        if measure is None and isinstance(p.get("measures"), list) and p["measures"]:
            measure = p["measures"][0]
        return self._measure_input(measure, pushed, lift)

    def _cumulative(
        self, raw: RawMetric, pushed: list[str], stack: tuple[str, ...], lift: list[str] | None
    ) -> str:
        p = raw.params
        if p.get("input_metric") is not None:
            base = self._metric_input(p["input_metric"], pushed, stack)
        else:
            base = self._measure_input(p.get("measure"), pushed, lift)
        # dbt 1.9+ nests these under cumulative_type_params.
        nested = p.get("cumulative_type_params")
        options = {**p, **nested} if isinstance(nested, dict) else p
        window = _window(options.get("window"), "window")
        grain = text_of(options.get("grain_to_date"))
        period = text_of(options.get("period_agg"))
        args = [base]
        if window:
            args.append(f"'{quote(window)}'")
        elif grain:
            args.append(f"'{quote(grain.lower())} to date'")
        if period:
            if len(args) == 1:
                args.append("'all time'")
            args.append(f"'{quote(period.lower())}'")
        return f"cumulative({', '.join(args)})"

    def _ratio(
        self, raw: RawMetric, pushed: list[str], stack: tuple[str, ...], lift: list[str] | None
    ) -> str:
        num = self._input(raw.params.get("numerator"), pushed, stack, "numerator")
        den = self._input(raw.params.get("denominator"), pushed, stack, "denominator")
        return f"({num}) / ({den})"

    def _no_formula(
        self, raw: RawMetric, pushed: list[str], stack: tuple[str, ...], lift: list[str] | None
    ) -> str:
        raise Unresolved(f"a {raw.type} metric has no single formula govern can compare")

    def _derived(
        self, raw: RawMetric, pushed: list[str], stack: tuple[str, ...], lift: list[str] | None
    ) -> str:
        p = raw.params
        expr = text_of(p.get("expr"))
        if not expr:
            raise Unresolved("a derived metric needs an `expr`")
        inputs = p.get("metrics") or p.get("input_metrics") or p.get("measures") or []
        if not isinstance(inputs, list):
            raise Unresolved("`metrics` of a derived metric must be a list")
        replacements: dict[str, str] = {}
        for value in inputs:
            name, filters, alias, offset = metric_input(value)
            if not name:
                raise Unresolved("an input metric without a name")
            sql_text = self._input(name if not filters else value, pushed, stack, name)
            if isinstance(value, dict):
                if value.get("offset_window") is not None:
                    offset = _window(value.get("offset_window"), "offset_window")
                elif value.get("offset_to_grain") is not None:
                    grain = text_of(value.get("offset_to_grain"))
                    if grain is None:
                        raise Unresolved("`offset_to_grain` must be a time grain")
                    offset = f"{grain.lower()} to date"
            if offset:
                sql_text = f"offset({sql_text}, '{quote(offset)}')"
            replacements[alias or name] = sql_text
        from govern import sql  # sqlglot is imported only when a formula is parsed

        try:
            out = sql.substitute(jinja(self.project, expr), replacements)
        except RecursionError:
            out = None
        if out is None:
            raise Unresolved(f"`expr` does not parse as SQL: {expr}")
        return out

    def _input(self, value: Any, pushed: list[str], stack: tuple[str, ...], role: str) -> str:
        """A metric input (ratio, derived); MetricFlow's older ratio names measures."""
        name, _, _, _ = metric_input(value)
        if not name:
            raise Unresolved(f"no {role}")
        if name in self.project.raw_metrics:
            return self._metric_input(value, pushed, stack)
        if name in self.project.measures:
            return self._measure_input(value, pushed)
        raise Unresolved(f"`{name}` is not a metric or measure of the project")

    def _metric_input(self, value: Any, pushed: list[str], stack: tuple[str, ...]) -> str:
        name, filters, _, _ = metric_input(value)
        other = self.project.raw_metrics.get(name or "")
        if other is None:
            raise Unresolved(f"`{name}` is not a metric of the project")
        if other.name in stack:
            raise Unresolved(f"metrics refer to each other in a cycle: {' -> '.join(stack)}")
        conditions = pushed + [jinja(self.project, f) for f in [*filters, *other.filters]]
        return self.formula(other, conditions, (*stack, other.name))

    def _measure_input(self, value: Any, pushed: list[str], lift: list[str] | None = None) -> str:
        name, filters, _, _ = metric_input(value)
        if not name:
            raise Unresolved("no `measure`")
        measure = self.project.measures.get(name)
        if measure is None:
            raise Unresolved(f"measure `{name}` is not defined in any semantic model")
        own = [jinja(self.project, f) for f in filters]
        if lift is not None:
            lift.extend(own)
            own = []
        return _aggregate(
            measure.agg, measure.expr, measure.params, pushed + own, measure.non_additive
        )


def all_of(conditions: list[str]) -> str:
    """Conditions joined by ``AND``, each in parentheses when there are several."""
    return " AND ".join(f"({c})" for c in conditions) if len(conditions) > 1 else conditions[0]


def _aggregate(
    agg: str,
    expr: str,
    params: dict[str, Any],
    pushed: list[str],
    non_additive: Any = None,
) -> str:
    value = f"case when {expr} then 1 else 0 end" if agg == "sum_boolean" else expr
    if pushed:
        value = f"case when {all_of(pushed)} then {value} end"
    if agg in ("sum", "sum_boolean"):
        out = f"sum({value})"
    elif agg in ("min", "max", "count"):
        out = f"{agg}({value})"
    elif agg == "average":
        out = f"avg({value})"
    elif agg == "count_distinct":
        out = f"count(distinct {value})"
    elif agg in ("median", "percentile"):
        p = params.get("percentile", 0.5 if agg == "median" else None)
        if isinstance(p, bool) or not isinstance(p, (int, float)):
            raise Unresolved("a percentile measure needs a number in `agg_params.percentile`")
        discrete = params.get("use_discrete_percentile") is True or (
            params.get("percentile_type") == "discrete"
        )
        fn = "percentile_disc" if discrete else "percentile_cont"
        out = f"{fn}({p}) within group (order by {value})"
    else:
        raise Unresolved(f"unknown aggregation `{agg}`")
    if isinstance(non_additive, dict) and text_of(non_additive.get("name")):
        # A balance is not summed over time: the value at the first or
        # last moment of the window counts. Kept in the formula so that it
        # never compares equal to the plain aggregate.
        choice = text_of(non_additive.get("window_choice")) or "min"
        dim = str(text_of(non_additive.get("name")))
        out = f"non_additive({out}, '{quote(dim)}', '{quote(choice.lower())}')"
    return out


def _window(value: Any, key: str) -> str | None:
    """A window as one spelling: `7 days`, `1 week` and `7 Days` are all `7 days`."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise Unresolved(f"`{key}` must be a window like `7 days`, not {value!r}")
    text = str(value).strip()
    m = _WINDOW.match(text)
    if m is None:
        return text.lower() or None
    count, unit = int(m.group(1)), m.group(2).lower()  # the regex drops a plural `s`
    if unit == "week":
        count, unit = count * 7, "day"
    return f"{count} {unit}{'' if count == 1 else 's'}"
