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

from govern.load.dbt import DbtMetric, DbtProject, Measure, RawMetric, RoutedPositions, text_of
from govern.load.documents import Document
from govern.model.metric import Metric

_JINJA = re.compile(
    r"""\{\{\s*(Dimension|TimeDimension|Entity|Metric)\(\s*(['"])(.*?)\2"""
    r"""(?:\s*,\s*(['"])(.*?)\4)?[^)]*\)((?:\s*\.\s*\w+\([^)]*\))*)\s*\}\}"""
)
_GRAIN = re.compile(r"""\.\s*grain\(\s*['"]([^'"]+)['"]\s*\)""")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_WINDOW = re.compile(r"^\s*(\d+)\s*([A-Za-z]+?)s?\s*$")
_TYPES = {"simple": "simple", "measure_proxy": "simple", "ratio": "ratio", "derived": "derived"}


class Unresolved(Exception):
    """Why a metric has no formula (an unknown input, a cycle...)."""


def resolve(project: DbtProject, dialect: str | None = None) -> list[DbtMetric]:
    """Every metric of ``project`` as a catalog metric (also kept in ``project.metrics``)."""
    resolver = _Resolver(project)
    out: list[DbtMetric] = []
    for raw in project.raw_metrics.values():
        if raw.hidden:
            continue  # a building block of other metrics, not published
        note: str | None = None
        formula: str | None = None
        # A simple metric's input filter is a filter of the metric: the same
        # meaning as the metric's own `filter`, written once (so it compares
        # equal to a catalog metric's `filter:`).
        lifted: list[str] = []
        try:
            formula = resolver.formula(raw, [], (raw.name,), lifted)
        except Unresolved as exc:
            note = str(exc)
        except RecursionError:
            note = "metrics nest too deeply to resolve"
        if note is not None:
            project.issue(raw.source, raw.source.mark(), f"metric `{raw.name}`: {note}")
        filters = list(dict.fromkeys([*lifted, *(resolver.jinja(f) for f in raw.filters)]))
        owner, group = resolver.owner(raw, frozenset())
        values: dict[str, Any] = {
            "metric": raw.name,
            "name": raw.label,
            "description": raw.description,
            "owner": owner,
            "type": _TYPES.get(raw.type),
            "formula": formula,
            "filter": _and(filters) if filters else None,
            "dialect": dialect,
        }
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
        out.append(DbtMetric(raw.name, doc, owner, group))
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
        self._done: dict[tuple[str, tuple[str, ...]], str] = {}

    # --- owners and models ---------------------------------------------------------------

    def group_owner(self, group: str | None) -> str | None:
        found = self.project.groups.get(group) if group else None
        return found.owner if found else None

    def owner(self, raw: RawMetric, seen: frozenset[str]) -> tuple[str | None, str | None]:
        """(owner, group) of a metric: its own `meta.owner` and group; else,
        for a simple or cumulative metric, its semantic model's (through the
        input metric of a cumulative one in the latest spec)."""
        if raw.owner or raw.group:
            return raw.owner or self.group_owner(raw.group), raw.group
        if raw.type not in ("simple", "measure_proxy", "cumulative") or raw.name in seen:
            return None, None
        measure = self._measure_of(raw)
        sm = measure.semantic_model if measure is not None else raw.semantic_model
        if sm is not None:
            return sm.owner, sm.group
        name, _, _, _ = _ref(raw.params.get("input_metric"))
        other = self.project.raw_metrics.get(name or "")
        return self.owner(other, seen | {raw.name}) if other is not None else (None, None)

    def _measure_of(self, raw: RawMetric) -> Measure | None:
        if raw.type not in ("simple", "measure_proxy", "cumulative"):
            return None
        name, _, _, _ = _ref(raw.params.get("measure"))
        return self.project.measures.get(name) if name else None

    # --- formulas ------------------------------------------------------------------------

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
        if lift is not None:
            return self._formula(raw, pushed, stack, lift)
        # Metrics are inputs of many others: each meaning is worked out once.
        key = (raw.name, tuple(pushed))
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = self._formula(raw, pushed, stack, None)
        return found

    def _formula(
        self, raw: RawMetric, pushed: list[str], stack: tuple[str, ...], lift: list[str] | None
    ) -> str:
        p = raw.params
        kind = raw.type
        if kind in ("simple", "measure_proxy"):
            if "agg" in p:  # latest spec: the simple metric is its own measure
                return self._aggregate(
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
        if kind == "cumulative":
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
                args.append(f"'{_quote(window)}'")
            elif grain:
                args.append(f"'{_quote(grain.lower())} to date'")
            if period:
                if len(args) == 1:
                    args.append("'all time'")
                args.append(f"'{_quote(period.lower())}'")
            return f"cumulative({', '.join(args)})"
        if kind == "ratio":
            num = self._input(p.get("numerator"), pushed, stack, "numerator")
            den = self._input(p.get("denominator"), pushed, stack, "denominator")
            return f"({num}) / ({den})"
        if kind in ("derived", "expr"):
            expr = text_of(p.get("expr"))
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
                if isinstance(value, dict):
                    if value.get("offset_window") is not None:
                        offset = _window(value.get("offset_window"), "offset_window")
                    elif value.get("offset_to_grain") is not None:
                        grain = text_of(value.get("offset_to_grain"))
                        if grain is None:
                            raise Unresolved("`offset_to_grain` must be a time grain")
                        offset = f"{grain.lower()} to date"
                if offset:
                    sql_text = f"offset({sql_text}, '{_quote(offset)}')"
                replacements[alias or name] = sql_text
            from govern import sql

            try:
                out = sql.substitute(self.jinja(expr), replacements)
            except RecursionError:
                out = None
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

    def _measure_input(self, value: Any, pushed: list[str], lift: list[str] | None = None) -> str:
        name, filters, _, _ = _ref(value)
        if not name:
            raise Unresolved("no `measure`")
        measure = self.project.measures.get(name)
        if measure is None:
            raise Unresolved(f"measure `{name}` is not defined in any semantic model")
        own = [self.jinja(f) for f in filters]
        if lift is not None:
            lift.extend(own)
            own = []
        return self._aggregate(
            measure.agg, measure.expr, measure.params, pushed + own, measure.non_additive
        )

    def _aggregate(
        self,
        agg: str,
        expr: str,
        params: dict[str, Any],
        pushed: list[str],
        non_additive: Any = None,
    ) -> str:
        value = f"case when {expr} then 1 else 0 end" if agg == "sum_boolean" else expr
        if pushed:
            value = f"case when {_and(pushed)} then {value} end"
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
            out = f"non_additive({out}, '{_quote(dim)}', '{_quote(choice.lower())}')"
        return out

    # --- filters -------------------------------------------------------------------------

    def jinja(self, text: str) -> str:
        """``{{ Dimension('order_id__is_food_order') }} = true`` -> ``is_food_order = true``."""
        return " ".join(_JINJA.sub(self._replace, text).split())

    def _replace(self, m: re.Match[str]) -> str:
        kind, reference = m.group(1), m.group(3)
        column = self._column(kind, reference)
        grain = m.group(5) if kind == "TimeDimension" else None
        chained = _GRAIN.search(m.group(6) or "")
        if chained is not None:
            grain = chained.group(1)
        if grain and kind != "Metric":
            # `TimeDimension('metric_time', 'month')` is the month, not the day.
            return f"date_trunc('{_quote(grain.lower())}', {column})"
        return column

    def _column(self, kind: str, reference: str) -> str:
        parts = reference.split("__")
        name = parts[-1]
        if kind == "Metric":
            return name
        models = list(self.project.semantic_models.values())
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


def _quote(text: str) -> str:
    return text.replace("'", "''")


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
