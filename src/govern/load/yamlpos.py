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


def dotted(path: Path) -> str:
    """A path as messages write it: ``schema[0].properties[2].name``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def short_repr(value: Any) -> str:
    """A value as messages quote it, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _mark(node: yaml.Node) -> Mark:
    m = node.start_mark
    return Mark(m.line + 1, m.column + 1)


class _Builder:
    """Node graph -> values. With ``record`` it also records the mark of every
    key and value (slower; done only for documents that have findings)."""

    def __init__(self, text_length: int, *, record: bool) -> None:
        self.positions = Positions()
        self.issues: list[YamlIssue] = []
        self.value: Any = None
        self.record = record
        self._expanded = 0
        # Every written node takes at least a character or two of text, so a
        # document that expands to more nodes than it has characters (plus
        # slack) is made of aliases: a bomb, not data.
        self._budget = text_length * _EXPANSION_FACTOR // 10 + _EXPANSION_SLACK

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self._expanded += 1
        if self._expanded > self._budget:
            raise YamlError(
                "GOV012",
                _mark(node),
                "YAML aliases expand too far (an alias bomb?): refusing to expand more than "
                f"{self._budget:,} nodes",
            )
        if depth > _MAX_DEPTH:
            raise YamlError("GOV012", _mark(node), f"YAML nested deeper than {_MAX_DEPTH} levels")
        if self.record:
            self.positions.values[path] = _mark(node)
        cls = node.__class__
        if isinstance(node, yaml.ScalarNode):
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
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                self.issues.append(
                    YamlIssue(
                        "GOV002",
                        _mark(key_node),
                        f"duplicate key {key!r}: first defined at line {_mark(first).line}; "
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


@dataclass
class Parsed:
    value: Any
    issues: list[YamlIssue]


_DASHES = re.compile(rf"(?:-[ \t]+){{{_MAX_DEPTH + 1},}}")


def _too_deep(text: str) -> Mark | None:
    """Where the text nests deeper than we accept, checked before libyaml sees it.

    libyaml's composer recurses on the C stack: a megabyte of ``[`` crashes the
    process (SIGSEGV), where no Python guard can catch it. Deep nesting needs
    many openers on few lines (``[``, ``{``, ``- - -``): indentation alone
    costs quadratic text. So only a file with many openers is scanned."""
    if text.count("[") + text.count("{") + text.count("- ") < 2_000:
        return None
    dashes = _DASHES.search(text)
    if dashes is not None:
        return _offset_mark(text, dashes.start())
    depth, i, n = 0, 0, len(text)
    prev = "\n"  # the last character that is not a space
    while i < n:
        ch = text[i]
        if ch in "\"'" and prev in "\n:-[{,?":
            # A quoted scalar (a quote only opens one where a scalar starts,
            # so the apostrophe in `don't` is text): skip to its end.
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if ch == '"' and text[j] == "\\" else 1
            i, prev = j + 1, ch
            continue
        if ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
            continue
        if ch in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                return _offset_mark(text, i)
        elif ch in "]}":
            depth = max(0, depth - 1)
        if ch not in " \t":
            prev = ch
        i += 1
    return None


def _offset_mark(text: str, offset: int) -> Mark:
    line = text.count("\n", 0, offset) + 1
    return Mark(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _compose(text: str) -> yaml.Node | None:
    deep = _too_deep(text)
    if deep is not None:
        raise YamlError("GOV012", deep, f"YAML nested deeper than {_MAX_DEPTH} levels")
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
        raise YamlError("GOV012", Mark(1, 1), "YAML nested too deeply to read") from None


def _build(text: str, *, record: bool) -> _Builder:
    builder = _Builder(len(text), record=record)
    root = _compose(text)
    if root is not None:
        try:
            builder.value = builder.build(root, (), 0)
        except RecursionError:
            raise YamlError("GOV012", Mark(1, 1), "YAML nested too deeply to read") from None
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
    deep = _too_deep(text)
    if deep is not None:
        raise YamlError("GOV012", deep, f"YAML nested deeper than {_MAX_DEPTH} levels")
    try:
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
        builder = _Builder(len(text), record=True)
        if root is not None:
            try:
                builder.value = builder.build(root, (), 0)
            except RecursionError:
                raise YamlError("GOV012", Mark(1, 1), "YAML nested too deeply to read") from None
        out.append((builder.value, builder.positions, builder.issues))
    return out
