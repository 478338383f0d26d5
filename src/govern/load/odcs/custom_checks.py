"""What is wrong with govern's custom properties in an ODCS file.

The ODCS schema accepts any ``customProperties`` entry; these checks are
govern's own, reported with the schema's errors (:func:`.schema.schema_problems`).
"""

from __future__ import annotations

from typing import Any

from govern.load.odcs.custom import (
    CONTRACT_PROPERTIES,
    CP_ROOT,
    FIELD_PROPERTIES,
    OBJECT_PROPERTIES,
    PREFIX,
    NativeError,
    custom,
)
from govern.load.odcs.mapping import map_contract
from govern.load.yamlpos import Path


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
            marked = custom(obj, ("schema", i)).get(CP_ROOT)
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
