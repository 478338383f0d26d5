"""YAML to plain Python values, with the line and column of every key and value.

libyaml's ``CSafeLoader`` composes the node graph (fast, and it keeps marks);
we construct values ourselves so that we control what a scalar becomes:

* dates stay strings (a model field that wants a date parses them);
* only ``true``/``false`` are booleans, as in YAML 1.2, so ``country: NO``
  stays the text "NO" and ``10:00`` never becomes the sexagesimal 600;
* mapping keys are always the text the user wrote;
* duplicate keys are reported, never silently overwritten;
* an alias bomb ("billion laughs") is stopped after a bounded amount of work,
  and a document holds at most ``MAX_VALUES`` values and keys of at most
  ``MAX_KEY_LENGTH`` characters (the caps: ``yaml_caps.py``);
* no tag ever constructs a Python object.

One job a module: composing here (``parse``, ``positions``, ``parse_all``);
``yaml_build`` (node graph -> values), ``yaml_caps`` (the caps), ``marks``
(marks, positions, errors), ``quoting`` (values and paths in messages). The
names importers know are re-exported here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import yaml

from govern.load import yaml_caps as caps
from govern.load.marks import Key, Mark, Path, Positions, YamlError, YamlIssue
from govern.load.quoting import MAX_PATH, MAX_PATH_PART, MAX_QUOTED, dotted, middle_cut, short_repr
from govern.load.yaml_build import Builder
from govern.load.yaml_caps import MAX_KEY_LENGTH, MAX_VALUES

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = [
    "MAX_KEY_LENGTH",
    "MAX_PATH",
    "MAX_PATH_PART",
    "MAX_QUOTED",
    "MAX_VALUES",
    "Key",
    "Mark",
    "Parsed",
    "Path",
    "Positions",
    "YamlError",
    "YamlIssue",
    "dotted",
    "middle_cut",
    "parse",
    "parse_all",
    "positions",
    "short_repr",
]


@dataclass
class Parsed:
    value: Any
    issues: list[YamlIssue]


def _compose(text: str) -> yaml.Node | None:
    deep = caps.deep_nesting(text)
    if deep is not None:
        raise caps.too_deep(deep)
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)
        problem = exc.problem or "not valid YAML"
        if "expected a single document" in f"{exc.problem} {exc.context}":
            problem = "the file holds more than one YAML document (---); govern expects one"
        elif exc.context:
            problem = f"{problem} ({exc.context})"
        raise YamlError("GOV001", where, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError("GOV001", Mark(1, 1), f"invalid YAML: {exc}") from None
    except RecursionError:
        raise caps.recursion() from None


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: composing a node graph creates
    objects and no garbage, and each collection it triggers walks all of them,
    so a large file took quadratic time (3.6 s instead of 0.6 s for 1.9 MB)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(text: str, *, record: bool) -> Builder:
    builder = Builder(len(text), record=record)
    with _no_gc():
        root = _compose(text)
        if root is not None:
            try:
                builder.value = builder.build(root, (), 0)
            except RecursionError:
                raise caps.recursion() from None
    return builder


def parse(text: str) -> Parsed:
    """Parse one YAML document to values. Raises :class:`YamlError` when it is not YAML."""
    builder = _build(text, record=False)
    return Parsed(builder.value, builder.issues)


def positions(text: str) -> Positions:
    """The marks of every key and value of a document :func:`parse` accepted."""
    return _build(text, record=True).positions


def parse_all(text: str) -> list[tuple[Any, Positions, list[YamlIssue]]]:
    """Every document of a multi-document stream (``---``), each with its
    marks: the MetricFlow layout keeps one ``metric:`` per document. Files
    outside the governance repository (a dbt project) are read this way; they
    are few, so their marks are recorded at once."""
    deep = caps.deep_nesting(text)
    if deep is not None:
        raise caps.too_deep(deep)
    try:
        with _no_gc():
            roots = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)
        problem = exc.problem or "not valid YAML"
        raise YamlError("GOV001", where, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError("GOV001", Mark(1, 1), f"invalid YAML: {exc}") from None
    out: list[tuple[Any, Positions, list[YamlIssue]]] = []
    for root in roots:
        builder = Builder(len(text), record=True)
        if root is not None:
            try:
                builder.value = builder.build(root, (), 0)
            except RecursionError:
                raise caps.recursion() from None
        out.append((builder.value, builder.positions, builder.issues))
    return out
