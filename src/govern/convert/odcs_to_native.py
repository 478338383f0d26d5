"""An ODCS document as a native contract (``govern convert --to native``), and
what of it the native format cannot hold.

The contract is what :func:`govern.load.odcs.map_contract` reads, as lint
reads it. The losses are found by walking the document beside that contract:
a key is carried when the contract holds what it says (for a property: when
writing the native field again, :func:`.odcs_fields.odcs_property`, gives it
back), and reported with its ODCS path otherwise.
"""

from __future__ import annotations

from typing import Any

from govern.convert.losses import NOT_CARRIED, Loss, short
from govern.convert.native_to_odcs import KIND_PHYSICAL
from govern.convert.odcs_fields import odcs_property
from govern.convert.plain_values import plain
from govern.load import odcs
from govern.load.yamlpos import Path, dotted
from govern.model.contract import Contract, Field_

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
    """The losses of one ODCS document, gathered key by key against its contract."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.out: list[Loss] = []
        self.physical = KIND_PHYSICAL.get(contract.kind)

    def lost(self, path: Path, what: str = "") -> None:
        self.out.append(Loss(path, f"{dotted(path)}{what} (ODCS) {NOT_CARRIED}"))

    def changed(self, path: Path, value: Any, becomes: str) -> None:
        self.out.append(Loss(path, f"{dotted(path)} `{short(value)}` {becomes}"))

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
                self.lost(where, f" (`{short(name)}`)")

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
                    self.changed(path, value, f"is read as type `{short(f.type)}`")
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
            w.lost(("slaProperties", i), f" (`{short(prop)}`)")
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
