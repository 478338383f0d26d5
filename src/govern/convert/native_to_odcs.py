"""A native contract as an ODCS v3.1.0 document (``govern convert --to odcs``).

What :mod:`govern.load.odcs` reads back into the same contract: the schema
objects (one ``govern.root`` object holding the top-level fields, unless every
top-level field is an object), the SLA as ``slaProperties``, and what ODCS
has no key for as ``govern.*`` custom properties.
"""

from __future__ import annotations

import re
from typing import Any

from govern.convert.losses import EMPTY, Loss
from govern.convert.odcs_fields import custom_property, odcs_property
from govern.convert.plain_values import plain, plain_value
from govern.load import odcs
from govern.model.contract import Contract, Field_

API_VERSION = "v3.1.0"  # the newest ODCS version most tools read; govern reads v3.x

# The native kind -> the physicalType of the schema objects; event and api
# have none in ODCS (`govern.kind` says them).
KIND_PHYSICAL = {"table": "table", "view": "view", "stream": "topic", "file": "file"}
# What a top-level object field may say and still be an ODCS schema object (which
# has no required, unique, primaryKey, classification, examples, items).
_OBJECT_KEYS = frozenset(
    {"type", "description", "fields", "pii", "masking", "deprecated", "enum"}
    | {"pattern", "min", "max", "min_length", "max_length"}
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
    root["customProperties"] = [custom_property(odcs.CP_ROOT, True)]
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
            losses.append(Loss(("sla",), EMPTY.format("sla")))
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
    physical = KIND_PHYSICAL.get(c.kind)
    objects = _schema_objects(c, physical, losses)
    if objects:
        out["schema"] = objects
    sla = _sla_properties(c, losses)
    if sla:
        out["slaProperties"] = sla
    custom: list[dict[str, Any]] = []
    if c.owner is not None:
        custom.append(custom_property(odcs.CP_OWNER, c.owner))
    # The kind is read from the schema objects' physicalType, else `table`.
    derived = "table" if not (objects and physical) else odcs.PHYSICAL_KIND[physical]
    if derived != c.kind:
        custom.append(custom_property(odcs.CP_KIND, c.kind))
    for name, value in (
        (odcs.CP_PRODUCER, c.producer),
        (odcs.CP_DATASET, c.dataset),
    ):
        if value is not None:
            custom.append(custom_property(name, value))
    if "consumers" in c.model_fields_set:
        custom.append(custom_property(odcs.CP_CONSUMERS, plain_value(c.consumers)))
    policy = c.change_policy
    if policy is not None:
        if policy.notice_days is not None:
            custom.append(custom_property(odcs.CP_NOTICE_DAYS, policy.notice_days))
        if policy.channel is not None:
            custom.append(custom_property(odcs.CP_CHANNEL, policy.channel))
        if policy.notice_days is None and policy.channel is None:
            losses.append(Loss(("change_policy",), EMPTY.format("change_policy")))
    if c.sla is not None and c.sla.delivery is not None:
        custom.append(custom_property(odcs.CP_DELIVERY, c.sla.delivery))
    for name, key in ((odcs.CP_NOTICES, "notices"), (odcs.CP_WAIVERS, "waivers")):
        if key in c.model_fields_set:
            custom.append(custom_property(name, plain_value(getattr(c, key))))
    if c.deprecated is not None:
        custom.append(custom_property(odcs.CP_DEPRECATED, plain(c.deprecated)))
    if custom:
        out["customProperties"] = custom
    return out, losses
