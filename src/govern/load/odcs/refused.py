"""The native contract the model accepts from mapped ODCS values: each value
it refuses is removed (or stood in for), so that the rules still run on the
rest, and reported when it came from a govern custom property.

Values from ODCS keys need no report here: the ODCS schema checked them
already, at their own lines.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from govern.load.odcs.custom import NativeError
from govern.load.odcs.positions import translate
from govern.load.yamlpos import Path, dotted
from govern.model.contract import Contract

# Required native keys stood in for when their value is refused, so that the
# rules still run on the rest (the value's own problem is reported).
_STAND_INS: dict[str, Any] = {"version": "0.0.0", "status": "draft"}


def validate(
    native: dict[str, Any], routes: dict[Path, Path], kind: str
) -> tuple[Contract | None, list[NativeError]]:
    """The contract, without the values the model refuses (each one reported
    when it came from a govern custom property: other keys were checked by
    the ODCS schema already)."""
    errors: list[NativeError] = []
    for _ in range(8):
        try:
            return Contract.model_validate(native), errors
        except ValidationError as exc:
            found = exc.errors(include_url=False)
        targets: list[Path] = []
        for err in found:
            at = _existing(native, tuple(err["loc"]))
            targets.append(at)
            odcs_path = translate(routes, at)
            if "customProperties" in odcs_path:
                errors.append(_native_error(err, at, odcs_path))
        if not _prune(native, targets, kind):
            return None, errors
    return None, errors


def _existing(data: Any, loc: tuple[Any, ...]) -> Path:
    """The longest prefix of a pydantic ``loc`` that exists in the data (the
    names pydantic adds for union members and validators are not in it)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            break
        node = node[part]
        path.append(part)
    return tuple(path)


def _native_error(err: Any, at: Path, odcs_path: Path) -> NativeError:
    kind = err["type"]
    if kind == "missing":
        name = err["loc"][-1]
        return NativeError(
            odcs_path, "GOV005", f"missing required key `{name}` in {dotted(odcs_path)}"
        )
    if kind == "extra_forbidden":
        where = dotted(odcs_path[:-1])
        return NativeError(odcs_path, "GOV003", f"unknown key `{at[-1]}` in {where}", True)
    message = str(err["msg"])
    message = message[:1].lower() + message[1:]
    return NativeError(odcs_path, "GOV004", f"`{dotted(odcs_path)}`: {message}")


def _prune(native: dict[str, Any], targets: list[Path], kind: str) -> bool:
    """Remove each refused value (deepest first, lists from the end); False
    when one cannot go (the id, the schema)."""
    for target in sorted(set(targets), key=lambda p: (len(p), [str(x) for x in p]), reverse=True):
        if len(target) == 1 and target[0] in (*_STAND_INS, "kind"):
            native[str(target[0])] = kind if target[0] == "kind" else _STAND_INS[str(target[0])]
            continue
        if len(target) <= 1:
            return False
        parent: Any = native
        for part in target[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            parent.pop(target[-1], None)
        elif isinstance(parent, list) and isinstance(target[-1], int):
            parent.pop(target[-1])
    # A mapping built only from custom properties, all refused, was not written.
    for key in ("change_policy", "sla"):
        if native.get(key) == {}:
            del native[key]
    return True
