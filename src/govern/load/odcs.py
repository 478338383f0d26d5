"""ODCS v3 contracts (Open Data Contract Standard, Bitol) read as native contracts.

A file with ``kind: DataContract`` (and ``apiVersion: v3.x.y``) is:

1. validated against the official ODCS JSON Schema shipped by the
   ``open-data-contract-standard`` package, every error reported with the
   line and column of the offending key or value (GOV003 unknown key, GOV004
   wrong type or value, GOV005 missing key);
2. mapped onto :class:`govern.model.contract.Contract`, so that every rule
   runs on it as on a native contract;
3. given positions that map the native paths the rules ask for (``schema``,
   ``<object>``, ``fields``, ``<property>``, ``type``...) back to where the
   ODCS file says it (``schema[i].properties[j].logicalType``), or to the
   nearest thing that exists there.

The mapping is documented in docs/formats.md ("ODCS v3"). In short: each
``schema[]`` object is a native field of type ``object`` named by the
object's ``name``, whose ``fields`` are its ``properties`` (so a property's
element path is ``schema.<object>.<property>``, the same whether the contract
has one object or several, and removing an object is removing a field). The
exception is a contract written from govern's format (``govern convert``): its
one schema object, marked ``govern.root: true``, holds the native top-level
fields, whose element paths stay ``schema.<field>``. What the native format
says and ODCS has no key for is kept in ``govern.*`` custom properties.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from pydantic import ValidationError

from govern.findings import Location, Problem
from govern.load.yamlpos import Path, dotted, short_repr
from govern.model.contract import Contract

ODCS_KIND = "DataContract"
# govern's own keys in ODCS `customProperties` (on the contract, on a schema
# object, on a property): what the native format says and ODCS has no key for.
PREFIX = "govern."
CP_OWNER = "govern.owner"  # contract: the govern team id that owns it
CP_KIND = "govern.kind"  # contract: event, table, view, api, file, stream
CP_NOTICE_DAYS = "govern.notice_days"  # contract: change_policy.notice_days
CP_CHANNEL = "govern.channel"  # contract: change_policy.channel
CP_DEPRECATED = "govern.deprecated"  # contract or property: the deprecation notice
CP_PRODUCER = "govern.producer"  # contract: producer
CP_DATASET = "govern.dataset"  # contract: dataset
CP_CONSUMERS = "govern.consumers"  # contract: consumers (the native list)
CP_NOTICES = "govern.notices"  # contract: notices
CP_WAIVERS = "govern.waivers"  # contract: waivers
CP_DELIVERY = "govern.delivery"  # contract: sla.delivery
CP_PII = "govern.pii"  # property: true/false
CP_MASKING = "govern.masking"  # property: how PII is masked
CP_ENUM = "govern.enum"  # property: the allowed values
# property: a constraint that ODCS's logicalTypeOptions cannot hold for the type
CP_PATTERN = "govern.pattern"
CP_MIN = "govern.min"
CP_MAX = "govern.max"
CP_MIN_LENGTH = "govern.min_length"
CP_MAX_LENGTH = "govern.max_length"
CP_TYPE = "govern.type"  # property: the native type, when the ODCS types do not say it
CP_ROOT = "govern.root"  # schema object: its properties are the native top-level fields

# Contract-level custom properties -> the native path each one fills.
CONTRACT_PROPERTIES: dict[str, Path] = {
    CP_OWNER: ("owner",),
    CP_KIND: ("kind",),
    CP_PRODUCER: ("producer",),
    CP_DATASET: ("dataset",),
    CP_CONSUMERS: ("consumers",),
    CP_NOTICE_DAYS: ("change_policy", "notice_days"),
    CP_CHANNEL: ("change_policy", "channel"),
    CP_DELIVERY: ("sla", "delivery"),
    CP_NOTICES: ("notices",),
    CP_WAIVERS: ("waivers",),
    CP_DEPRECATED: ("deprecated",),
}
# Property-level (and schema-object-level) custom properties -> the native field key.
FIELD_PROPERTIES: dict[str, str] = {
    CP_TYPE: "type",
    CP_ENUM: "enum",
    CP_PATTERN: "pattern",
    CP_MIN: "min",
    CP_MAX: "max",
    CP_MIN_LENGTH: "min_length",
    CP_MAX_LENGTH: "max_length",
    CP_PII: "pii",
    CP_MASKING: "masking",
    CP_DEPRECATED: "deprecated",
}
OBJECT_PROPERTIES: tuple[str, ...] = (*FIELD_PROPERTIES, CP_ROOT)

_STATUS = {"active": "active", "deprecated": "deprecated", "retired": "retired"}
PHYSICAL_KIND = {
    "table": "table",
    "view": "view",
    "materialized_view": "view",
    "topic": "stream",
    "stream": "stream",
    "file": "file",
    "api": "api",
    "event": "event",
}
_NATIVE_CLASSIFICATION = {"public", "internal", "confidential", "restricted"}
PII_CLASSIFICATION = {"pii", "personal", "sensitive"}
_SMALL_INT = {"int", "integer", "int32", "int4", "smallint", "tinyint", "int16", "int8", "short"}
_UNITS = {
    "s": "s",
    "sec": "s",
    "second": "s",
    "seconds": "s",
    "m": "m",
    "min": "m",
    "minute": "m",
    "minutes": "m",
    "h": "h",
    "hr": "h",
    "hour": "h",
    "hours": "h",
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "week": "w",
    "weeks": "w",
    "y": "y",
    "yr": "y",
    "year": "y",
    "years": "y",
}
_PHYSICAL_TYPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(n?var)?char\b|^string$|^text$|^uuid$|^n?varchar2?\b|^clob$"), "string"),
    (re.compile(r"^(big ?int|int64|int8|long|bigserial)$"), "long"),
    (re.compile(r"^(int|integer|int32|int4|smallint|tinyint|int16|short|serial)$"), "integer"),
    (re.compile(r"^(double|double precision|float8|float64)$"), "double"),
    (re.compile(r"^(float|real|float4|float32)(\(.*\))?$"), "float"),
    (re.compile(r"^(bool|boolean)$"), "boolean"),
    (re.compile(r"^date$"), "date"),
    (re.compile(r"^(timestamp_?tz|timestamp with time zone|timestamptz)$"), "timestamp_tz"),
    (re.compile(r"^(timestamp|datetime|timestamp_ntz)(\(\d+\))?$"), "timestamp"),
    (re.compile(r"^time$"), "time"),
    (re.compile(r"^(json|jsonb|variant)$"), "json"),
    (re.compile(r"^(bytes|binary|varbinary|blob|bytea)$"), "bytes"),
    (re.compile(r"^(struct|record|object|map)\b"), "object"),
    (re.compile(r"^(array|list)\b"), "array"),
]
_DECIMAL = re.compile(r"^(?:decimal|numeric|number)\(\s*(\d+)\s*,\s*(\d+)\s*\)$")


def is_odcs(value: dict[str, Any]) -> bool:
    """A mapping that says it is an ODCS v3 data contract (or an ODCS file
    whose apiVersion is missing or malformed: the schema says what is wrong)."""
    if "contract" in value or value.get("kind") != ODCS_KIND:
        return False
    api = value.get("apiVersion")
    return not (isinstance(api, str) and not api.startswith("v3"))


# --- the schema -----------------------------------------------------------------------------


# apiVersion -> the schema file in the `open_data_contract_standard` package.
# The package (3.2.0) ships one schema, `schema.json`, whose `apiVersion`
# enum accepts every v3 version (v3.0.0 to v3.2.0): it is chosen for all of
# them. Should a later package ship one file per version, add it here.
SCHEMA_FILES: dict[str, str] = {}
DEFAULT_SCHEMA_FILE = "schema.json"


def schema_file(api_version: object) -> str:
    if isinstance(api_version, str):
        return SCHEMA_FILES.get(api_version, DEFAULT_SCHEMA_FILE)
    return DEFAULT_SCHEMA_FILE


@functools.cache
def _validator(name: str) -> Any:
    # Imported here: only a repository with ODCS files pays for it (and
    # through importlib, as jsonschema ships no type hints).
    jsonschema: Any = importlib.import_module("jsonschema")

    text = resources.files("open_data_contract_standard").joinpath(name).read_text("utf-8")
    schema = json.loads(text)
    _fix_vacuous_ifs(schema)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _fix_vacuous_ifs(node: Any) -> None:
    """Make each ``if: {properties: {K: {const: ...}}}`` require K.

    Without it the condition holds vacuously when K is absent: the 3.2.0
    schema's ``if logicalType is map then map is required`` makes every
    property that omits the (optional) ``logicalType`` fail with "'map' is
    a required property". Only such conditions are changed."""
    if isinstance(node, list):
        for item in node:
            _fix_vacuous_ifs(item)
        return
    if not isinstance(node, dict):
        return
    cond = node.get("if")
    if isinstance(cond, dict):
        for branch in [cond, *cond.get("anyOf", []), *cond.get("oneOf", [])]:
            props = branch.get("properties") if isinstance(branch, dict) else None
            if isinstance(props, dict) and "required" not in branch:
                keys = [
                    k
                    for k, v in props.items()
                    if isinstance(v, dict) and ("const" in v or "enum" in v)
                ]
                if keys:
                    branch["required"] = keys
    for value in node.values():
        _fix_vacuous_ifs(value)


@functools.cache
def _problem_cache() -> Any:
    from govern.cache import open_cache

    # The answers depend on the schema the package ships and on jsonschema.
    return open_cache("odcs-v1", "open_data_contract_standard", "jsonschema")


def cached_schema_problems(
    text: str, value: dict[str, Any], marks: Any, path: str
) -> list[Problem]:
    """:func:`schema_problems`, kept between runs by a hash of the text (they
    depend on nothing else): validating against the ODCS schema is most of
    the time of an ODCS file, and a warm run need not import jsonschema."""
    import hashlib

    cache = _problem_cache()
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    hit = cache.get(key)
    if isinstance(hit, list) and all(isinstance(p, list) and len(p) == 4 for p in hit):
        return [
            Problem(Location(path, line, column), message, code)
            for line, column, code, message in hit
        ]
    problems = schema_problems(value, marks, path)
    cache.put(
        key,
        [[p.location.line, p.location.column, p.code, p.message] for p in problems],
    )
    return problems


# The ODCS schema nests `properties` and `items` through `unevaluatedProperties`
# and conditionals, and jsonschema's time grows about three times with every
# level (3 s at 7 levels, minutes at 10): a few kilobytes of untrusted YAML
# could stall a CI job. So a document is validated in pieces nesting at most
# this deep, each deeper property validated as a piece of its own (linear).
PIECE_DEPTH = 3


@dataclass
class _Piece:
    document: dict[str, Any]
    fake: Path  # where the piece's subject is in `document`
    real: Path  # where it is in the file


def _pieces(value: dict[str, Any]) -> list[_Piece]:
    """``value`` cut into documents that nest at most PIECE_DEPTH levels."""
    import copy

    root = copy.deepcopy(value)
    out = [_Piece(root, (), ())]
    objects = root.get("schema")
    if isinstance(objects, list):
        for i, obj in enumerate(objects):
            if isinstance(obj, dict):
                _cut(obj, 0, ("schema", i), root.get("apiVersion"), out)
    return out


def _cut(node: dict[str, Any], depth: int, real: Path, api: Any, out: list[_Piece]) -> None:
    """Walk the properties and items under ``node`` (at ``depth``); past
    PIECE_DEPTH, move each child into a piece of its own."""
    children = node.get("properties")
    if isinstance(children, list):
        if depth >= PIECE_DEPTH:
            node["properties"] = []
            for j, child in enumerate(children):
                if isinstance(child, dict):
                    _piece(child, (*real, "properties", j), api, out, as_items=False)
        else:
            for j, child in enumerate(children):
                if isinstance(child, dict):
                    _cut(child, depth + 1, (*real, "properties", j), api, out)
    items = node.get("items")
    if isinstance(items, dict):
        if depth >= PIECE_DEPTH:
            node["items"] = {}
            _piece(items, (*real, "items"), api, out, as_items=True)
        else:
            _cut(items, depth + 1, (*real, "items"), api, out)


def _piece(
    child: dict[str, Any], real: Path, api: Any, out: list[_Piece], *, as_items: bool
) -> None:
    holder: dict[str, Any] = {"name": "piece"}
    if as_items:
        holder["properties"] = [{"name": "piece", "logicalType": "array", "items": child}]
        fake: Path = ("schema", 0, "properties", 0, "items")
    else:
        holder["properties"] = [child]
        fake = ("schema", 0, "properties", 0)
    document = {
        "apiVersion": api if isinstance(api, str) and api.startswith("v3") else "v3.1.0",
        "kind": ODCS_KIND,
        "id": "piece",
        "version": "1.0.0",
        "status": "active",
        "schema": [holder],
    }
    out.append(_Piece(document, fake, real))
    _cut(child, 2 if as_items else 1, real, api, out)


def schema_problems(value: dict[str, Any], marks: Any, path: str) -> list[Problem]:
    """Every error of ``value`` against the ODCS JSON Schema, then of govern's
    custom properties in it (:func:`govern_problems`), at its line and column."""
    validator = _validator(schema_file(value.get("apiVersion")))
    found: list[tuple[str, Path, bool, str]] = []
    for piece in _pieces(value):
        n = len(piece.fake)
        for error in validator.iter_errors(piece.document):
            leaf = _leaf(error)
            at: Path = tuple(leaf.absolute_path)
            if n:
                at = (*piece.real, *at[n:]) if at[:n] == piece.fake else piece.real
            found += _explain(leaf, at)
    # An unknown-key error that only repeats a deeper error: the key is known,
    # but `unevaluatedProperties` counts a member that failed as unevaluated.
    failed = {at for code, at, _, _ in found if code != "GOV003"}
    out: dict[tuple[int, int, str], Problem] = {}
    for code, at, on_key, message in found:
        if code == "GOV003" and any(f[: len(at)] == at and len(f) > len(at) for f in failed):
            continue
        mark = marks.key(at) if on_key else marks.value(at)
        key = (mark.line, mark.column, code)
        if key not in out:
            out[key] = Problem(Location(path, mark.line, mark.column), message, code)
    for error in govern_problems(value):
        mark = marks.key(error.path) if error.on_key else marks.value(error.path)
        key = (mark.line, mark.column, error.code)
        if key not in out:
            out[key] = Problem(Location(path, mark.line, mark.column), error.message, error.code)
    return sorted(out.values(), key=lambda p: (p.location.line, p.location.column, p.code))


def _leaf(error: Any) -> Any:
    """For a oneOf/anyOf failure, the error of the alternative that came
    closest, so the report names the real mistake: alternatives of another
    type than the value written are passed over, then jsonschema's best match."""
    best_match = importlib.import_module("jsonschema.exceptions").best_match

    while error.validator in ("oneOf", "anyOf") and error.context:
        by_branch: dict[Any, list[Any]] = {}
        for sub in error.context:
            branch = sub.relative_schema_path[0] if sub.relative_schema_path else None
            by_branch.setdefault(branch, []).append(sub)
        fitting = [
            sub
            for subs in by_branch.values()
            if not any(s.validator == "type" and not s.relative_path for s in subs)
            for sub in subs
        ]
        best = best_match(fitting or error.context)
        if best is None or best is error:
            break
        error = best
    return error


def _explain(error: Any, at: Path) -> list[tuple[str, Path, bool, str]]:
    """(code, path, whether the key is meant, message) of a schema error at ``at``."""
    where = dotted(at) or "the top level"
    instance = error.instance
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(
        instance, dict
    ):
        tail = error.message.rsplit("(", 1)[-1]
        extra = [k for k in instance if repr(k) in tail] or list(instance)[:1]
        return [
            ("GOV003", (*at, k), True, f"unknown key `{k}` in {where} (not in ODCS)") for k in extra
        ]
    if error.validator == "required" and isinstance(instance, dict):
        missing = [k for k in error.validator_value if k not in instance]
        return [("GOV005", at, False, f"missing required key `{k}` in {where}") for k in missing]
    name = f"`{dotted(at)}`" if at else "the document"
    return [("GOV004", at, False, f"{name}: {_message(error)}")]


def _message(error: Any) -> str:
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"must be one of {allowed}, not {short_repr(error.instance)}"
    if error.validator == "type":
        return f"must be of type {error.validator_value}, not {short_repr(error.instance)}"
    return str(error.message)


# --- the mapping ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NativeError:
    """A govern custom property whose value does not have the native shape
    (``govern.notice_days: soon``): where it is in the ODCS file, and what is wrong."""

    path: Path  # the ODCS path of the offending value (or key, for GOV003)
    code: str  # GOV003 unknown key, GOV004 wrong type or value, GOV005 missing key
    message: str
    on_key: bool = False  # reported at the key that names ``path``, not at its value


@dataclass
class Mapped:
    """The native contract and, for each native path, the ODCS path it came from."""

    contract: Contract | None
    routes: dict[Path, Path] = field(default_factory=dict)
    # Values of govern custom properties that the native model refused; the
    # contract is built without them (schema_problems reports them).
    errors: list[NativeError] = field(default_factory=list)


# A native key -> the ODCS key it is read from, for paths below a routed one.
_RENAME: dict[str, str] = {
    "fields": "properties",
    "primary_key": "primaryKey",
    "type": "logicalType",
    "contract": "id",
}


def translate(routes: dict[Path, Path], path: Path) -> Path:
    """The ODCS path of a native one: its longest routed prefix, then the
    remaining keys renamed (``fields`` -> ``properties``...)."""
    for i in range(len(path), -1, -1):
        base = routes.get(path[:i])
        if base is not None:
            rest = tuple(_RENAME.get(p, p) if isinstance(p, str) else p for p in path[i:])
            return (*base, *rest)
    return path


def _custom(node: dict[str, Any], at: Path) -> dict[str, tuple[Any, Path]]:
    """``customProperties`` of a node: property name -> (value, ODCS path of the value).
    The first of two with the same name counts."""
    out: dict[str, tuple[Any, Path]] = {}
    items = node.get("customProperties")
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("property"), str):
                out.setdefault(
                    item["property"], (item.get("value"), (*at, "customProperties", i, "value"))
                )
    return out


def _deprecation(value: Any) -> Any:
    """A ``govern.deprecated`` custom property as the native ``deprecated:``:
    true, a reason (text), or a mapping with reason/removal/replacement. None
    (not deprecated) for false or empty text; anything else is passed on, for
    the model to report."""
    if isinstance(value, str):
        return {"reason": value} if value.strip() else None
    if value is False or value is None:
        return None
    return value


def field_type(node: dict[str, Any]) -> str:
    """The native type of an ODCS property (or item): logicalType first, then physicalType."""
    logical = node.get("logicalType")
    physical = node.get("physicalType")
    phys = physical.strip().lower() if isinstance(physical, str) else ""
    options = node.get("logicalTypeOptions")
    options = options if isinstance(options, dict) else {}
    fmt = options.get("format")
    if logical == "integer":
        if phys:
            return "integer" if phys in _SMALL_INT else "long"
        # No physical type: the option `format` (Rust integer names) says the width.
        return "integer" if fmt in _SMALL_FORMATS else "long"
    if logical == "number":
        m = _DECIMAL.match(phys)
        if m:
            return f"decimal({m.group(1)},{m.group(2)})"
        # A bare 32-bit float name (`float`, `real`); `float(p,s)` and the
        # rest stay the wider double. Without a physical type, `format: f32`.
        if _FLOAT32.match(phys) or (not phys and fmt == "f32"):
            return "float"
        return "double"
    if logical == "timestamp":
        return "timestamp_tz" if options.get("timezone") is True else "timestamp"
    if logical in ("string", "boolean", "date", "time", "object", "array"):
        return str(logical)
    if logical in ("map", "vector"):  # ODCS v3.1+: a key-value map, a list of numbers
        return "json" if logical == "map" else "array"
    if isinstance(node.get("properties"), list):
        return "object"
    if isinstance(node.get("items"), dict):
        return "array"
    if phys:
        m = _DECIMAL.match(phys)
        if m:
            return f"decimal({m.group(1)},{m.group(2)})"
        for pattern, native in _PHYSICAL_TYPES:
            if pattern.search(phys):
                return native
        return str(physical)  # as written: GOV222 says it is not a type govern knows
    return "json"  # ODCS lets a property omit its type: any value


_SMALL_FORMATS = {"i8", "i16", "i32", "u8", "u16"}
_FLOAT32 = re.compile(r"^(float|real|float4|float32)$")
# logicalTypeOptions -> the native constraint, and the value type it needs.
_OPTIONS: tuple[tuple[str, str, tuple[type, ...]], ...] = (
    ("minLength", "min_length", (int,)),
    ("maxLength", "max_length", (int,)),
    ("pattern", "pattern", (str,)),
    ("minimum", "min", (int, float)),
    ("maximum", "max", (int, float)),
)


class _Mapper:
    def __init__(self) -> None:
        self.routes: dict[Path, Path] = {}

    def route(self, native: Path, key: str, odcs: Path) -> None:
        at = (*native, key)  # a starred subscript is Python 3.11+ syntax
        self.routes[at] = odcs

    def field(self, node: dict[str, Any], odcs: Path, native: Path) -> dict[str, Any]:
        self.routes[native] = odcs
        out: dict[str, Any] = {"type": field_type(node)}
        if "logicalType" not in node and "physicalType" in node:
            self.route(native, "type", (*odcs, "physicalType"))
        if isinstance(node.get("description"), str):
            out["description"] = node["description"]
        for src, dst in (
            ("required", "required"),
            ("unique", "unique"),
            ("primaryKey", "primary_key"),
        ):
            if isinstance(node.get(src), bool):
                out[dst] = node[src]
        classification = node.get("classification")
        if isinstance(classification, str):
            low = classification.strip().lower()
            if low in _NATIVE_CLASSIFICATION:
                out["classification"] = low
            elif low in PII_CLASSIFICATION:
                out["pii"] = True
                self.route(native, "pii", (*odcs, "classification"))
        if isinstance(node.get("examples"), list):
            out["examples"] = node["examples"]
        enum = node.get("enum")  # ODCS v3.2: a list of {value: ...}
        if isinstance(enum, list):
            values = [
                e["value"]
                for e in enum
                if isinstance(e, dict) and isinstance(e.get("value"), (str, int, float))
            ]
            if values:
                out["enum"] = values
                self.route(native, "enum", (*odcs, "enum"))
        if node.get("deprecated") is True:  # ODCS v3.2: a flag, no reason
            out["deprecated"] = True
            self.route(native, "deprecated", (*odcs, "deprecated"))
        options = node.get("logicalTypeOptions")
        if isinstance(options, dict):
            for src, dst, kinds in _OPTIONS:
                v = options.get(src)
                if isinstance(v, kinds) and not isinstance(v, bool):
                    out[dst] = v
                    self.route(native, dst, (*odcs, "logicalTypeOptions", src))
        # govern's own custom properties win over what the ODCS keys say.
        for name, (v, at) in _custom(node, odcs).items():
            key = FIELD_PROPERTIES.get(name)
            if key is None:
                continue
            if key == "deprecated":
                v = _deprecation(v)
                if v is None:
                    continue
            out[key] = v
            self.route(native, key, at)
        props = node.get("properties")
        if isinstance(props, list):
            out["fields"] = self.properties(props, (*odcs, "properties"), (*native, "fields"))
        items = node.get("items")
        if isinstance(items, dict):
            out["items"] = self.field(items, (*odcs, "items"), (*native, "items"))
        return out

    def properties(self, props: list[Any], odcs: Path, parent: Path) -> dict[str, Any]:
        """Named properties -> native fields at ``(*parent, name)``; the first of a name counts."""
        fields: dict[str, Any] = {}
        for j, prop in enumerate(props):
            if not isinstance(prop, dict):
                continue
            name = prop.get("name")
            if isinstance(name, str) and name not in fields:
                fields[name] = self.field(prop, (*odcs, j), (*parent, name))
        return fields


def root_index(objects: Any) -> int | None:
    """The index of the schema object that holds a native contract's top-level
    fields: the only object of the contract, marked ``govern.root: true``."""
    if not isinstance(objects, list) or len(objects) != 1 or not isinstance(objects[0], dict):
        return None
    marked = _custom(objects[0], ("schema", 0)).get(CP_ROOT)
    return 0 if marked is not None and marked[0] is True else None


def sla_duration(item: dict[str, Any]) -> str | None:
    """An SLA entry's value and unit as a native duration (``4`` ``d`` -> ``4d``)."""
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    unit = item.get("unit")
    if isinstance(unit, str) and isinstance(value, (int, float)):
        unit = unit.strip()
        # `M` is months in ISO 8601 and minutes to others: kept as written, so
        # that the duration rules refuse it rather than read six months as 6m.
        return f"{value}{unit if unit == 'M' else _UNITS.get(unit.lower(), unit)}"
    return str(value)


def sla_percent(item: dict[str, Any]) -> Any:
    """An SLA entry's value as a native percentage (``99.9`` ``%`` -> ``99.9%``)."""
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    unit = item.get("unit")
    if isinstance(value, (int, float)) and unit == "%":
        return f"{value}%"
    return value


def sla_items(value: dict[str, Any]) -> dict[int, Path]:
    """The ``slaProperties`` entries the native contract reads (index -> native
    path): the first latency (or freshness), retention, availability and
    completeness whose value can be read."""
    used: dict[int, Path] = {}
    props = value.get("slaProperties")
    if not isinstance(props, list):
        return used
    taken: set[Path] = set()
    for i, item in enumerate(props):
        if not isinstance(item, dict) or not isinstance(item.get("property"), str):
            continue
        prop = item["property"].strip().lower()
        if prop in ("latency", "freshness"):
            native: Path = ("sla", "freshness")
            read = sla_duration(item)
        elif prop == "retention":
            native, read = ("retention",), sla_duration(item)
        elif prop in ("availability", "completeness"):
            native, read = ("sla", prop), sla_percent(item)
        else:
            continue
        if native not in taken and read is not None:
            taken.add(native)
            used[i] = native
    return used


def _put(native: dict[str, Any], path: Path, value: Any) -> None:
    node: Any = native
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def map_contract(value: dict[str, Any]) -> Mapped:
    """The native contract an ODCS document says (None when even that cannot be built)."""
    mapper = _Mapper()
    routes = mapper.routes
    custom = _custom(value, ())
    native: dict[str, Any] = {
        "contract": value.get("id"),
        # A malformed version is reported by the schema; the rules still run.
        "version": value["version"] if isinstance(value.get("version"), str) else "0.0.0",
    }
    status = value.get("status")
    native["status"] = (
        _STATUS.get(status.strip().lower(), "draft") if isinstance(status, str) else "draft"
    )
    schema: dict[str, Any] = {}
    kind: str | None = None
    objects = value.get("schema")
    root = root_index(objects)
    if isinstance(objects, list) and root is not None:
        # A contract converted from govern's format: one object holding the
        # top-level fields, so that element paths stay `schema.<field>`.
        obj = objects[root]
        props = obj.get("properties")
        if isinstance(props, list):
            schema = mapper.properties(props, ("schema", root, "properties"), ("schema",))
        phys = obj.get("physicalType")
        if isinstance(phys, str):
            kind = PHYSICAL_KIND.get(phys.strip().lower())
    elif isinstance(objects, list):
        for i, obj in enumerate(objects):
            if not isinstance(obj, dict) or not isinstance(obj.get("name"), str):
                continue
            name = obj["name"]
            if name in schema:
                continue
            schema[name] = mapper.field(obj, ("schema", i), ("schema", name))
            schema[name]["type"] = "object"
            schema[name].setdefault("fields", {})
            phys = obj.get("physicalType")
            if kind is None and isinstance(phys, str):
                kind = PHYSICAL_KIND.get(phys.strip().lower())
    derived_kind = kind or "table"
    native["kind"] = derived_kind
    description = value.get("description")
    if isinstance(description, dict) and isinstance(description.get("purpose"), str):
        native["description"] = description["purpose"]
        routes[("description",)] = ("description", "purpose")
    # Owner: `team.id`, else `team.name`; `govern.owner` (below) wins over both.
    team = value.get("team")
    if isinstance(team, dict):
        for key in ("id", "name"):
            if isinstance(team.get(key), str):
                native["owner"] = team[key]
                routes[("owner",)] = ("team", key)
                break
    native["schema"] = schema
    for i, sla_path in sla_items(value).items():
        item = value["slaProperties"][i]
        read = (
            sla_duration(item) if sla_path[-1] in ("freshness", "retention") else sla_percent(item)
        )
        _put(native, sla_path, read)
        routes[sla_path] = ("slaProperties", i, "value")
    for name, (v, at) in custom.items():
        target = CONTRACT_PROPERTIES.get(name)
        if target is None:
            continue
        if name == CP_DEPRECATED:
            v = _deprecation(v)
            if v is None:
                continue
        _put(native, target, v)
        routes[target] = at
    tags = value.get("tags")
    if isinstance(tags, list):
        native["tags"] = [t for t in tags if isinstance(t, str)]
    routes.setdefault(("contract",), ("id",))
    contract, errors = _validate(native, routes, derived_kind)
    return Mapped(contract, routes, errors)


# Required native keys stood in for when their value is refused, so that the
# rules still run on the rest (the value's own problem is reported).
_STAND_INS: dict[str, Any] = {"version": "0.0.0", "status": "draft"}


def _validate(
    native: dict[str, Any], routes: dict[Path, Path], kind: str
) -> tuple[Contract | None, list[NativeError]]:
    """The contract, without the values the model refuses (each one reported
    when it came from a govern custom property: other keys were checked by
    the ODCS schema already)."""
    errors: list[NativeError] = []
    for _ in range(8):
        try:
            return Contract.model_validate(native), errors
        except ValidationError as exc:
            found = exc.errors(include_url=False)
        targets: list[Path] = []
        for err in found:
            at = _existing(native, tuple(err["loc"]))
            targets.append(at)
            odcs_path = translate(routes, at)
            if "customProperties" in odcs_path:
                errors.append(_native_error(err, at, odcs_path))
        if not _prune(native, targets, kind):
            return None, errors
    return None, errors


def _existing(data: Any, loc: tuple[Any, ...]) -> Path:
    """The longest prefix of a pydantic ``loc`` that exists in the data (the
    names pydantic adds for union members and validators are not in it)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            break
        node = node[part]
        path.append(part)
    return tuple(path)


def _native_error(err: Any, at: Path, odcs_path: Path) -> NativeError:
    kind = err["type"]
    if kind == "missing":
        name = err["loc"][-1]
        return NativeError(
            odcs_path, "GOV005", f"missing required key `{name}` in {dotted(odcs_path)}"
        )
    if kind == "extra_forbidden":
        where = dotted(odcs_path[:-1])
        return NativeError(odcs_path, "GOV003", f"unknown key `{at[-1]}` in {where}", True)
    message = str(err["msg"])
    message = message[:1].lower() + message[1:]
    return NativeError(odcs_path, "GOV004", f"`{dotted(odcs_path)}`: {message}")


def _prune(native: dict[str, Any], targets: list[Path], kind: str) -> bool:
    """Remove each refused value (deepest first, lists from the end); False
    when one cannot go (the id, the schema)."""
    for target in sorted(set(targets), key=lambda p: (len(p), [str(x) for x in p]), reverse=True):
        if len(target) == 1 and target[0] in (*_STAND_INS, "kind"):
            native[str(target[0])] = kind if target[0] == "kind" else _STAND_INS[str(target[0])]
            continue
        if len(target) <= 1:
            return False
        parent: Any = native
        for part in target[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            parent.pop(target[-1], None)
        elif isinstance(parent, list) and isinstance(target[-1], int):
            parent.pop(target[-1])
    # A mapping built only from custom properties, all refused, was not written.
    for key in ("change_policy", "sla"):
        if native.get(key) == {}:
            del native[key]
    return True


def govern_problems(value: dict[str, Any]) -> list[NativeError]:
    """What is wrong with govern's custom properties in an ODCS file: unknown
    ``govern.*`` names, ``govern.root`` where it cannot apply, values the
    native model refuses."""
    out: list[NativeError] = []

    def names(node: Any, at: Path, known: tuple[str, ...] | dict[str, Any], where: str) -> None:
        items = node.get("customProperties") if isinstance(node, dict) else None
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            name = item.get("property") if isinstance(item, dict) else None
            if isinstance(name, str) and name.startswith(PREFIX) and name not in known:
                allowed = ", ".join(known)
                out.append(
                    NativeError(
                        (*at, "customProperties", i, "property"),
                        "GOV003",
                        f"unknown custom property `{name}` on {where} (govern reads {allowed})",
                    )
                )

    def walk(node: Any, at: Path) -> None:
        if not isinstance(node, dict):
            return
        names(node, at, FIELD_PROPERTIES, "a property")
        props = node.get("properties")
        if isinstance(props, list):
            for j, prop in enumerate(props):
                walk(prop, (*at, "properties", j))
        walk(node.get("items"), (*at, "items"))

    names(value, (), CONTRACT_PROPERTIES, "the contract")
    objects = value.get("schema")
    if isinstance(objects, list):
        for i, obj in enumerate(objects):
            if not isinstance(obj, dict):
                continue
            names(obj, ("schema", i), OBJECT_PROPERTIES, "a schema object")
            props = obj.get("properties")
            if isinstance(props, list):
                for j, prop in enumerate(props):
                    walk(prop, ("schema", i, "properties", j))
            marked = _custom(obj, ("schema", i)).get(CP_ROOT)
            if marked is None:
                continue
            if not isinstance(marked[0], bool):
                out.append(NativeError(marked[1], "GOV004", f"`{CP_ROOT}` must be true or false"))
            elif marked[0] and len(objects) > 1:
                out.append(
                    NativeError(
                        marked[1],
                        "GOV004",
                        f"`{CP_ROOT}: true` marks the one schema object of a contract in "
                        f"govern's format, but this contract has {len(objects)} schema objects",
                    )
                )
    out += map_contract(value).errors
    return out
