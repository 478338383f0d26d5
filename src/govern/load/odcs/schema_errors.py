"""A jsonschema error -> govern's code and message, at the path it is about.

An unknown key is GOV003, a missing one GOV005, anything else GOV004; for a
``oneOf``/``anyOf`` failure the alternative that came closest is explained,
not the union.
"""

from __future__ import annotations

import importlib
from typing import Any

from govern.load.yamlpos import Path, dotted, short_repr


def leaf(error: Any) -> Any:
    """For a oneOf/anyOf failure, the error of the alternative that came
    closest, so the report names the real mistake: alternatives of another
    type than the value written are passed over, then jsonschema's best match."""
    # Imported here, as for the validator: importing this module must not
    # import jsonschema (a warm run never does); importlib, as it has no hints.
    best_match = importlib.import_module("jsonschema.exceptions").best_match

    while error.validator in ("oneOf", "anyOf") and error.context:
        by_branch: dict[Any, list[Any]] = {}
        for sub in error.context:
            branch = sub.relative_schema_path[0] if sub.relative_schema_path else None
            by_branch.setdefault(branch, []).append(sub)
        fitting = [
            sub
            for subs in by_branch.values()
            if not any(s.validator == "type" and not s.relative_path for s in subs)
            for sub in subs
        ]
        best = best_match(fitting or error.context)
        if best is None or best is error:
            break
        error = best
    return error


def explain(error: Any, at: Path) -> list[tuple[str, Path, bool, str]]:
    """(code, path, whether the key is meant, message) of a schema error at ``at``."""
    where = dotted(at) or "the top level"
    instance = error.instance
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(
        instance, dict
    ):
        tail = error.message.rsplit("(", 1)[-1]
        extra = [k for k in instance if repr(k) in tail] or list(instance)[:1]
        return [
            ("GOV003", (*at, k), True, f"unknown key `{k}` in {where} (not in ODCS)") for k in extra
        ]
    if error.validator == "required" and isinstance(instance, dict):
        missing = [k for k in error.validator_value if k not in instance]
        return [("GOV005", at, False, f"missing required key `{k}` in {where}") for k in missing]
    name = f"`{dotted(at)}`" if at else "the document"
    return [("GOV004", at, False, f"{name}: {_message(error)}")]


def _message(error: Any) -> str:
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"must be one of {allowed}, not {short_repr(error.instance)}"
    if error.validator == "type":
        return f"must be of type {error.validator_value}, not {short_repr(error.instance)}"
    return str(error.message)
