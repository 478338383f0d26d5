"""An ODCS document against the official ODCS JSON Schema: every error at its line and column.

The schema is the one the ``open-data-contract-standard`` package ships;
jsonschema is imported only to validate a file, and a file's answers are
kept between runs by a hash of its text (``govern.cache``), so that a warm
run need not import it at all. The document is validated in pieces
(:mod:`.pieces`), and each error explained by :mod:`.schema_errors`; govern's
own custom properties are checked after (:mod:`.custom_checks`).
"""

from __future__ import annotations

import functools
import importlib
import json
from importlib import resources
from typing import Any

from govern.findings import Location, Problem
from govern.load.odcs.custom_checks import govern_problems
from govern.load.odcs.pieces import pieces
from govern.load.odcs.schema_errors import Found, declared_keys, explain, follow_ons, leaf, worded
from govern.load.yamlpos import Path

# apiVersion -> the schema file in the `open_data_contract_standard` package.
# The package (3.2.0) ships one schema, `schema.json`, whose `apiVersion`
# enum accepts every v3 version (v3.0.0 to v3.2.0): it is chosen for all of
# them. Should a later package ship one file per version, add it here.
SCHEMA_FILES: dict[str, str] = {}
DEFAULT_SCHEMA_FILE = "schema.json"


def schema_file(api_version: object) -> str:
    if isinstance(api_version, str):
        return SCHEMA_FILES.get(api_version, DEFAULT_SCHEMA_FILE)
    return DEFAULT_SCHEMA_FILE


@functools.cache
def _validator(name: str) -> Any:
    # Imported here: only a repository with ODCS files pays for it (and
    # through importlib, as jsonschema ships no type hints).
    jsonschema: Any = importlib.import_module("jsonschema")

    text = resources.files("open_data_contract_standard").joinpath(name).read_text("utf-8")
    schema = json.loads(text)
    _fix_vacuous_ifs(schema)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@functools.cache
def _declared(name: str) -> frozenset[str]:
    return declared_keys(_validator(name).schema)


def _fix_vacuous_ifs(node: Any) -> None:
    """Make each ``if: {properties: {K: {const: ...}}}`` require K.

    Without it the condition holds vacuously when K is absent: the 3.2.0
    schema's ``if logicalType is map then map is required`` makes every
    property that omits the (optional) ``logicalType`` fail with "'map' is
    a required property". Only such conditions are changed."""
    if isinstance(node, list):
        for item in node:
            _fix_vacuous_ifs(item)
        return
    if not isinstance(node, dict):
        return
    cond = node.get("if")
    if isinstance(cond, dict):
        for branch in [cond, *cond.get("anyOf", []), *cond.get("oneOf", [])]:
            props = branch.get("properties") if isinstance(branch, dict) else None
            if isinstance(props, dict) and "required" not in branch:
                keys = [
                    k
                    for k, v in props.items()
                    if isinstance(v, dict) and ("const" in v or "enum" in v)
                ]
                if keys:
                    branch["required"] = keys
    for value in node.values():
        _fix_vacuous_ifs(value)


# The version of the answers kept: 2 names every missing key of an object,
# and drops the unknown keys that only follow from another error.
ANSWERS = 2


@functools.cache
def _problem_cache() -> Any:
    from govern.cache import open_cache

    # The answers depend on the schema the package ships and on jsonschema.
    return open_cache("odcs-v1", "open_data_contract_standard", "jsonschema")


def cached_schema_problems(
    text: str, value: dict[str, Any], marks: Any, path: str
) -> list[Problem]:
    """:func:`schema_problems`, kept between runs by a hash of the text (they
    depend on nothing else): validating against the ODCS schema is most of
    the time of an ODCS file, and a warm run need not import jsonschema."""
    import hashlib

    cache = _problem_cache()
    # The schema that judges the text is in the key, and how its errors are
    # worded (ANSWERS: raise it when the findings of a text change).
    judge = schema_file(value.get("apiVersion"))
    key = hashlib.sha256(f"{ANSWERS}\n{judge}\n{text}".encode()).hexdigest()
    hit = cache.get(key)
    if isinstance(hit, list) and all(isinstance(p, list) and len(p) == 4 for p in hit):
        return [
            Problem(Location(path, line, column), message, code)
            for line, column, code, message in hit
        ]
    problems = schema_problems(value, marks, path)
    cache.put(
        key,
        [[p.location.line, p.location.column, p.code, p.message] for p in problems],
    )
    return problems


def schema_problems(value: dict[str, Any], marks: Any, path: str) -> list[Problem]:
    """Every error of ``value`` against the ODCS JSON Schema, then of govern's
    custom properties in it (:func:`govern_problems`), at its line and column."""
    name = schema_file(value.get("apiVersion"))
    validator = _validator(name)
    found: list[Found] = []
    for piece in pieces(value):
        n = len(piece.fake)
        for error in validator.iter_errors(piece.document):
            closest = leaf(error)
            at: Path = tuple(closest.absolute_path)
            if n:
                at = (*piece.real, *at[n:]) if at[:n] == piece.fake else piece.real
            found += explain(closest, at)
    # An unknown-key error that only follows from another error (a member or a
    # sibling that failed) is dropped; each object's missing keys are one finding.
    found = worded(follow_ons(found, _declared(name)))
    out: dict[tuple[int, int, str], Problem] = {}
    for code, at, on_key, message in found:
        mark = marks.key(at) if on_key else marks.value(at)
        key = (mark.line, mark.column, code)
        if key not in out:
            out[key] = Problem(Location(path, mark.line, mark.column), message, code)
    for error in govern_problems(value):
        mark = marks.key(error.path) if error.on_key else marks.value(error.path)
        key = (mark.line, mark.column, error.code)
        if key not in out:
            out[key] = Problem(Location(path, mark.line, mark.column), error.message, error.code)
    return sorted(out.values(), key=lambda p: (p.location.line, p.location.column, p.code))
