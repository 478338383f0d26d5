"""A jsonschema error -> govern's code and message, at the path it is about.

An unknown key is GOV003, a missing one GOV005, anything else GOV004; for a
``oneOf``/``anyOf`` failure the alternative that came closest is explained,
not the union. The keys missing from one object are one finding naming them
all (:func:`worded`); an unknown key that only follows from another error is
dropped (:func:`follow_ons`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from govern.load.yamlpos import Path, dotted, short_repr

# (code, path, whether the key is meant, message); for GOV005 the message is
# the missing key, until :func:`worded` words it.
Found = tuple[str, Path, bool, str]


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


def explain(error: Any, at: Path) -> list[Found]:
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
        return [("GOV005", at, False, k) for k in missing]
    name = f"`{dotted(at)}`" if at else "the document"
    return [("GOV004", at, False, f"{name}: {_message(error)}")]


def worded(found: list[Found]) -> list[Found]:
    """Each object's missing keys (GOV005) as one finding naming them all, in
    the order the schema requires them; the rest as they are."""
    missing: dict[Path, list[str]] = {}
    for code, at, _, key in found:
        if code == "GOV005" and key not in missing.setdefault(at, []):
            missing[at].append(key)
    out: list[Found] = []
    for code, at, on_key, message in found:
        if code != "GOV005":
            out.append((code, at, on_key, message))
        elif at in missing:
            keys = missing.pop(at)
            where = dotted(at) or "the top level"
            named = ", ".join(f"`{k}`" for k in keys)
            noun = "key" if len(keys) == 1 else "keys"
            out.append((code, at, False, f"missing required {noun} {named} in {where}"))
    return out


def follow_ons(found: list[Found], declared: Iterable[str]) -> list[Found]:
    """``found`` without the unknown keys (GOV003) that only follow from another
    error: ``unevaluatedProperties`` counts every member of an object that
    failed a subschema as unevaluated, so a wrong value or a missing key makes
    its siblings "unknown". An unknown key is dropped when another error is in
    its object (at it or under it) and the key is one the schema ``declared``
    somewhere; a key ODCS has nowhere is still reported."""
    known = set(declared)
    failed = [at for code, at, _, _ in found if code != "GOV003"]
    out: list[Found] = []
    for code, at, on_key, message in found:
        if code == "GOV003" and at:
            parent = at[:-1]
            beside = any(f[: len(parent)] == parent for f in failed)
            if beside and (at[-1] in known or any(f[: len(at)] == at for f in failed)):
                continue
        out.append((code, at, on_key, message))
    return out


def declared_keys(schema: Any) -> frozenset[str]:
    """Every property name that ``schema`` declares, anywhere in it."""
    names: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack += node
        elif isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                names.update(k for k in props if isinstance(k, str))
            stack += node.values()
    return frozenset(names)


def _message(error: Any) -> str:
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"must be one of {allowed}, not {short_repr(error.instance)}"
    if error.validator == "type":
        return f"must be of type {error.validator_value}, not {short_repr(error.instance)}"
    return str(error.message)
