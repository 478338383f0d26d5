"""Each dbt metric as a catalog :class:`~govern.model.metric.Metric`, so that
``govern conflicts`` compares it with the catalog's definitions as it compares
two catalog metrics; its positions point into the dbt file."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from govern.load.dbt.formulas import Formulas, Unresolved, all_of
from govern.load.dbt.jinja import jinja
from govern.load.dbt.objects import DbtMetric, DbtProject
from govern.load.dbt.owners import metric_owner
from govern.load.documents import Document, LazyPositions
from govern.load.yamlpos import Mark, Path, Positions
from govern.model.metric import Metric

# dbt's metric types as the catalog's (cumulative has no catalog type).
_TYPES = {"simple": "simple", "measure_proxy": "simple", "ratio": "ratio", "derived": "derived"}


class RoutedPositions(LazyPositions):
    """Positions of a metric inside a dbt file, asked for by the catalog's
    paths (``formula``, ``filter``): each goes to where the dbt file says it."""

    def __init__(self, positions: Positions, base: Path, routes: dict[str, Path]) -> None:
        super().__init__("")
        self._positions = positions
        self.base = base
        self.routes = routes

    def _route(self, path: Path) -> Path:
        if path and isinstance(path[0], str) and path[0] in self.routes:
            return self.routes[path[0]]
        return self.base

    def value(self, path: Path) -> Mark:
        # The line that names it (`type_params:`), not the first line inside it.
        return self.key(path)

    def key(self, path: Path) -> Mark:
        return self.get().key(self._route(path))

    def written_key(self, path: Path) -> Mark | None:
        return None


def resolve(project: DbtProject, dialect: str | None = None) -> list[DbtMetric]:
    """Every metric of ``project`` as a catalog metric (also kept in
    ``project.metrics``); a metric without a formula is an issue of the project."""
    formulas = Formulas(project)
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
            formula = formulas.formula(raw, [], (raw.name,), lifted)
        except Unresolved as exc:
            note = str(exc)
        except RecursionError:
            note = "metrics nest too deeply to resolve"
        if note is not None:
            project.issue(raw.source, raw.source.mark(), f"metric `{raw.name}`: {note}")
        filters = list(dict.fromkeys([*lifted, *(jinja(project, f) for f in raw.filters)]))
        owner, group = metric_owner(project, raw, frozenset())
        values: dict[str, Any] = {
            "metric": raw.name,
            "name": raw.label,
            "description": raw.description,
            "owner": owner,
            "type": _TYPES.get(raw.type),
            "formula": formula,
            "filter": all_of(filters) if filters else None,
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
