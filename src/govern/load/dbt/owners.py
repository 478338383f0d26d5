"""Who owns what in a dbt project: a group's owner (``groups:``), and the owner
of a semantic model or a metric that names none itself (docs/dbt.md, Owners)."""

from __future__ import annotations

from typing import Any

from govern.load.dbt.node import metric_input, text_of
from govern.load.dbt.objects import DbtProject, Group, Measure, RawMetric


def read_group(project: DbtProject, node: dict[str, Any]) -> None:
    """A group of ``groups:``: its owner is the owner's name, else their email."""
    name = text_of(node.get("name"))
    owner = node.get("owner")
    if name:
        who = None
        if isinstance(owner, dict):
            who = text_of(owner.get("name")) or text_of(owner.get("email"))
        project.groups[name] = Group(name, who)


def group_owner(project: DbtProject, group: str | None) -> str | None:
    found = project.groups.get(group) if group else None
    return found.owner if found else None


def fill_semantic_model_owners(project: DbtProject) -> None:
    """A semantic model without ``meta.owner`` is its group's: groups may be
    defined in any file, so this waits until every file is read."""
    for sm in project.semantic_models.values():
        if sm.owner is None:
            sm.owner = group_owner(project, sm.group)


def metric_owner(
    project: DbtProject, raw: RawMetric, seen: frozenset[str]
) -> tuple[str | None, str | None]:
    """(owner, group) of a metric: its own `meta.owner` and group; else,
    for a simple or cumulative metric, its semantic model's (through the
    input metric of a cumulative one in the latest spec). A loop, not a
    recursion: a chain of a thousand input metrics is a file a stranger can
    write, and must not exhaust the stack."""
    visited = set(seen)
    while True:
        if raw.owner or raw.group:
            return raw.owner or group_owner(project, raw.group), raw.group
        if raw.type not in ("simple", "measure_proxy", "cumulative") or raw.name in visited:
            return None, None
        measure = _measure_of(project, raw)
        sm = measure.semantic_model if measure is not None else raw.semantic_model
        if sm is not None:
            return sm.owner, sm.group
        name, _, _, _ = metric_input(raw.params.get("input_metric"))
        other = project.raw_metrics.get(name or "")
        if other is None:
            return None, None
        visited.add(raw.name)
        raw = other


def _measure_of(project: DbtProject, raw: RawMetric) -> Measure | None:
    if raw.type not in ("simple", "measure_proxy", "cumulative"):
        return None
    name, _, _, _ = metric_input(raw.params.get("measure"))
    return project.measures.get(name) if name else None
