"""libyaml's node graph -> plain Python values (and, when asked, the mark of
every key and value); see yamlpos.py for what a scalar becomes, and why."""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from govern.load import yaml_caps as caps
from govern.load.marks import Mark, Path, Positions, YamlError, YamlIssue
from govern.load.quoting import short_repr
from govern.load.yaml_caps import MAX_DEPTH, MAX_DIGITS, MAX_KEY_LENGTH

_T = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = _T + "str", _T + "null", _T + "bool", _T + "int", _T + "float"
_TIMESTAMP, _MERGE, _MAP, _SEQ = _T + "timestamp", _T + "merge", _T + "map", _T + "seq"
_PLAIN_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _MAP, _SEQ, _T + "omap"}

_DECIMAL = re.compile(r"[-+]?[0-9]+")
_HEX = re.compile(r"[-+]?0x[0-9a-fA-F]+")


def _mark(node: yaml.Node) -> Mark:
    m = node.start_mark
    return Mark(m.line + 1, m.column + 1)


class Builder:
    """Node graph -> values. With ``record`` it also records the mark of every
    key and value (slower; done only for documents that have findings)."""

    def __init__(self, text_length: int, *, record: bool) -> None:
        self.positions = Positions()
        self.issues: list[YamlIssue] = []
        self.value: Any = None
        self.record = record
        self._expanded = 0
        self._budget = caps.node_budget(text_length)
        self._limit = min(self._budget, caps.MAX_VALUES)
        self._chars = 0
        self._char_budget = caps.text_budget(text_length)

    def _count_text(self, node: yaml.Node, length: int) -> None:
        self._chars += length
        if self._chars > self._char_budget:
            raise caps.too_much_text(_mark(node), self._char_budget)

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self._expanded += 1
        if self._expanded > self._limit:
            raise caps.too_many(_mark(node), self._budget, self._limit)
        if depth > MAX_DEPTH:
            raise caps.too_deep(_mark(node))
        if self.record:
            self.positions.values[path] = _mark(node)
        cls = node.__class__
        if isinstance(node, yaml.ScalarNode):
            self._count_text(node, len(node.value))
            if node.tag == _STR:  # the common case first
                return node.value
            self._check_tag(node)
            return self._scalar(node)
        if node.tag not in _PLAIN_TAGS:
            self._check_tag(node)
        if cls is yaml.SequenceNode:
            if self.record:
                return [
                    self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)
                ]
            return [self.build(item, path, depth + 1) for item in node.value]
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
            if len(digits) > MAX_DIGITS:
                return text  # Python refuses to convert it (or to print it) back and forth
            if _DECIMAL.fullmatch(digits):
                return int(digits)
            if _HEX.fullmatch(digits):
                return int(digits, 16)
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
        merged: list[yaml.Node] = []
        record = self.record
        firsts: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:
                raise YamlError(
                    "GOV001",
                    _mark(key_node),
                    "a mapping key must be plain text, not a list or mapping",
                )
            if key_node.tag == _MERGE:
                merged.append(value_node)
                continue
            key = key_node.value
            if len(key) > MAX_KEY_LENGTH:
                raise caps.key_too_long(_mark(key_node), len(key))
            self._count_text(key_node, len(key))
            first = firsts.get(key)
            if first is None:
                firsts[key] = key_node
            else:
                self.issues.append(
                    YamlIssue(
                        "GOV002",
                        _mark(key_node),
                        f"duplicate key {short_repr(key)}: first defined at line "
                        f"{_mark(first).line}; "
                        "YAML keeps only one of them",
                    )
                )
                continue
            if record:
                child = (*path, key)
                self.positions.keys[child] = _mark(key_node)
                result[key] = self.build(value_node, child, depth + 1)
            else:
                result[key] = self.build(value_node, path, depth + 1)
        # Merge keys (<<): explicit keys win, as the YAML merge spec says.
        for value_node in merged:
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise YamlError("GOV001", _mark(source), "a merge key (<<) must name a mapping")
                for k, v in self._mapping(source, path, depth).items():
                    result.setdefault(k, v)
        return result
