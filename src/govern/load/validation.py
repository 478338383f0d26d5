"""Validate a document's values against its pydantic model; on shape errors,
report each at its line, prune what they point at and validate the rest
again, so that the rules still check it (all findings of a file at once)."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from govern.findings import Problem
from govern.load.lazy_positions import LazyPositions
from govern.load.shape_problems import problems as shape_problems
from govern.load.shape_problems import resolve
from govern.load.yamlpos import Path
from govern.model.contract import Contract

M = TypeVar("M", bound=BaseModel)

# When a required top-level key is missing or malformed, the document is
# validated again with a neutral stand-in, so that the rules still check the
# rest of it (the key's own problem is already reported). The id is never
# stood in for: without it the document cannot be referred to.
_STAND_INS: dict[type[BaseModel], dict[str, Any]] = {
    Contract: {"version": "0.0.0", "status": "draft", "kind": "event", "schema": {}},
}


def validate(
    model: type[M], data: dict[str, Any], positions: LazyPositions, path: str
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = shape_problems(model, data, positions, path, errors)
    pruned = copy.deepcopy(data)
    stand_ins = _STAND_INS.get(model, {})
    for _ in range(4):
        if not _prune(pruned, errors, stand_ins):
            return None, problems
        try:
            return model.model_validate(pruned), problems
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, problems


def _prune(data: dict[str, Any], errors: list[Any], stand_ins: dict[str, Any]) -> bool:
    """Remove what each error points at; False when an error cannot be pruned
    (a required top-level key with no stand-in)."""
    targets: list[Path] = []
    for err in errors:
        loc = tuple(err["loc"])
        data_path, _ = resolve(data, loc)
        top = loc[0] if loc else None
        if (
            len(data_path) <= 1
            and isinstance(top, str)
            and top in stand_ins
            and (err["type"] == "missing" or data_path == (top,))
        ):
            data[top] = copy.deepcopy(stand_ins[top])
            continue
        if not data_path:
            return False
        # For a missing key, the mapping lacking it goes (data_path is that mapping).
        targets.append(data_path)
    # Deepest first, lists from the end, so earlier removals do not shift later ones.
    for target in sorted(set(targets), key=lambda p: (len(p), [str(x) for x in p]), reverse=True):
        parent: Any = data
        for part in target[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        if isinstance(parent, dict):
            parent.pop(target[-1], None)
        elif isinstance(parent, list) and isinstance(target[-1], int) and target[-1] < len(parent):
            parent.pop(target[-1])
    return True
