"""A native field as an ODCS property: its type, constraints, flags and ``govern.*`` rest.

Shared by both directions: :mod:`.native_to_odcs` writes every field so, and
:mod:`.odcs_to_native` writes the field read from an ODCS property again, to
see which of that property's keys the native field does not hold.
"""

from __future__ import annotations

from typing import Any

from govern.convert.losses import Loss, short
from govern.convert.plain_values import plain, plain_value
from govern.load import odcs
from govern.load.yamlpos import Path, dotted
from govern.model.contract import Field_
from govern.values import parse_type

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
_FLAGS = (("required", "required"), ("unique", "unique"), ("primary_key", "primaryKey"))


def custom_property(name: str, value: Any) -> dict[str, Any]:
    """One entry of ODCS ``customProperties``."""
    return {"property": name, "value": value}


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
                custom.append(custom_property(f"{odcs.PREFIX}{key}", length))
    if f.pattern is not None:
        if logical == "string":
            options["pattern"] = f.pattern
        else:
            custom.append(custom_property(odcs.CP_PATTERN, f.pattern))
    for key, option in (("min", "minimum"), ("max", "maximum")):
        bound = getattr(f, key)
        if bound is not None:
            if logical in ("integer", "number"):
                options[option] = bound
            else:
                custom.append(custom_property(f"{odcs.PREFIX}{key}", bound))
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
        node["examples"] = plain_value(f.examples)
    if f.enum is not None:
        custom.append(custom_property(odcs.CP_ENUM, list(f.enum)))
    if "pii" in f.model_fields_set:  # `pii: false` is a statement (GOV230)
        custom.append(custom_property(odcs.CP_PII, f.pii))
    if f.masking is not None:
        custom.append(custom_property(odcs.CP_MASKING, f.masking))
    if f.deprecated is not None:
        custom.append(custom_property(odcs.CP_DEPRECATED, plain(f.deprecated)))
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
        custom.insert(0, custom_property(odcs.CP_TYPE, f.type))
    if custom:
        node["customProperties"] = custom
    node.update(nested)
    return node


def _wrong_place(path: Path, key: str, type_: str) -> Loss:
    holder = "an object" if key == "fields" else "an array"
    return Loss(
        (*path, key),
        f"{dotted((*path, key))} (native) on a field of type `{short(type_)}`: ODCS holds "
        f"them only on {holder}: not carried",
    )
