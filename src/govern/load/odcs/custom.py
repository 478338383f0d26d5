"""govern's own ``govern.*`` custom properties in an ODCS file: the table of
names, and how one is read off a node.

What the native format says and ODCS has no key for is kept in ODCS
``customProperties`` (on the contract, on a schema object, on a property).
The reader (:mod:`.mapping`), the checks (:mod:`.custom_checks`) and the
writer (:mod:`govern.convert`) share this one table, so that what is written
is what is read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govern.load.yamlpos import Path

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


@dataclass(frozen=True)
class NativeError:
    """A govern custom property whose value does not have the native shape
    (``govern.notice_days: soon``): where it is in the ODCS file, and what is wrong."""

    path: Path  # the ODCS path of the offending value (or key, for GOV003)
    code: str  # GOV003 unknown key, GOV004 wrong type or value, GOV005 missing key
    message: str
    on_key: bool = False  # reported at the key that names ``path``, not at its value


def custom(node: dict[str, Any], at: Path) -> dict[str, tuple[Any, Path]]:
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


def deprecation(value: Any) -> Any:
    """A ``govern.deprecated`` custom property as the native ``deprecated:``:
    true, a reason (text), or a mapping with reason/removal/replacement. None
    (not deprecated) for false or empty text; anything else is passed on, for
    the model to report."""
    if isinstance(value, str):
        return {"reason": value} if value.strip() else None
    if value is False or value is None:
        return None
    return value


def root_index(objects: Any) -> int | None:
    """The index of the schema object that holds a native contract's top-level
    fields: the only object of the contract, marked ``govern.root: true``."""
    if not isinstance(objects, list) or len(objects) != 1 or not isinstance(objects[0], dict):
        return None
    marked = custom(objects[0], ("schema", 0)).get(CP_ROOT)
    return 0 if marked is not None and marked[0] is True else None
