"""Text of one file -> a typed :class:`Document` plus the problems found.

Shape errors come from pydantic and are mapped back to the line and column of
the offending key or value. A document with shape errors is pruned of the
offending parts and validated again, so the rest of it is still checked by
the rules (all findings of a file at once, not the first only).
"""

from __future__ import annotations

import copy
import difflib
import re
import typing
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, Union

from pydantic import BaseModel, ValidationError

from govern.findings import Location, Problem
from govern.load import odcs
from govern.load.yamlpos import (
    Mark,
    Path,
    Positions,
    YamlError,
    dotted,
    parse,
    positions,
    short_repr,
)
from govern.model.contract import Contract
from govern.model.metric import Metric
from govern.model.ownership import Ownership

DocKind = Literal["contract", "metric", "ownership"]
M = TypeVar("M", bound=BaseModel)

MODELS: dict[str, type[BaseModel]] = {
    "contract": Contract,
    "metric": Metric,
    "ownership": Ownership,
}
# When a required top-level key is missing or malformed, the document is
# validated again with a neutral stand-in, so that the rules still check the
# rest of it (the key's own problem is already reported). The id is never
# stood in for: without it the document cannot be referred to.
_STAND_INS: dict[type[BaseModel], dict[str, Any]] = {
    Contract: {"version": "0.0.0", "status": "draft", "kind": "event", "schema": {}},
}
_OWNERSHIP_KEYS = ("teams", "pipelines", "datasets", "raci")
# Fields of one native contract, nested fields and array items counted: more
# is refused (GOV012) before validation and rules, which work per field.
MAX_FIELDS = 10_000
# The opening of a suppression; its codes run to the next `]`. (One pattern
# for both scanned to the end of the line from each `# govern: ignore[`
# without a `]`: quadratic in a line of many of them.)
_SUPPRESS = re.compile(r"(?:^|(?<=\s))#\s*govern:\s*ignore\[")
# Quoted scalars, blanked out before looking for a suppression comment, so
# that `description: "see # govern: ignore[GOV1]"` is text, not a comment.
_QUOTED = re.compile(r"""(?:^|(?<=[\s:\[{,-]))(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')""")


@dataclass
class Suppression:
    line: int  # the line the comment is on
    column: int
    target: int  # the line it silences
    codes: tuple[str, ...]


class LazyPositions:
    """Positions computed on first use by reading the text again: most
    documents have no findings, and recording a mark for every key and value
    of every file costs more time and memory than the rest of loading."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._positions: Positions | None = None

    def get(self) -> Positions:
        if self._positions is None:
            assert self._text is not None
            self._positions = positions(self._text)
            self._text = None
        return self._positions

    def value(self, path: Path) -> Mark:
        return self.get().value(path)

    def key(self, path: Path) -> Mark:
        return self.get().key(path)

    def written_key(self, path: Path) -> Mark | None:
        """The mark of the key at exactly ``path``; None when it is not written."""
        return self.get().keys.get(path)


@dataclass
class Document(Generic[M]):
    path: str
    kind: DocKind
    model: M | None  # None when the shape is too broken to build the model
    # The values as written, kept only for a document with shape errors (the
    # model lacks what was pruned; rules look there before reporting "missing").
    # A complete document's model holds it all: `{}` saves memory (half of it
    # on 10,000 contracts).
    data: dict[str, Any]
    positions: LazyPositions
    suppressions: list[Suppression] = field(default_factory=list)
    # False when the file had shape errors and the model was built from the
    # rest of it: good enough for lint, never for a verdict on a change.
    complete: bool = True

    def at(self, *path: str | int) -> Location:
        """Location of the value at ``path`` (or its nearest existing ancestor)."""
        mark = self.positions.value(path)
        return Location(self.path, mark.line, mark.column)

    def key_at(self, *path: str | int) -> Location:
        """Location of the key that names ``path``."""
        mark = self.positions.key(path)
        return Location(self.path, mark.line, mark.column)


@dataclass
class Loaded:
    document: Document[Any] | None
    problems: list[Problem]


def load_text(path: str, text: str) -> Loaded:
    try:
        parsed = parse(text)
    except YamlError as exc:
        return Loaded(
            None, [Problem(Location(path, exc.mark.line, exc.mark.column), exc.message, exc.code)]
        )
    problems = [
        Problem(Location(path, i.mark.line, i.mark.column), i.message, i.code)
        for i in parsed.issues
    ]
    value = parsed.value
    if value is None:
        problems.append(Problem(Location(path), "file is empty: nothing to check", "GOV006"))
        return Loaded(None, problems)
    if not isinstance(value, dict):
        what = "a list" if isinstance(value, list) else "a single value"
        problems.append(
            Problem(
                Location(path),
                f"the file is {what}; a governed file is a mapping of keys "
                "(a contract, a metric, or ownership)",
                "GOV007",
            )
        )
        return Loaded(None, problems)
    if odcs.is_odcs(value):
        return _load_odcs(path, text, value, problems)
    kind = classify(value)
    if kind is None:
        problems.append(Problem(Location(path), _unknown_kind_message(path, value), "GOV008"))
        return Loaded(None, problems)
    marks = LazyPositions(text)
    if kind == "contract" and field_count(value.get("schema")) > MAX_FIELDS:
        mark = marks.key(("schema",))
        message = (
            f"the contract has more than {MAX_FIELDS:,} fields (nested fields and array items "
            f"counted); govern checks contracts of at most {MAX_FIELDS:,} fields"
        )
        problems.append(Problem(Location(path, mark.line, mark.column), message, "GOV012"))
        return Loaded(None, problems)
    model, shape = validate(MODELS[kind], value, marks, path)
    problems += shape
    doc: Document[Any] = Document(
        path, kind, model, value if shape else {}, marks, suppressions(text), complete=not shape
    )
    return Loaded(doc, problems)


class OdcsPositions(LazyPositions):
    """Positions of an ODCS file, asked for by native paths (the rules know
    only those): each is translated to the ODCS path it was mapped from
    (``schema.tbl.fields.id.type`` -> ``schema[0].properties[2].logicalType``),
    then looked up as usual (the nearest existing ancestor when the key is not
    written). The key of a field is its list item, so it points at the
    property's ``name:``."""

    def __init__(self, text: str, routes: dict[Path, Path] | None = None) -> None:
        super().__init__(text)
        self.routes: dict[Path, Path] = routes or {}  # none: ODCS paths as they are

    def value(self, path: Path) -> Mark:
        return super().value(odcs.translate(self.routes, path))

    def key(self, path: Path) -> Mark:
        return super().key(odcs.translate(self.routes, path))

    def written_key(self, path: Path) -> Mark | None:
        translated = odcs.translate(self.routes, path)
        # A field's key is its list item (no key of its own): its value's mark.
        if translated and isinstance(translated[-1], int):
            return super().value(translated) if translated in self.get().values else None
        return super().written_key(translated)


def _load_odcs(path: str, text: str, value: dict[str, Any], problems: list[Problem]) -> Loaded:
    """An ODCS v3 file: schema errors at their lines, then the native contract."""
    marks = OdcsPositions(text)
    shape = odcs.cached_schema_problems(text, value, marks, path)  # by ODCS paths: no routes yet
    problems += shape
    mapped = odcs.map_contract(value)
    marks.routes = mapped.routes
    # The model holds all the rules read; without one, `data` still names the
    # contract, so that references to it do not cascade (as for a native file).
    data = {} if mapped.contract is not None else {"contract": value.get("id")}
    doc: Document[Any] = Document(
        path, "contract", mapped.contract, data, marks, suppressions(text), complete=not shape
    )
    return Loaded(doc, problems)


_TOP_ID = re.compile(r"""^(?:contract|metric):[ \t]*["']?([^"'#\s]+)""", re.MULTILINE)
_SECTION = re.compile(r"^(teams|pipelines|datasets|raci):[ \t]*(?:#.*)?$")
# A child key: the name runs to the first quote, `#` or `:` (greedy, so the
# match never backtracks), then what must follow it is checked on its own.
# (One lazy pattern for both took quadratic time on a line of spaces.)
_CHILD = re.compile(r"""([ \t]+)["']?([^"'#\s:][^"'#:]*)""")
_CHILD_END = re.compile(r"""["']?[ \t]*:(?:[ \t]|$)""")


def field_count(schema: Any) -> int:
    """Fields of a native contract's ``schema`` as written (nested ``fields``
    and ``items`` counted), whatever their shape."""
    count = 0
    stack = [schema]
    while stack:
        fields = stack.pop()
        if not isinstance(fields, dict):
            continue
        for f in fields.values():
            count += 1
            if isinstance(f, dict):
                stack.append(f.get("fields"))
                if "items" in f:
                    stack.append({"items": f["items"]})
    return count


def recover_ids(text: str) -> set[str]:
    """Ids named in a file that is not valid YAML, read from its lines, so that
    references to them do not cascade into "unknown" findings: the file's own
    GOV001 is the one problem to fix."""
    ids = set(_TOP_ID.findall(text))
    indent: str | None = None
    in_section = False
    for line in text.splitlines():
        if _SECTION.match(line):
            in_section, indent = True, None
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_section = False
            continue
        m = _CHILD.match(line) if in_section else None
        if m is not None and not _CHILD_END.match(line, m.end()):
            m = None
        if m:
            if indent is None:
                indent = m.group(1)
            if m.group(1) == indent:
                ids.add(m.group(2).strip())
    return ids


def classify(value: dict[str, Any]) -> DocKind | None:
    if "contract" in value:
        return "contract"
    if "metric" in value:
        return "metric"
    if any(k in value for k in _OWNERSHIP_KEYS):
        return "ownership"
    return None


def _unknown_kind_message(path: str, value: dict[str, Any]) -> str:
    if value.get("kind") == "DataContract" or "apiVersion" in value:
        version = short_repr(value.get("apiVersion"))
        return (
            f"this looks like an ODCS contract, but apiVersion {version} is not "
            "one govern reads: govern reads ODCS v3 (`apiVersion: v3.x.y`, `kind: DataContract`)"
        )
    if "semantic_models" in value or "metrics" in value:
        return "this looks like a dbt semantic-layer file; govern reads native metrics (`metric:`)"
    top = path.split("/", 1)[0]
    expected = {
        "contracts": "`contract: <id>`",
        "metrics": "`metric: <id>`",
        "ownership": "`teams:`, `pipelines:`, `datasets:` or `raci:`",
    }.get(top, "`contract:`, `metric:`, `teams:`, `pipelines:`, `datasets:` or `raci:`")
    keys = ", ".join(f"`{dotted((k,))}`" for k in list(value)[:4])
    return f"unknown document kind: expected {expected} at the top, found {keys}"


def suppressions(text: str) -> list[Suppression]:
    if "govern:" not in text:
        return []
    found: list[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "govern:" not in line:
            continue
        blanked = _QUOTED.sub(lambda q: " " * len(q.group()), line)
        m = _SUPPRESS.search(blanked)
        close = blanked.find("]", m.end()) if m is not None else -1
        if m is None or close == -1:
            continue
        codes = tuple(c.strip() for c in blanked[m.end() : close].split(",") if c.strip())
        own_line = line[: m.start()].strip() == ""
        found.append(Suppression(number, m.start() + 1, number + 1 if own_line else number, codes))
    return found


# --- validation ---------------------------------------------------------------------------


def validate(
    model: type[M], data: dict[str, Any], positions: LazyPositions, path: str
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = _problems(model, data, positions, path, errors)
    pruned = copy.deepcopy(data)
    stand_ins = _STAND_INS.get(model, {})
    for _ in range(4):
        if not _prune(pruned, errors, stand_ins):
            return None, problems
        try:
            return model.model_validate(pruned), problems
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, problems


def _resolve(data: Any, loc: tuple[Any, ...]) -> tuple[Path, list[Any]]:
    """Map a pydantic ``loc`` to a path in the data, dropping the names pydantic
    adds for union members and validators; also return the dropped tail."""
    path: list[str | int] = []
    cur = data
    rest: list[Any] = []
    for i, part in enumerate(loc):
        in_dict = isinstance(cur, dict) and part in cur
        in_list = isinstance(cur, list) and isinstance(part, int) and part < len(cur)
        if in_dict or in_list:
            path.append(part)
            cur = cur[part]
        else:
            rest = list(loc[i:])
            if isinstance(part, str) and (part in _UNION_TAGS or part.startswith("function-")):
                continue
            break
    return tuple(path), rest


_UNION_TAGS = {"str", "int", "float", "bool", "Deprecation", "none", "list", "dict"}


def _problems(
    model: type[BaseModel],
    data: dict[str, Any],
    positions: LazyPositions,
    path: str,
    errors: list[Any],
) -> list[Problem]:
    out: dict[tuple[int, int, str], Problem] = {}
    for err in errors:
        loc = tuple(err["loc"])
        data_path, rest = _resolve(data, loc)
        kind = err["type"]
        if kind == "missing":
            code = "GOV005"
            mark = positions.value(data_path)
            name = rest[-1] if rest else loc[-1]
            where = dotted(data_path) or "the top level"
            message = f"missing required key `{name}` in {where}"
        elif kind == "extra_forbidden":
            code = "GOV003"
            mark = positions.key(data_path)
            name = str(data_path[-1]) if data_path else str(loc[-1])
            allowed = _allowed_keys(model, data_path[:-1])
            hint = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            where = dotted(data_path[:-1]) or "the top level"
            message = f"unknown key `{dotted((name,))}` in {where}"
            if hint:
                message += f": did you mean `{hint[0]}`?"
            elif allowed:
                message += f" (allowed: {', '.join(allowed)})"
        else:
            code = "GOV004"
            mark = positions.value(data_path)
            message = _type_message(err, data_path)
        key = (mark.line, mark.column, code)
        if key in out:  # one report for the several members of a union
            continue
        out[key] = Problem(Location(path, mark.line, mark.column), message, code)
    return list(out.values())


def _type_message(err: Any, data_path: Path) -> str:
    name = f"`{dotted(data_path)}`" if data_path else "the document"
    got = _yaml_type(err.get("input"))
    kind = err["type"]
    expected = {
        "string_type": "text",
        "int_type": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "date_type": "a date (YYYY-MM-DD)",
        "date_parsing": "a date (YYYY-MM-DD)",
        "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
        "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    }.get(kind)
    if kind == "literal_error":
        return f"{name} must be one of {err['ctx']['expected']}, not {short_repr(err.get('input'))}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{name}: {err['msg'].lower()}"
    if expected is None:
        return f"{name}: {err['msg']}"
    message = f"{name} must be {expected}, not {got}"
    if kind == "string_type" and isinstance(err.get("input"), (int, float)):
        message += f' (quote it: "{short_repr(err["input"])}")'
    return message


def _yaml_type(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {short_repr(value)}"
    if isinstance(value, str):
        return f"the text {short_repr(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _allowed_keys(model: type[BaseModel], parent: Path) -> list[str]:
    """The keys a mapping at ``parent`` may hold, by walking the model's types."""
    tp: Any = model
    for part in parent:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            f = next((f for n, f in tp.model_fields.items() if (f.alias or n) == part), None)
            if f is None:
                return []
            tp = f.annotation
        else:
            args = typing.get_args(tp)
            if typing.get_origin(tp) is dict and len(args) == 2:
                tp = args[1]
            elif typing.get_origin(tp) is list and args:
                tp = args[0]
            else:
                return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin is Union or type(tp).__name__ == "UnionType":
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else members[0]
            continue
        return tp


def _prune(data: dict[str, Any], errors: list[Any], stand_ins: dict[str, Any]) -> bool:
    """Remove what each error points at; False when an error cannot be pruned
    (a required top-level key with no stand-in)."""
    targets: list[Path] = []
    for err in errors:
        loc = tuple(err["loc"])
        data_path, _ = _resolve(data, loc)
        top = loc[0] if loc else None
        if (
            len(data_path) <= 1
            and isinstance(top, str)
            and top in stand_ins
            and (err["type"] == "missing" or data_path == (top,))
        ):
            data[top] = copy.deepcopy(stand_ins[top])
            continue
        if not data_path:
            return False
        # For a missing key, the mapping lacking it goes (data_path is that mapping).
        targets.append(data_path)
    # Deepest first, lists from the end, so earlier removals do not shift later ones.
    for target in sorted(set(targets), key=lambda p: (len(p), [str(x) for x in p]), reverse=True):
        parent: Any = data
        for part in target[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        if isinstance(parent, dict):
            parent.pop(target[-1], None)
        elif isinstance(parent, list) and isinstance(target[-1], int) and target[-1] < len(parent):
            parent.pop(target[-1])
    return True
