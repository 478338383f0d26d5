"""Semantic models and their measures: ``semantic_models:``, MetricFlow's
``semantic_model:`` and ``data_source:`` documents, and the latest spec's
``semantic_model:`` on a model, whose columns are its entities and dimensions."""

from __future__ import annotations

from typing import Any

from govern.load.dbt.metrics import read_metric
from govern.load.dbt.node import as_list, enabled, group_of, meta_owner, model_ref, text_of
from govern.load.dbt.objects import Measure, RawMetric, SemanticModel, Source
from govern.load.dbt.reading import Reading

# Entity types that identify a row of their semantic model: see SemanticModel.keys.
_KEY_ENTITIES = {"primary", "unique", "natural"}


def read_semantic_model(
    reading: Reading, node: dict[str, Any], src: Source
) -> SemanticModel | None:
    project = reading.project
    name = text_of(node.get("name"))
    if not name:
        project.issue(src, src.mark(), "a semantic model without a `name`: skipped")
        return None
    settings = reading.config("semantic-models", name)
    if not enabled(node) or settings.get("enabled") is False:
        return None
    model = model_ref(node.get("model")) or text_of(node.get("sql_table"))
    entities: dict[str, str] = {}
    keys: set[str] = set()
    # `identifiers` is MetricFlow's older name for entities.
    for key in ("entities", "identifiers"):
        for e in as_list(node.get(key)):
            if isinstance(e, dict) and text_of(e.get("name")):
                ename = str(text_of(e.get("name")))
                entities[ename] = text_of(e.get("expr")) or ename
                if str(e.get("type", "")).lower() in _KEY_ENTITIES:
                    keys.add(ename)
    dimensions: dict[str, str] = {}
    for d in as_list(node.get("dimensions")):
        if isinstance(d, dict) and text_of(d.get("name")):
            dname = str(text_of(d.get("name")))
            dimensions[dname] = text_of(d.get("expr")) or dname
    meta: dict[str, Any] = settings["meta"] if isinstance(settings.get("meta"), dict) else {}
    sm = SemanticModel(
        name,
        model,
        entities,
        dimensions,
        meta_owner(node) or text_of(meta.get("owner")),
        group_of(node) or text_of(settings.get("group")),
        src,
        keys,
    )
    if name in project.semantic_models:
        project.issue(src, src.mark("name"), f"semantic model `{name}` defined twice")
    project.semantic_models[name] = sm
    measures = node.get("measures") or []
    for i, m in enumerate(measures if isinstance(measures, list) else []):
        if isinstance(m, dict):
            _read_measure(reading, m, sm, Source(src.path, src.positions, (*src.at, "measures", i)))
    return sm


def _read_measure(reading: Reading, node: dict[str, Any], sm: SemanticModel, src: Source) -> None:
    project = reading.project
    name = text_of(node.get("name"))
    agg = text_of(node.get("agg"))
    if not name or not agg:
        project.issue(src, src.mark(), "a measure needs a `name` and an `agg`: skipped")
        return
    if name in project.measures:
        first = project.measures[name].source
        project.issue(
            src,
            src.mark("name"),
            f"measure `{name}` is also defined at {first.path}:{first.mark().line}; "
            "the first is read",
        )
        return
    raw = node.get("agg_params")
    params: dict[str, Any] = raw if isinstance(raw, dict) else {}
    extra = node.get("non_additive_dimension")
    measure = Measure(
        name,
        agg.lower(),
        text_of(node.get("expr")) or name,
        params,
        sm,
        src,
        extra if isinstance(extra, dict) else None,
    )
    project.measures[name] = measure
    if node.get("create_metric") is True and name not in project.raw_metrics:
        # `create_metric: true` publishes the measure as a simple metric.
        project.raw_metrics[name] = RawMetric(
            name,
            "simple",
            text_of(node.get("label")),
            text_of(node.get("description")),
            {"measure": name},
            [],
            None,
            None,
            None,
            src,
            src.at,
        )


def read_model_semantic_model(
    reading: Reading,
    node: dict[str, Any],
    src: Source,
    *,
    name: str,
    owner: str | None,
    group: str | None,
) -> None:
    """Latest spec: the semantic model and its metrics live on the model
    (``node``, with its ``name``, ``owner`` and ``group``): ``semantic_model:
    true`` or ``{enabled, name, metrics...}``, entities and dimensions on its
    columns."""
    semantic = node.get("semantic_model")
    if not (semantic is True or (isinstance(semantic, dict) and semantic.get("enabled", True))):
        return
    spec = semantic if isinstance(semantic, dict) else {}
    entities: dict[str, str] = {}
    dimensions: dict[str, str] = {}
    keys: set[str] = set()
    for col in as_list(node.get("columns")):
        if not isinstance(col, dict) or not text_of(col.get("name")):
            continue
        cname = str(text_of(col.get("name")))
        entity = col.get("entity")
        if entity is not None:
            ename = text_of(entity.get("name")) if isinstance(entity, dict) else None
            entities[ename or cname] = cname
            kind = entity.get("type") if isinstance(entity, dict) else entity
            if str(kind).lower() in _KEY_ENTITIES:
                keys.add(ename or cname)
        dim = col.get("dimension")
        if dim is not None:
            dname = text_of(dim.get("name")) if isinstance(dim, dict) else None
            dimensions[dname or cname] = cname
    sm = SemanticModel(
        text_of(spec.get("name")) or name,
        name,
        entities,
        dimensions,
        meta_owner(spec) or owner,
        group_of(spec) or group,
        Source(src.path, src.positions, (*src.at, "semantic_model")),
        keys,
    )
    reading.project.semantic_models[sm.name] = sm
    for key, holder, at in (
        ("metrics", spec, (*src.at, "semantic_model", "metrics")),
        ("metrics", node, (*src.at, "metrics")),
    ):
        listed = holder.get(key)
        for i, m in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(m, dict):
                read_metric(reading, m, Source(src.path, src.positions, (*at, i)), sm)
