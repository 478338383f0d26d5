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
has one object or several, and removing an object is removing a field).
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
from govern.load.yamlpos import Mark, Path
from govern.model.contract import Contract

ODCS_KIND = "DataContract"
# govern's own keys in ODCS `customProperties` (on the contract, on a property).
PREFIX = "govern."
CP_OWNER = "govern.owner"  # contract: the govern team id that owns it
CP_KIND = "govern.kind"  # contract: event, table, view, api, file, stream
CP_NOTICE_DAYS = "govern.notice_days"  # contract: change_policy.notice_days
CP_CHANNEL = "govern.channel"  # contract: change_policy.channel
CP_DEPRECATED = "govern.deprecated"  # contract or property: the deprecation notice
CP_PII = "govern.pii"  # property: true/false
CP_MASKING = "govern.masking"  # property: how PII is masked

_STATUS = {"active": "active", "deprecated": "deprecated", "retired": "retired"}
_PHYSICAL_KIND = {
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
_PII_CLASSIFICATION = {"pii", "personal", "sensitive"}
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


def schema_problems(value: dict[str, Any], marks: Any, path: str) -> list[Problem]:
    """Every error of ``value`` against the ODCS JSON Schema, at its line and column."""
    validator = _validator(schema_file(value.get("apiVersion")))
    out: dict[tuple[int, int, str], Problem] = {}
    for error in validator.iter_errors(value):
        for code, mark, message in _explain(_leaf(error), marks):
            key = (mark.line, mark.column, code)
            if key not in out:
                out[key] = Problem(Location(path, mark.line, mark.column), message, code)
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


def _explain(error: Any, marks: Any) -> list[tuple[str, Mark, str]]:
    at: Path = tuple(error.absolute_path)
    where = _dotted(at) or "the top level"
    instance = error.instance
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(
        instance, dict
    ):
        tail = error.message.rsplit("(", 1)[-1]
        extra = [k for k in instance if repr(k) in tail] or list(instance)[:1]
        return [
            ("GOV003", marks.key((*at, k)), f"unknown key `{k}` in {where} (not in ODCS)")
            for k in extra
        ]
    if error.validator == "required" and isinstance(instance, dict):
        missing = [k for k in error.validator_value if k not in instance]
        return [
            ("GOV005", marks.value(at), f"missing required key `{k}` in {where}") for k in missing
        ]
    name = f"`{_dotted(at)}`" if at else "the document"
    return [("GOV004", marks.value(at), f"{name}: {_message(error)}")]


def _message(error: Any) -> str:
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"must be one of {allowed}, not {_short(error.instance)}"
    if error.validator == "type":
        return f"must be of type {error.validator_value}, not {_short(error.instance)}"
    return str(error.message)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- the mapping ----------------------------------------------------------------------------


@dataclass
class Mapped:
    """The native contract and, for each native path, the ODCS path it came from."""

    contract: Contract | None
    routes: dict[Path, Path] = field(default_factory=dict)


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
    """``customProperties`` of a node: property name -> (value, ODCS path of the value)."""
    out: dict[str, tuple[Any, Path]] = {}
    items = node.get("customProperties")
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("property"), str):
                out.setdefault(
                    item["property"], (item.get("value"), (*at, "customProperties", i, "value"))
                )
    return out


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _flag(value: Any) -> bool:
    return value is True


def _deprecation(value: Any) -> Any:
    """A ``govern.deprecated`` custom property as the native ``deprecated:``:
    true, a reason (text), or a mapping with reason/removal/replacement."""
    if value is True or isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        return {"reason": value}
    return None


def field_type(node: dict[str, Any]) -> str:
    """The native type of an ODCS property (or item): logicalType first, then physicalType."""
    logical = node.get("logicalType")
    physical = node.get("physicalType")
    phys = physical.strip().lower() if isinstance(physical, str) else ""
    options = node.get("logicalTypeOptions")
    options = options if isinstance(options, dict) else {}
    if logical == "integer":
        return "integer" if phys in _SMALL_INT else "long"
    if logical == "number":
        m = _DECIMAL.match(phys)
        return f"decimal({m.group(1)},{m.group(2)})" if m else "double"
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


class _Mapper:
    def __init__(self) -> None:
        self.routes: dict[Path, Path] = {}

    def route(self, native: Path, key: str, odcs: Path) -> None:
        at = (*native, key)
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
        custom = _custom(node, odcs)
        classification = node.get("classification")
        if isinstance(classification, str):
            low = classification.strip().lower()
            if low in _NATIVE_CLASSIFICATION:
                out["classification"] = low
            elif low in _PII_CLASSIFICATION:
                out["pii"] = True
                self.route(native, "pii", (*odcs, "classification"))
        if CP_PII in custom and isinstance(custom[CP_PII][0], bool):
            out["pii"] = custom[CP_PII][0]
            self.route(native, "pii", custom[CP_PII][1])
        if CP_MASKING in custom and isinstance(custom[CP_MASKING][0], str):
            out["masking"] = custom[CP_MASKING][0]
            self.route(native, "masking", custom[CP_MASKING][1])
        if CP_DEPRECATED in custom:
            dep = _deprecation(custom[CP_DEPRECATED][0])
            if dep is not None:
                out["deprecated"] = dep
                self.route(native, "deprecated", custom[CP_DEPRECATED][1])
        if isinstance(node.get("examples"), list):
            out["examples"] = node["examples"]
        options = node.get("logicalTypeOptions")
        if isinstance(options, dict):
            for src, dst in (
                ("minLength", "min_length"),
                ("maxLength", "max_length"),
                ("pattern", "pattern"),
                ("minimum", "min"),
                ("maximum", "max"),
            ):
                v = options.get(src)
                ok = (
                    isinstance(v, str)
                    if dst == "pattern"
                    else (
                        isinstance(v, int)
                        if dst.endswith("length")
                        else isinstance(v, (int, float))
                    )
                )
                if ok and not isinstance(v, bool):
                    out[dst] = v
                    self.route(native, dst, (*odcs, "logicalTypeOptions", src))
        props = node.get("properties")
        if isinstance(props, list):
            out["fields"] = self.properties(props, (*odcs, "properties"), native)
        items = node.get("items")
        if isinstance(items, dict):
            out["items"] = self.field(items, (*odcs, "items"), (*native, "items"))
        return out

    def properties(self, props: list[Any], odcs: Path, native: Path) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for j, prop in enumerate(props):
            if not isinstance(prop, dict):
                continue
            name = prop.get("name")
            if isinstance(name, str) and name not in fields:
                fields[name] = self.field(prop, (*odcs, j), (*native, "fields", name))
        return fields


def _duration(item: dict[str, Any]) -> str | None:
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    unit = item.get("unit")
    if isinstance(unit, str) and isinstance(value, (int, float)):
        return f"{value}{_UNITS.get(unit.strip().lower(), unit)}"
    return str(value)


def _percent(item: dict[str, Any]) -> Any:
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    unit = item.get("unit")
    if isinstance(value, (int, float)) and unit == "%":
        return f"{value}%"
    return value


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
    if isinstance(objects, list):
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
                kind = _PHYSICAL_KIND.get(phys.strip().lower())
    native["schema"] = schema
    if CP_KIND in custom and isinstance(custom[CP_KIND][0], str):
        kind = custom[CP_KIND][0]
        routes[("kind",)] = custom[CP_KIND][1]
    native["kind"] = kind or "table"
    description = value.get("description")
    if isinstance(description, dict) and isinstance(description.get("purpose"), str):
        native["description"] = description["purpose"]
        routes[("description",)] = ("description", "purpose")
    tags = value.get("tags")
    if isinstance(tags, list):
        native["tags"] = [t for t in tags if isinstance(t, str)]
    # Owner: customProperties `govern.owner`, else `team.id`, else `team.name`.
    team = value.get("team")
    if CP_OWNER in custom and isinstance(custom[CP_OWNER][0], str):
        native["owner"] = custom[CP_OWNER][0]
        routes[("owner",)] = custom[CP_OWNER][1]
    elif isinstance(team, dict):
        for key in ("id", "name"):
            if isinstance(team.get(key), str):
                native["owner"] = team[key]
                routes[("owner",)] = ("team", key)
                break
    policy: dict[str, Any] = {}
    if CP_NOTICE_DAYS in custom:
        policy["notice_days"] = custom[CP_NOTICE_DAYS][0]
        routes[("change_policy", "notice_days")] = custom[CP_NOTICE_DAYS][1]
    if CP_CHANNEL in custom:
        policy["channel"] = custom[CP_CHANNEL][0]
        routes[("change_policy", "channel")] = custom[CP_CHANNEL][1]
    if policy:
        native["change_policy"] = policy
    if CP_DEPRECATED in custom:
        dep = _deprecation(custom[CP_DEPRECATED][0])
        if dep is not None:
            native["deprecated"] = dep
            routes[("deprecated",)] = custom[CP_DEPRECATED][1]
    sla: dict[str, Any] = {}
    props = value.get("slaProperties")
    if isinstance(props, list):
        for i, item in enumerate(props):
            if not isinstance(item, dict) or not isinstance(item.get("property"), str):
                continue
            prop = item["property"].strip().lower()
            where = ("slaProperties", i, "value")
            if prop in ("latency", "freshness") and "freshness" not in sla:
                sla["freshness"] = _duration(item)
                routes[("sla", "freshness")] = where
            elif prop == "retention" and "retention" not in native:
                native["retention"] = _duration(item)
                routes[("retention",)] = where
            elif prop in ("availability", "completeness") and prop not in sla:
                sla[prop] = _percent(item)
                routes[("sla", prop)] = where
    sla = {k: v for k, v in sla.items() if v is not None}
    if sla:
        native["sla"] = sla
    if native.get("retention") is None:
        native.pop("retention", None)
    routes.setdefault(("contract",), ("id",))
    try:
        return Mapped(Contract.model_validate(native), routes)
    except ValidationError:
        return Mapped(_lenient(native), routes)


def _lenient(native: dict[str, Any]) -> Contract | None:
    """The contract without the parts that do not fit (a file with schema
    errors): the schema errors are already reported."""
    for drop in ("change_policy", "deprecated", "sla", "retention", "owner", "description"):
        native.pop(drop, None)
        try:
            return Contract.model_validate(native)
        except ValidationError:
            continue
    return None
