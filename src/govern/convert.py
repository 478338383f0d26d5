"""Contracts between govern's format and ODCS v3, both ways (``govern convert``).

Pure functions over values: :func:`to_odcs` writes a native contract as an
ODCS v3.1.0 document, :func:`to_native` reads an ODCS document as a native
one; each also says what the target cannot hold (:class:`Loss`). :func:`dump`
writes either as YAML in a readable key order.

The ODCS side of the mapping is :mod:`govern.load.odcs` (how govern reads an
ODCS file, for lint as for conversion): this module writes what that module
reads, so that native -> ODCS -> native gives the same contract back. What the
native format says and ODCS has no key for goes into ``govern.*`` custom
properties; docs/convert.md lists them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from govern.load import odcs
from govern.load.yamlpos import Path, dotted
from govern.model.contract import Contract, Deprecation, Field_
from govern.values import parse_type

API_VERSION = "v3.1.0"  # the newest ODCS version most tools read; govern reads v3.x

NOT_CARRIED = "has no place in govern's format: not carried"
_EMPTY = "{} (native) is an empty mapping: ODCS has no place for it: not carried"


@dataclass(frozen=True)
class Loss:
    """Something of the source document the target format cannot hold."""

    path: Path  # where it is in the source document (native YAML or ODCS)
    message: str  # names the path: "servers (ODCS) has no place in govern's format..."
    line: int | None = None  # when the path does not say where (a comment)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- native -> ODCS -------------------------------------------------------------------------

# The native kind -> the physicalType of the schema objects; event and api
# have none in ODCS (`govern.kind` says them).
_KIND_PHYSICAL = {"table": "table", "view": "view", "stream": "topic", "file": "file"}
# The native type -> ODCS logicalType and physicalType. The physical type is
# written where the logical one is wider than the native type (integer, long,
# float, double), or where no logical type fits (json, bytes).
_TYPES: dict[str, tuple[str | None, str | None]] = {
    "string": ("string", None),
    "integer": ("integer", "int"),
    "long": ("integer", "bigint"),
    "float": ("number", "float"),
    "double": ("number", "double"),
    "boolean": ("boolean", None),
    "date": ("date", None),
    "timestamp": ("timestamp", None),
    "timestamp_tz": ("timestamp", None),  # with logicalTypeOptions.timezone: true
    "time": ("time", None),
    "bytes": (None, "binary"),
    "json": (None, "json"),
    "object": ("object", None),
    "array": ("array", None),
}
# What a top-level object field may say and still be an ODCS schema object (which
# has no required, unique, primaryKey, classification, examples, items).
_OBJECT_KEYS = frozenset(
    {"type", "description", "fields", "pii", "masking", "deprecated", "enum"}
    | {"pattern", "min", "max", "min_length", "max_length"}
)


_FLAGS = (("required", "required"), ("unique", "unique"), ("primary_key", "primaryKey"))


def _custom(name: str, value: Any) -> dict[str, Any]:
    return {"property": name, "value": value}


def plain(model: BaseModel) -> Any:
    """A model as plain YAML values: the keys the document set, in the model's
    order, None left out, dates as ISO text; an empty deprecation is ``true``."""
    out: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        if name not in model.model_fields_set:
            continue
        value = getattr(model, name)
        if value is not None:
            out[info.alias or name] = _plain_value(value)
    if isinstance(model, Deprecation) and not out:
        return True
    return out


def _plain_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return plain(value)
    if isinstance(value, dict):
        return {k: _plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def odcs_type(text: str) -> tuple[str | None, str | None, dict[str, Any]]:
    """A native type -> (logicalType, physicalType, logicalTypeOptions)."""
    parsed = parse_type(text)
    if parsed is None:
        return None, text, {}  # not a native type (GOV222): kept as the physical type
    if parsed.name == "decimal":
        return "number", str(parsed), {}
    logical, physical = _TYPES[parsed.name]
    return logical, physical, ({"timezone": True} if parsed.name == "timestamp_tz" else {})


def odcs_property(name: str | None, f: Field_, path: Path, losses: list[Loss]) -> dict[str, Any]:
    """A native field as an ODCS property (an array's item when ``name`` is None).
    ``path`` is the field's YAML path in the native file, for the losses."""
    node: dict[str, Any] = {} if name is None else {"name": name}
    logical, physical, options = odcs_type(f.type)
    if logical is not None:
        node["logicalType"] = logical
    if physical is not None:
        node["physicalType"] = physical
    custom: list[dict[str, Any]] = []
    # Constraints go to logicalTypeOptions where ODCS defines them for the
    # logical type; elsewhere (a length on a date...) to govern.* properties.
    for key, option in (("min_length", "minLength"), ("max_length", "maxLength")):
        length = getattr(f, key)
        if length is not None:
            if logical == "string" and length >= 0:
                options[option] = length
            else:
                custom.append(_custom(f"{odcs.PREFIX}{key}", length))
    if f.pattern is not None:
        if logical == "string":
            options["pattern"] = f.pattern
        else:
            custom.append(_custom(odcs.CP_PATTERN, f.pattern))
    for key, option in (("min", "minimum"), ("max", "maximum")):
        bound = getattr(f, key)
        if bound is not None:
            if logical in ("integer", "number"):
                options[option] = bound
            else:
                custom.append(_custom(f"{odcs.PREFIX}{key}", bound))
    if options:
        node["logicalTypeOptions"] = options
    if f.description is not None:
        node["description"] = f.description
    # An explicit `required: false` stays explicit (fields_set), as written.
    for key, odcs_key in _FLAGS:
        if key in f.model_fields_set:
            node[odcs_key] = getattr(f, key)
    if f.classification is not None:
        node["classification"] = f.classification
    if f.examples is not None:
        node["examples"] = _plain_value(f.examples)
    if f.enum is not None:
        custom.append(_custom(odcs.CP_ENUM, list(f.enum)))
    if "pii" in f.model_fields_set:  # `pii: false` is a statement (GOV230)
        custom.append(_custom(odcs.CP_PII, f.pii))
    if f.masking is not None:
        custom.append(_custom(odcs.CP_MASKING, f.masking))
    if f.deprecated is not None:
        custom.append(_custom(odcs.CP_DEPRECATED, plain(f.deprecated)))
    nested: dict[str, Any] = {}
    if f.fields is not None:
        if logical == "object":
            nested["properties"] = [
                odcs_property(n, sub, (*path, "fields", n), losses) for n, sub in f.fields.items()
            ]
        else:
            losses.append(_wrong_place(path, "fields", f.type))
    if f.items is not None:
        if logical == "array":
            nested["items"] = odcs_property(None, f.items, (*path, "items"), losses)
        else:
            losses.append(_wrong_place(path, "items", f.type))
    # The ODCS types do not say every native type text exactly (`String`,
    # `decimal(18, 2)`, a type govern does not know): the text is kept.
    if odcs.field_type({**node, **nested}) != f.type:
        custom.insert(0, _custom(odcs.CP_TYPE, f.type))
    if custom:
        node["customProperties"] = custom
    node.update(nested)
    return node


def _wrong_place(path: Path, key: str, type_: str) -> Loss:
    holder = "an object" if key == "fields" else "an array"
    return Loss(
        (*path, key),
        f"{dotted((*path, key))} (native) on a field of type `{_short(type_)}`: ODCS holds "
        f"them only on {holder}: not carried",
    )


def _object_like(f: Field_) -> bool:
    return f.type == "object" and f.fields is not None and f.model_fields_set <= _OBJECT_KEYS


def _schema_objects(c: Contract, physical: str | None, losses: list[Loss]) -> list[dict[str, Any]]:
    fields = c.schema_
    if all(_object_like(f) for f in fields.values()):
        # Each top-level object is an ODCS schema object (a contract that
        # came from a multi-object ODCS file, or one written so).
        objects = []
        for name, f in fields.items():
            node = odcs_property(name, f, ("schema", name), losses)
            obj: dict[str, Any] = {"name": name, "logicalType": "object"}
            if physical is not None:
                obj["physicalType"] = physical
            obj.update((k, v) for k, v in node.items() if k not in ("name", "logicalType"))
            objects.append(obj)
        return objects
    # One object holding the top-level fields, marked so that reading it back
    # gives them back as top-level fields (element paths `schema.<field>`).
    root: dict[str, Any] = {"name": c.dataset or c.contract.rsplit(".", 1)[-1]}
    root["logicalType"] = "object"
    if physical is not None:
        root["physicalType"] = physical
    root["customProperties"] = [_custom(odcs.CP_ROOT, True)]
    root["properties"] = [
        odcs_property(name, f, ("schema", name), losses) for name, f in fields.items()
    ]
    return [root]


_NUMBER_UNIT = re.compile(r"^(\d+(?:\.\d+)?)([A-Za-z]+|%)$")


def _split(text: str, read: Any) -> dict[str, Any]:
    """``4d`` -> value 4, unit d; ``99.9%`` -> value 99.9, unit %: when reading
    that back (``read``) gives the same text; else the text as the value."""
    m = _NUMBER_UNIT.match(text)
    if m:
        number: int | float = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
        # Units as words: to ODCS readers `m` may be months (ISO 8601).
        item = {"value": number, "unit": _UNIT_WORDS.get(m.group(2), m.group(2))}
        if read(item) == text:
            return item
    return {"value": text}


_UNIT_WORDS = {
    "s": "seconds",
    "m": "minutes",
    "h": "hours",
    "d": "days",
    "w": "weeks",
    "y": "years",
}


def _sla_properties(c: Contract, losses: list[Loss]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    sla = c.sla
    if sla is not None:
        if sla.freshness is not None:
            items.append({"property": "latency", **_split(sla.freshness, odcs.sla_duration)})
        for name in ("completeness", "availability"):
            value = getattr(sla, name)
            if value is not None:
                items.append({"property": name, **_split(value, odcs.sla_percent)})
        if all(getattr(sla, k) is None for k in type(sla).model_fields):
            losses.append(Loss(("sla",), _EMPTY.format("sla")))
    if c.retention is not None:
        items.append({"property": "retention", **_split(c.retention, odcs.sla_duration)})
    return items


def to_odcs(c: Contract) -> tuple[dict[str, Any], list[Loss]]:
    """A native contract as an ODCS v3.1.0 document, and what ODCS cannot hold."""
    losses: list[Loss] = []
    out: dict[str, Any] = {
        "apiVersion": API_VERSION,
        "kind": odcs.ODCS_KIND,
        "id": c.contract,
        "version": c.version,
        "status": c.status,
    }
    if c.description is not None:
        out["description"] = {"purpose": c.description}
    if c.owner is not None:
        out["team"] = {"name": c.owner}  # for ODCS readers; govern.owner is the team id
    if "tags" in c.model_fields_set:
        out["tags"] = list(c.tags)
    physical = _KIND_PHYSICAL.get(c.kind)
    objects = _schema_objects(c, physical, losses)
    if objects:
        out["schema"] = objects
    sla = _sla_properties(c, losses)
    if sla:
        out["slaProperties"] = sla
    custom: list[dict[str, Any]] = []
    if c.owner is not None:
        custom.append(_custom(odcs.CP_OWNER, c.owner))
    # The kind is read from the schema objects' physicalType, else `table`.
    derived = "table" if not (objects and physical) else odcs.PHYSICAL_KIND[physical]
    if derived != c.kind:
        custom.append(_custom(odcs.CP_KIND, c.kind))
    for name, value in (
        (odcs.CP_PRODUCER, c.producer),
        (odcs.CP_DATASET, c.dataset),
    ):
        if value is not None:
            custom.append(_custom(name, value))
    if "consumers" in c.model_fields_set:
        custom.append(_custom(odcs.CP_CONSUMERS, _plain_value(c.consumers)))
    policy = c.change_policy
    if policy is not None:
        if policy.notice_days is not None:
            custom.append(_custom(odcs.CP_NOTICE_DAYS, policy.notice_days))
        if policy.channel is not None:
            custom.append(_custom(odcs.CP_CHANNEL, policy.channel))
        if policy.notice_days is None and policy.channel is None:
            losses.append(Loss(("change_policy",), _EMPTY.format("change_policy")))
    if c.sla is not None and c.sla.delivery is not None:
        custom.append(_custom(odcs.CP_DELIVERY, c.sla.delivery))
    for name, key in ((odcs.CP_NOTICES, "notices"), (odcs.CP_WAIVERS, "waivers")):
        if key in c.model_fields_set:
            custom.append(_custom(name, _plain_value(getattr(c, key))))
    if c.deprecated is not None:
        custom.append(_custom(odcs.CP_DEPRECATED, plain(c.deprecated)))
    if custom:
        out["customProperties"] = custom
    return out, losses


def comment_losses(text: str) -> list[Loss]:
    """``# govern: ignore[...]`` comments: they silence findings on lines of
    this file, which the other format does not have."""
    from govern.load.documents import suppressions

    lines = text.splitlines()
    out = []
    for s in suppressions(text):
        comment = lines[s.line - 1][s.column - 1 :].strip()
        out.append(
            Loss(
                (),
                f"`{_short(comment)}` is a comment: not carried, so it silences nothing there",
                s.line,
            )
        )
    return out


# --- ODCS -> native -------------------------------------------------------------------------

_TOP_CARRIED = frozenset(
    {"apiVersion", "kind", "id", "version", "status", "description", "tags", "team"}
    | {"schema", "slaProperties", "customProperties"}
)
_NATIVE_STATUS = frozenset({"draft", "active", "deprecated", "retired"})
# Property keys carried as they are (the others are looked at one by one).
_PROPERTY_CARRIED = frozenset(
    {"name", "description", "required", "unique", "primaryKey", "examples"}
)


def to_native(value: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Loss]]:
    """An ODCS document as a native contract (plain values, native key order),
    and what the native format cannot hold; None when it is not a contract
    govern can read (the loader says why)."""
    mapped = odcs.map_contract(value)
    if mapped.contract is None:
        return None, []
    return plain(mapped.contract), odcs_losses(value, mapped.contract)


class _Losses:
    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.out: list[Loss] = []
        self.physical = _KIND_PHYSICAL.get(contract.kind)

    def lost(self, path: Path, what: str = "") -> None:
        self.out.append(Loss(path, f"{dotted(path)}{what} (ODCS) {NOT_CARRIED}"))

    def changed(self, path: Path, value: Any, becomes: str) -> None:
        self.out.append(Loss(path, f"{dotted(path)} `{_short(value)}` {becomes}"))

    def custom(self, node: dict[str, Any], at: Path, known: Any) -> None:
        items = node.get("customProperties")
        if not isinstance(items, list):
            return
        seen: set[str] = set()
        for i, item in enumerate(items):
            name = item.get("property") if isinstance(item, dict) else None
            where = (*at, "customProperties", i)
            if not isinstance(name, str) or not isinstance(item, dict):
                continue
            if name in known and name not in seen:
                seen.add(name)
                for key in item:
                    if key not in ("property", "value"):
                        self.lost((*where, key))
            elif name in seen:
                self.changed(where, name, "again: the first one counts, this one is not carried")
            else:
                self.lost(where, f" (`{_short(name)}`)")

    def physical_type(self, path: Path, value: Any) -> None:
        """A schema object's physicalType: the contract's kind, one for all objects."""
        if isinstance(value, str) and (
            value.strip().lower() == self.physical
            or odcs.PHYSICAL_KIND.get(value.strip().lower()) == self.contract.kind
        ):
            return
        self.changed(path, value, f"is not carried: the contract's kind is `{self.contract.kind}`")

    def node(self, node: dict[str, Any], at: Path, f: Field_, *, is_object: bool) -> None:
        """A schema object, property or item against the native field read from it."""
        regen = odcs_property(None, f, (), [])
        for key, value in node.items():
            path = (*at, key)
            if key in _PROPERTY_CARRIED:
                continue
            if key == "logicalType":
                if value != regen.get("logicalType") and not (is_object and value == "object"):
                    self.changed(path, value, f"is read as type `{_short(f.type)}`")
            elif key == "physicalType":
                if is_object:
                    self.physical_type(path, value)
                    continue
                spelled = value.strip().lower() if isinstance(value, str) else None
                # Spelled as the logical, the regenerated or the native type, a
                # physical type says nothing more.
                same = {str(regen.get(k, "")).lower() for k in ("logicalType", "physicalType")}
                same.add(f.type.lower())
                if spelled not in same:
                    self.changed(path, value, f"is not carried: govern keeps the type `{f.type}`")
            elif key == "logicalTypeOptions" and isinstance(value, dict):
                kept = regen.get("logicalTypeOptions", {})
                for option, v in value.items():
                    if option in kept and kept[option] == v and type(kept[option]) is type(v):
                        continue
                    if option == "timezone" and v is False and "timezone" not in kept:
                        continue  # no zone is what the native `timestamp` says
                    self.lost((*path, option))
            elif key == "classification" and isinstance(value, str):
                low = value.strip().lower()
                if f.classification == low or (low in odcs.PII_CLASSIFICATION and f.pii):
                    continue
                self.lost(path)
            elif key == "enum" and isinstance(value, list):
                self.enum(value, path, f)
            elif key == "deprecated":
                if value is False or (value is True and f.deprecated is not None):
                    continue
                self.lost(path)
            elif key == "customProperties":
                self.custom(
                    node, at, odcs.OBJECT_PROPERTIES if is_object else odcs.FIELD_PROPERTIES
                )
            elif key == "properties" and isinstance(value, list):
                self.properties(value, path, f.fields or {})
            elif key == "items" and isinstance(value, dict) and f.items is not None:
                self.node(value, path, f.items, is_object=False)
            else:
                self.lost(path)

    def enum(self, values: list[Any], path: Path, f: Field_) -> None:
        read = [
            e["value"]
            for e in values
            if isinstance(e, dict) and isinstance(e.get("value"), (str, int, float))
        ]
        if f.enum != read:  # govern.enum said otherwise
            self.lost(path)
            return
        for i, e in enumerate(values):
            if not isinstance(e, dict) or not isinstance(e.get("value"), (str, int, float)):
                self.lost((*path, i))
                continue
            for key in e:
                if key != "value":
                    self.lost((*path, i, key))

    def properties(self, props: list[Any], at: Path, fields: dict[str, Field_]) -> None:
        seen: set[str] = set()
        for j, prop in enumerate(props):
            name = prop.get("name") if isinstance(prop, dict) else None
            if not isinstance(prop, dict) or not isinstance(name, str) or name not in fields:
                continue
            if name in seen:
                self.changed((*at, j), name, "is a second property of that name: not carried")
                continue
            seen.add(name)
            self.node(prop, (*at, j), fields[name], is_object=False)


def odcs_losses(value: dict[str, Any], contract: Contract) -> list[Loss]:
    """What of an ODCS document the native contract read from it does not hold."""
    w = _Losses(contract)
    for key in value:
        if key not in _TOP_CARRIED:
            w.lost((key,))
    status = value.get("status")
    if isinstance(status, str) and status.strip().lower() not in _NATIVE_STATUS:
        w.changed(("status",), status, "has no equal in govern's format: read as `draft`")
    description = value.get("description")
    if isinstance(description, dict):
        for key in description:
            if key != "purpose":
                w.lost(("description", key))
    team = value.get("team")
    if isinstance(team, list):
        w.lost(("team",), " (a list of members, ODCS v3.0)")
    elif isinstance(team, dict):
        for key, v in team.items():
            if not (key in ("id", "name") and v == contract.owner):
                w.lost(("team", key))
    used = odcs.sla_items(value)
    sla = value.get("slaProperties")
    for i, item in enumerate(sla if isinstance(sla, list) else []):
        if i not in used:
            prop = item.get("property") if isinstance(item, dict) else None
            w.lost(("slaProperties", i), f" (`{_short(prop)}`)")
            continue
        numeric = isinstance(item.get("value"), (int, float))
        percent = used[i][-1] in ("completeness", "availability")
        for key in item:
            unit_read = key == "unit" and numeric and (not percent or item["unit"] == "%")
            if key not in ("property", "value") and not unit_read:
                w.lost(("slaProperties", i, key))
    w.custom(value, (), odcs.CONTRACT_PROPERTIES)
    objects = value.get("schema")
    if not isinstance(objects, list):
        return w.out
    root = odcs.root_index(objects)
    if root is not None:
        obj = objects[root]
        at: Path = ("schema", root)
        expected = contract.dataset or contract.contract.rsplit(".", 1)[-1]
        for key, v in obj.items():
            if key == "name" and v != expected:
                w.changed((*at, key), v, f"is not carried: the object is named `{expected}`")
            elif key == "physicalType":
                w.physical_type((*at, key), v)
            elif key == "customProperties":
                w.custom(obj, at, (odcs.CP_ROOT,))
            elif key == "properties" and isinstance(v, list):
                w.properties(v, (*at, key), contract.schema_)
            elif key not in ("name", "logicalType"):
                w.lost((*at, key))
        return w.out
    seen: set[str] = set()
    for i, obj in enumerate(objects):
        name = obj.get("name") if isinstance(obj, dict) else None
        if not isinstance(obj, dict) or not isinstance(name, str) or name not in contract.schema_:
            continue
        if name in seen:
            w.changed(("schema", i), name, "is a second object of that name: not carried")
            continue
        seen.add(name)
        w.node(obj, ("schema", i), contract.schema_[name], is_object=True)
    return w.out


# --- YAML -----------------------------------------------------------------------------------

# Characters a terminal or editor may act on (bidirectional overrides): a
# string holding one is written double-quoted with every non-ASCII character
# escaped, so that the output shows what the text really is.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Line breaks YAML knows beyond \n: in plain or block text a reader turns them
# into spaces or newlines; double quotes keep them as escapes.
_BREAKS = re.compile("[\x85\u2028\u2029]")
# The numbers of the YAML 1.2 core schema that PyYAML (YAML 1.1) writes
# unquoted, since to it they are text.
_YAML12_NUMBER = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


@functools.cache
def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # a value shared in memory is written twice, never as &anchor

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # list items indented under their key

        def write_double_quoted(self, text: str, split: bool = True) -> None:
            if not _BIDI.search(text):
                super().write_double_quoted(text, split)
                return
            saved, self.allow_unicode = self.allow_unicode, False
            try:
                super().write_double_quoted(text, split)
            finally:
                self.allow_unicode = saved

    def text(dumper: Any, value: str) -> Any:
        style = None
        if _BIDI.search(value) or _BREAKS.search(value):
            style = '"'
        elif _YAML12_NUMBER.match(value):
            style = "'"  # a number to YAML 1.2 readers (`1e3`, `0o12`, `+.5`)
        elif "\n" in value.rstrip("\n") or value.endswith("\n"):
            style = "|"  # falls back to quotes when the text cannot be a block
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def sequence(dumper: Any, value: list[Any]) -> Any:
        # Short lists of plain values on one line: `tags: [payroll, finance]`.
        flow = bool(value) and all(
            v is None or isinstance(v, (bool, int, float)) or (isinstance(v, str) and "\n" not in v)
            for v in value
        )
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)

    Dumper.add_representer(str, text)
    Dumper.add_representer(list, sequence)
    return Dumper


def dump(data: dict[str, Any]) -> str:
    """YAML text of plain values, keys in the order given."""
    import yaml

    out: str = yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 16,  # one line per value: readable diffs, no folded text
    )
    return out
