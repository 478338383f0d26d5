"""An ODCS property's type (logicalType, physicalType, logicalTypeOptions) as a native type.

ODCS says a type twice: a logical type of a few kinds (``integer``,
``number``...) and a physical type as the database spells it (``bigint``,
``decimal(18,2)``). The native type is one text, so the physical type (or,
without one, the option ``format``) says the width the logical type leaves open.
"""

from __future__ import annotations

import re
from typing import Any

_SMALL_INT = {"int", "integer", "int32", "int4", "smallint", "tinyint", "int16", "int8", "short"}
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
_SMALL_FORMATS = {"i8", "i16", "i32", "u8", "u16"}
_FLOAT32 = re.compile(r"^(float|real|float4|float32)$")


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


# Physical type names that are one storage type spelled otherwise. Two names
# that map to one native type are not enough: `int` -> `smallint` both read as
# `integer`, but a 32-bit column became a 16-bit one (a narrowing consumers
# feel), so it is reported. Ambiguous names (`int8` is a bigint in PostgreSQL
# and a tinyint elsewhere) are in no group: changing to or from them is reported.
_SYNONYMS = (
    frozenset({"int", "integer", "int4", "int32"}),
    frozenset({"bigint", "int64", "long"}),
    frozenset({"smallint", "int2", "int16", "short"}),
    frozenset({"double", "double precision", "float8"}),
    frozenset({"real", "float4"}),
    frozenset({"bool", "boolean"}),
    frozenset({"json", "jsonb"}),
)


def same_physical_type(a: Any, b: Any) -> bool:
    """Whether two `physicalType` values are one storage type spelled otherwise."""
    if field_type({"physicalType": a}) != field_type({"physicalType": b}):
        return False
    if not isinstance(a, str) or not isinstance(b, str):
        return bool(a == b)
    x, y = " ".join(a.lower().split()), " ".join(b.lower().split())
    return x == y or any(x in group and y in group for group in _SYNONYMS)
