"""An ODCS document cut into pieces that nest at most PIECE_DEPTH levels, for validation.

The ODCS schema nests `properties` and `items` through `unevaluatedProperties`
and conditionals, and jsonschema's time grows about three times with every
level (3 s at 7 levels, minutes at 10): a few kilobytes of untrusted YAML
could stall a CI job. So a document is validated in pieces nesting at most
this deep, each deeper property validated as a piece of its own (linear).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from govern.load.odcs.detect import ODCS_KIND
from govern.load.yamlpos import Path

PIECE_DEPTH = 3


@dataclass
class Piece:
    document: dict[str, Any]
    fake: Path  # where the piece's subject is in `document`
    real: Path  # where it is in the file


def pieces(value: dict[str, Any]) -> list[Piece]:
    """``value`` cut into documents that nest at most PIECE_DEPTH levels."""
    root = copy.deepcopy(value)
    out = [Piece(root, (), ())]
    objects = root.get("schema")
    if isinstance(objects, list):
        for i, obj in enumerate(objects):
            if isinstance(obj, dict):
                _cut(obj, 0, ("schema", i), root.get("apiVersion"), out)
    return out


def _cut(node: dict[str, Any], depth: int, real: Path, api: Any, out: list[Piece]) -> None:
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
    child: dict[str, Any], real: Path, api: Any, out: list[Piece], *, as_items: bool
) -> None:
    holder: dict[str, Any] = {"name": "piece"}
    if as_items:
        holder["properties"] = [{"name": "piece", "logicalType": "array", "items": child}]
        fake: Path = ("schema", 0, "properties", 0, "items")
    else:
        holder["properties"] = [child]
        fake = ("schema", 0, "properties", 0)
    document = {
        "apiVersion": api if isinstance(api, str) and api.startswith("v3") else "v3.2.0",
        "kind": ODCS_KIND,
        "id": "piece",
        "version": "1.0.0",
        "status": "active",
        "schema": [holder],
    }
    out.append(Piece(document, fake, real))
    _cut(child, 2 if as_items else 1, real, api, out)
