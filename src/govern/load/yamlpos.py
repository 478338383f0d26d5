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
  count it, in nodes and in characters of text;
* a document holds at most ``MAX_VALUES`` values and its keys are at most
  ``MAX_KEY_LENGTH`` characters long, so that what the rules and the messages
  do per value stays bounded whatever a file holds;
* no tag ever constructs a Python object.
"""

from __future__ import annotations

import gc
import itertools
import math
import re
import reprlib
from collections.abc import Iterator
from contextlib import contextmanager
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
# An integer of more digits stays text (where a number is wanted, that is a
# finding): Python converts at most 4,300 decimal digits to or from text.
_MAX_DIGITS = 1_000
# Expansion allowance: a file without aliases expands each node once; we allow
# ten expansions per distinct node plus slack before calling it a bomb.
_EXPANSION_FACTOR = 10
_EXPANSION_SLACK = 10_000
# Characters of scalars and keys, counted at each expansion: a file without
# aliases expands each once (no scalar is longer than its text), so twice
# the text plus slack leaves room for anchors reused a few times, not for one
# long text repeated into thousands of places (and of messages).
_TEXT_FACTOR = 2
_TEXT_SLACK = 100_000
# Values (scalars, lists, mappings; aliases expanded) of one document. A
# contract of 10,000 fields with a handful of attributes each stays under it.
MAX_VALUES = 100_000
# libyaml refuses a plain key longer than this; an explicit key (`? ...`) is
# held to the same length. Paths in messages repeat every key above a value.
MAX_KEY_LENGTH = 1_024
# What a message quotes of one value, and of a path (docs/security.md).
MAX_QUOTED = 40
MAX_PATH_PART = 80
MAX_PATH = 200


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
    """A path as messages write it: ``schema[0].properties[2].name``; a key
    longer than 80 characters is cut, and a path longer than 200 characters
    keeps its start and its end."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = part if len(part) <= MAX_PATH_PART else part[: MAX_PATH_PART - 3] + "..."
            out += f".{text}" if out else text
    return middle_cut(out, MAX_PATH)


def middle_cut(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long: its start and its end, and
    between them how many characters were left out."""
    if len(text) <= limit:
        return text
    room = max(0, limit - len(f"...({len(text):,} characters left out)..."))
    head = room * 2 // 3
    tail = room - head
    end = text[len(text) - tail :] if tail else ""
    return f"{text[:head]}...({len(text) - head - tail:,} characters left out)...{end}"


def short_repr(value: Any) -> str:
    """A value as messages quote it, cut to 40 characters (a long text is cut
    before it is quoted: its whole ``repr`` is never built)."""
    # A list or mapping: a few items of the first levels.
    text = _head_repr(value, MAX_QUOTED) if isinstance(value, str) else _BOUNDED_REPR.repr(value)
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 3] + "..."


def _head_repr(text: str, length: int) -> str:
    """``repr`` of the first ``length`` characters of ``text``, with the quotes
    ``repr(text)`` has (" when it holds ' and no ")."""
    head = text[:length]
    if len(text) > length:
        head += "'" if "'" in text and '"' not in text else '"'
    return repr(head)


class _BoundedRepr(reprlib.Repr):
    """``repr`` that stops after what a quote of 40 characters can show (its
    first 37 characters are those of ``repr``), so a huge list is not written
    out whole to be cut; mappings keep their order (reprlib sorts them)."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 6
        self.maxtuple = self.maxlist = self.maxset = self.maxfrozenset = self.maxdict = 14
        self.maxstring = self.maxlong = self.maxother = 2 * MAX_QUOTED

    def repr_str(self, x: str, level: int) -> str:
        return _head_repr(x, self.maxstring)

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        pieces = [
            f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
            for k, v in itertools.islice(x.items(), self.maxdict)
        ]
        if len(x) > self.maxdict:
            pieces.append("...")
        return "{" + ", ".join(pieces) + "}"


_BOUNDED_REPR = _BoundedRepr()


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
        self._limit = min(self._budget, MAX_VALUES)
        self._chars = 0
        self._char_budget = text_length * _TEXT_FACTOR + _TEXT_SLACK

    def _too_many(self, node: yaml.Node) -> YamlError:
        if self._limit == MAX_VALUES:
            message = (
                f"the document holds more than {MAX_VALUES:,} values (aliases expanded); "
                f"govern reads at most {MAX_VALUES:,} per file"
            )
        else:
            message = (
                "YAML aliases expand too far (an alias bomb?): refusing to expand more than "
                f"{self._budget:,} nodes"
            )
        return YamlError("GOV012", _mark(node), message)

    def _count_text(self, node: yaml.Node, length: int) -> None:
        self._chars += length
        if self._chars > self._char_budget:
            raise YamlError(
                "GOV012",
                _mark(node),
                "YAML aliases repeat too much text (an alias bomb?): refusing to expand more "
                f"than {self._char_budget:,} characters",
            )

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self._expanded += 1
        if self._expanded > self._limit:
            raise self._too_many(node)
        if depth > _MAX_DEPTH:
            raise YamlError("GOV012", _mark(node), f"YAML nested deeper than {_MAX_DEPTH} levels")
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
            if len(digits) > _MAX_DIGITS:
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
                raise YamlError(
                    "GOV012",
                    _mark(key_node),
                    f"a mapping key of {len(key):,} characters: govern reads keys of at most "
                    f"{MAX_KEY_LENGTH:,}",
                )
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


def _build(text: str, *, record: bool) -> _Builder:
    builder = _Builder(len(text), record=record)
    with _no_gc():
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
        builder = _Builder(len(text), record=True)
        if root is not None:
            try:
                builder.value = builder.build(root, (), 0)
            except RecursionError:
                raise YamlError("GOV012", Mark(1, 1), "YAML nested too deeply to read") from None
        out.append((builder.value, builder.positions, builder.issues))
    return out
