"""An ODCS document against the official ODCS JSON Schema of its own ``apiVersion``.

Every error is reported at its line and column. The schemas are the ones the
Bitol project publishes, one per version, shipped in govern
(``govern/schemas/odcs/``, see the README there): what judges a file does
not change with another package's releases. jsonschema is imported only to
validate a file, and a file's answers are kept between runs by a hash of
its text and of the schema (``govern.cache``), so that a warm run need not
import it at all. The document is validated in pieces (:mod:`.pieces`), and
each error explained by :mod:`.schema_errors`; govern's own custom
properties are checked after (:mod:`.custom_checks`).
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
from govern.load.quoting import short_repr
from govern.load.yamlpos import Path

# apiVersion -> its official schema, in govern/schemas/odcs/. A file is
# validated against the schema of its own apiVersion, exactly: a v3.0 file
# may write `rule:` quality, and must have a `status`, as v3.0 says.
SCHEMA_FILES: dict[str, str] = {
    version: f"odcs-json-schema-{version}.json"
    for version in ("v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0", "v3.2.0")
}
# A file without an apiVersion (GOV005 says so) is validated against the newest.
DEFAULT_SCHEMA_FILE = SCHEMA_FILES["v3.2.0"]


def schema_file(api_version: object) -> str | None:
    """The schema file of ``api_version``; None for one govern has no schema of
    (the file is not validated further, a finding says which versions it knows)."""
    if api_version is None:
        return DEFAULT_SCHEMA_FILE
    if isinstance(api_version, str):
        return SCHEMA_FILES.get(api_version)
    return None


def _schema_text(name: str) -> bytes:
    return resources.files("govern.schemas").joinpath("odcs").joinpath(name).read_bytes()


@functools.cache
def _schema_digest(name: str) -> str:
    import hashlib

    return hashlib.sha256(_schema_text(name)).hexdigest()


@functools.cache
def _validator(name: str) -> Any:
    # Imported here: only a repository with ODCS files pays for it (and
    # through importlib, as jsonschema ships no type hints).
    jsonschema: Any = importlib.import_module("jsonschema")

    schema = json.loads(_schema_text(name))
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

    # The answers depend on jsonschema (stamped here) and on the schema (in the key).
    return open_cache("odcs-v1", "jsonschema")


def cached_schema_problems(
    text: str, value: dict[str, Any], marks: Any, path: str
) -> list[Problem]:
    """:func:`schema_problems`, kept between runs by a hash of the text and of
    the schema it is judged by (they depend on nothing else): validating
    against the ODCS schema is most of the time of an ODCS file, and a warm
    run need not import jsonschema."""
    import hashlib

    cache = _problem_cache()
    # The schema that judges the text is in the key (its name and a hash of
    # its bytes), and how its errors are worded (ANSWERS: raise it when the
    # findings of a text change).
    name = schema_file(value.get("apiVersion"))
    judge = f"{name}:{_schema_digest(name)}" if name else "none"
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
    """Every error of ``value`` against the ODCS JSON Schema of its apiVersion,
    then of govern's custom properties in it (:func:`govern_problems`), at its
    line and column. An apiVersion govern has no schema of is the one error
    the schema reports."""
    name = schema_file(value.get("apiVersion"))
    found: list[Found] = []
    if name is None:
        known = ", ".join(SCHEMA_FILES)
        message = (
            f"`apiVersion`: govern knows the ODCS versions {known}, "
            f"not {short_repr(value.get('apiVersion'))}"
        )
        found.append(("GOV004", ("apiVersion",), False, message))
    else:
        validator = _validator(name)
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
