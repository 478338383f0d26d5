"""An ODCS document -> the native contract it says, and where each native path came from.

Each ``schema[]`` object is a native field of type ``object`` named by the
object's ``name``, whose ``fields`` are its ``properties`` (element path
``schema.<object>.<property>``). A contract written from govern's format
has one object marked ``govern.root: true`` (:func:`.custom.root_index`)
whose properties are the native top-level fields (``schema.<field>``).
govern's custom properties (:mod:`.custom`) win over what ODCS keys say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govern.load.odcs.custom import (
    CONTRACT_PROPERTIES,
    CP_DEPRECATED,
    FIELD_PROPERTIES,
    NativeError,
    custom,
    deprecation,
    root_index,
)
from govern.load.odcs.refused import validate
from govern.load.odcs.sla import sla_duration, sla_items, sla_percent
from govern.load.odcs.types import field_type
from govern.load.yamlpos import Path
from govern.model.contract import Contract

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
# logicalTypeOptions -> the native constraint, and the value type it needs.
_OPTIONS: tuple[tuple[str, str, tuple[type, ...]], ...] = (
    ("minLength", "min_length", (int,)),
    ("maxLength", "max_length", (int,)),
    ("pattern", "pattern", (str,)),
    ("minimum", "min", (int, float)),
    ("maximum", "max", (int, float)),
)


@dataclass
class Mapped:
    """The native contract and, for each native path, the ODCS path it came from."""

    contract: Contract | None
    routes: dict[Path, Path] = field(default_factory=dict)
    # Values of govern custom properties that the native model refused; the
    # contract is built without them (schema_problems reports them).
    errors: list[NativeError] = field(default_factory=list)


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
        # `deprecated: true` on a property is not ODCS (the official schemas have no
        # such key: GOV003 says so; it was in the open-data-contract-standard
        # package's schema): still read, as a flag without a reason.
        if node.get("deprecated") is True:
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
        for name, (v, at) in custom(node, odcs).items():
            key = FIELD_PROPERTIES.get(name)
            if key is None:
                continue
            if key == "deprecated":
                v = deprecation(v)
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


def _put(native: dict[str, Any], path: Path, value: Any) -> None:
    node: Any = native
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def map_contract(value: dict[str, Any]) -> Mapped:
    """The native contract an ODCS document says (None when even that cannot be built)."""
    mapper = _Mapper()
    routes = mapper.routes
    contract_custom = custom(value, ())
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
    for name, (v, at) in contract_custom.items():
        target = CONTRACT_PROPERTIES.get(name)
        if target is None:
            continue
        if name == CP_DEPRECATED:
            v = deprecation(v)
            if v is None:
                continue
        _put(native, target, v)
        routes[target] = at
    tags = value.get("tags")
    if isinstance(tags, list):
        native["tags"] = [t for t in tags if isinstance(t, str)]
    routes.setdefault(("contract",), ("id",))
    contract, errors = validate(native, routes, derived_kind)
    return Mapped(contract, routes, errors)
