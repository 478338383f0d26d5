"""YAML to plain Python values, with the line and column of every key and value.

libyaml's ``CSafeLoader`` composes the node graph (fast, and it keeps marks);
we construct values ourselves so that we control what a scalar becomes:

* dates stay strings (a model field that wants a date parses them);
* only ``true``/``false`` are booleans, as in YAML 1.2, so ``country: NO``
  stays the text "NO" and ``10:00`` never becomes the sexagesimal 600;
* mapping keys are always the text the user wrote;
* duplicate keys are reported, never silently overwritten;
* an alias bomb ("billion laughs") is stopped after a bounded amount of work:
  libyaml shares aliased nodes, so only our expansion can blow up, and we
  count it;
* no tag ever constructs a Python object.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Key = str | int
Path = tuple[Key, ...]

_T = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = _T + "str", _T + "null", _T + "bool", _T + "int", _T + "float"
_TIMESTAMP, _MERGE, _MAP, _SEQ = _T + "timestamp", _T + "merge", _T + "map", _T + "seq"
_PLAIN_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _MAP, _SEQ, _T + "omap"}

_DECIMAL = re.compile(r"[-+]?[0-9]+")
_HEX = re.compile(r"[-+]?0x[0-9a-fA-F]+")
_OCT = re.compile(r"[-+]?0o[0-7]+")
_MAX_DEPTH = 64
# Expansion allowance: a file without aliases expands each node once; we allow
# ten expansions per distinct node plus slack before calling it a bomb.
_EXPANSION_FACTOR = 10
_EXPANSION_SLACK = 10_000


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class YamlIssue:
    """A non-fatal problem found while reading (duplicate key, odd tag)."""

    code: str
    mark: Mark
    message: str


class YamlError(Exception):
    """The file cannot be read as YAML at all."""

    def __init__(self, code: str, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.mark = mark
        self.message = message


@dataclass
class Positions:
    """Marks of every value and every mapping key, by path from the root."""

    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def value(self, path: Path) -> Mark:
        """Mark of the value at ``path``, or of its nearest ancestor that exists."""
        for i in range(len(path), -1, -1):
            found = self.values.get(path[:i])
            if found is not None:
                return found
        return Mark(1, 1)

    def key(self, path: Path) -> Mark:
        """Mark of the mapping key that names ``path`` (the value's for list items)."""
        found = self.keys.get(path)
        return found if found is not None else self.value(path)


def _mark(node: yaml.Node) -> Mark:
    m = node.start_mark
    return Mark(m.line + 1, m.column + 1)


class _Builder:
    def __init__(self) -> None:
        self.positions = Positions()
        self.issues: list[YamlIssue] = []
        self._seen: set[int] = set()
        self._expanded = 0

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self._expanded += 1
        self._seen.add(id(node))
        if self._expanded > _EXPANSION_FACTOR * len(self._seen) + _EXPANSION_SLACK:
            raise YamlError(
                "GOV012",
                _mark(node),
                "YAML aliases expand too far (an alias bomb?): refusing to expand "
                f"more than {self._expanded:,} nodes from {len(self._seen):,} written ones",
            )
        if depth > _MAX_DEPTH:
            raise YamlError("GOV012", _mark(node), f"YAML nested deeper than {_MAX_DEPTH} levels")
        self.positions.values[path] = _mark(node)
        self._check_tag(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        raise YamlError("GOV001", _mark(node), "unsupported YAML node")  # pragma: no cover

    def _check_tag(self, node: yaml.Node) -> None:
        tag = node.tag
        if tag in _PLAIN_TAGS or tag == _MERGE:
            return
        self.issues.append(
            YamlIssue(
                "GOV001",
                _mark(node),
                f"YAML tag {tag!r} is not supported; it is read as plain data",
            )
        )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            low = text.lower()
            return True if low == "true" else False if low == "false" else text
        if tag == _INT:
            digits = text.replace("_", "")
            if _DECIMAL.fullmatch(digits):
                return int(digits)
            if _HEX.fullmatch(digits):
                return int(digits, 16)
            if _OCT.fullmatch(digits):
                return int(digits.replace("0o", ""), 8)
            return text
        if tag == _FLOAT:
            low = text.lower().replace("_", "")
            if ":" in low:
                return text
            if low in (".inf", "+.inf"):
                return math.inf
            if low == "-.inf":
                return -math.inf
            if low == ".nan":
                return math.nan
            try:
                return float(low)
            except ValueError:
                return text
        return text

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        merged: list[tuple[yaml.Node, int]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.append((value_node, depth))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(
                    "GOV001",
                    _mark(key_node),
                    "a mapping key must be plain text, not a list or mapping",
                )
            key = key_node.value
            key_mark = _mark(key_node)
            if key in first_seen:
                self.issues.append(
                    YamlIssue(
                        "GOV002",
                        key_mark,
                        f"duplicate key {key!r}: first defined at line {first_seen[key].line}; "
                        "YAML keeps only one of them",
                    )
                )
                continue
            first_seen[key] = key_mark
            child = (*path, key)
            self.positions.keys[child] = key_mark
            result[key] = self.build(value_node, child, depth + 1)
        # Merge keys (<<): explicit keys win, as the YAML merge spec says.
        for value_node, d in merged:
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise YamlError("GOV001", _mark(source), "a merge key (<<) must name a mapping")
                for k, v in self._mapping(source, path, d).items():
                    result.setdefault(k, v)
        return result


@dataclass
class Parsed:
    value: Any
    positions: Positions
    issues: list[YamlIssue]


def parse(text: str) -> Parsed:
    """Parse one YAML document. Raises :class:`YamlError` when it is not YAML."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)
        problem = exc.problem or "not valid YAML"
        if problem.startswith("expected a single document"):
            problem = "the file holds more than one YAML document (---); govern expects one"
        elif exc.context:
            problem = f"{problem} ({exc.context})"
        raise YamlError("GOV001", where, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError("GOV001", Mark(1, 1), f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlError("GOV012", Mark(1, 1), "YAML nested too deeply to read") from None
    builder = _Builder()
    if root is None:
        return Parsed(None, builder.positions, [])
    try:
        value = builder.build(root, (), 0)
    except RecursionError:
        raise YamlError("GOV012", Mark(1, 1), "YAML nested too deeply to read") from None
    return Parsed(value, builder.positions, builder.issues)
