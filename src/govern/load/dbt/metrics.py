"""Metrics as written, in each spelling dbt has had: ``metrics:`` with
``type_params:`` (legacy spec) or with the type's keys on the metric itself
(latest spec, also under a model), and MetricFlow's ``metric:`` documents.
Their SQL is worked out later (formulas.py), once every measure is read."""

from __future__ import annotations

from typing import Any

from govern.load.dbt.node import enabled, filters, group_of, meta_owner, text_of
from govern.load.dbt.objects import RawMetric, SemanticModel, Source
from govern.load.dbt.reading import Reading


def read_metric(
    reading: Reading, node: dict[str, Any], src: Source, sm: SemanticModel | None
) -> None:
    """A metric at ``src``; ``sm`` is the semantic model it is defined on (latest spec)."""
    project = reading.project
    name = text_of(node.get("name"))
    kind = node.get("type")
    if not name or not isinstance(kind, str) or not kind.strip():
        project.issue(src, src.mark(), "a metric needs a `name` and a `type`: skipped")
        return
    settings = reading.config("metrics", name)
    if not enabled(node) or settings.get("enabled") is False:
        return  # disabled: dbt does not build it
    if name in project.raw_metrics and project.raw_metrics[name].source is not src:
        first = project.raw_metrics[name].source
        project.issue(
            src,
            src.mark("name"),
            f"metric `{name}` is also defined at {first.path}:{first.mark().line}; "
            "the first is read",
        )
        return
    params = node.get("type_params")
    meta: dict[str, Any] = settings["meta"] if isinstance(settings.get("meta"), dict) else {}
    config: dict[str, Any] = node["config"] if isinstance(node.get("config"), dict) else {}
    hidden = node.get("hidden") is True or config.get("hidden") is True
    project.raw_metrics[name] = RawMetric(
        name,
        kind.strip().lower(),
        text_of(node.get("label")),
        text_of(node.get("description")),
        params if isinstance(params, dict) else node,
        filters(node.get("filter")),
        meta_owner(node) or text_of(meta.get("owner")),
        group_of(node) or text_of(settings.get("group")),
        sm,
        src,
        (*src.at, "type_params") if isinstance(params, dict) else src.at,
        hidden,
    )
