"""Pydantic's errors as problems at the offending key or value: a missing
key (GOV005), an unknown one with the closest allowed key (GOV003), a value
of the wrong type or form (GOV004), each in the words of YAML."""

from __future__ import annotations

import difflib
import typing
from typing import Any, Union

from pydantic import BaseModel

from govern.findings import Location, Problem
from govern.load.lazy_positions import LazyPositions
from govern.load.yamlpos import Path, dotted, short_repr


def resolve(data: Any, loc: tuple[Any, ...]) -> tuple[Path, list[Any]]:
    """Map a pydantic ``loc`` to a path in the data, dropping the names pydantic
    adds for union members and validators; also return the dropped tail."""
    path: list[str | int] = []
    cur = data
    rest: list[Any] = []
    for i, part in enumerate(loc):
        in_dict = isinstance(cur, dict) and part in cur
        in_list = isinstance(cur, list) and isinstance(part, int) and part < len(cur)
        if in_dict or in_list:
            path.append(part)
            cur = cur[part]
        else:
            rest = list(loc[i:])
            if isinstance(part, str) and (part in _UNION_TAGS or part.startswith("function-")):
                continue
            break
    return tuple(path), rest


_UNION_TAGS = {"str", "int", "float", "bool", "Deprecation", "none", "list", "dict"}


def problems(
    model: type[BaseModel],
    data: dict[str, Any],
    positions: LazyPositions,
    path: str,
    errors: list[Any],
) -> list[Problem]:
    out: dict[tuple[int, int, str], Problem] = {}
    for err in errors:
        loc = tuple(err["loc"])
        data_path, rest = resolve(data, loc)
        kind = err["type"]
        if kind == "missing":
            code = "GOV005"
            mark = positions.value(data_path)
            name = rest[-1] if rest else loc[-1]
            where = dotted(data_path) or "the top level"
            message = f"missing required key `{name}` in {where}"
        elif kind == "extra_forbidden":
            code = "GOV003"
            mark = positions.key(data_path)
            name = str(data_path[-1]) if data_path else str(loc[-1])
            allowed = _allowed_keys(model, data_path[:-1])
            hint = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            where = dotted(data_path[:-1]) or "the top level"
            message = f"unknown key `{dotted((name,))}` in {where}"
            if hint:
                message += f": did you mean `{hint[0]}`?"
            elif allowed:
                message += f" (allowed: {', '.join(allowed)})"
        else:
            code = "GOV004"
            mark = positions.value(data_path)
            message = _type_message(err, data_path)
        key = (mark.line, mark.column, code)
        if key in out:  # one report for the several members of a union
            continue
        out[key] = Problem(Location(path, mark.line, mark.column), message, code)
    return list(out.values())


def _type_message(err: Any, data_path: Path) -> str:
    name = f"`{dotted(data_path)}`" if data_path else "the document"
    got = _yaml_type(err.get("input"))
    kind = err["type"]
    expected = {
        "string_type": "text",
        "int_type": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "date_type": "a date (YYYY-MM-DD)",
        "date_parsing": "a date (YYYY-MM-DD)",
        "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
        "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    }.get(kind)
    if kind == "literal_error":
        return f"{name} must be one of {err['ctx']['expected']}, not {short_repr(err.get('input'))}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{name}: {err['msg'].lower()}"
    if expected is None:
        return f"{name}: {err['msg']}"
    message = f"{name} must be {expected}, not {got}"
    if kind == "string_type" and isinstance(err.get("input"), (int, float)):
        message += f' (quote it: "{short_repr(err["input"])}")'
    return message


def _yaml_type(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {short_repr(value)}"
    if isinstance(value, str):
        return f"the text {short_repr(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _allowed_keys(model: type[BaseModel], parent: Path) -> list[str]:
    """The keys a mapping at ``parent`` may hold, by walking the model's types."""
    tp: Any = model
    for part in parent:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            f = next((f for n, f in tp.model_fields.items() if (f.alias or n) == part), None)
            if f is None:
                return []
            tp = f.annotation
        else:
            args = typing.get_args(tp)
            if typing.get_origin(tp) is dict and len(args) == 2:
                tp = args[1]
            elif typing.get_origin(tp) is list and args:
                tp = args[0]
            else:
                return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin is Union or type(tp).__name__ == "UnionType":
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else members[0]
            continue
        return tp
