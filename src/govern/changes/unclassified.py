"""What no other handler classifies: every difference between two revisions
of a contract or metric that the pair handlers do not look at is an
`unclassified-change` (PRODUCT.md section 8, "Nothing unseen"), naming the
key path and the old and new value, never dropped.

Native models: :data:`ROLES` says, for every field of every model, whether a
pair handler compares it (``handler``), this module reports it as it is
(``unclassified``), or this module walks into it (``nested``: a mapping of
fields, a list of entries with an identity, a sub-model). A test checks that
every model field has a role, so a field added later cannot escape.

ODCS documents: what the native model cannot hold (``odcs_losses``, plus
``apiVersion`` and ``kind``) is compared on the documents as written, by ODCS
key path with list items named (``schema[orders].properties[id].logicalTypeOptions.format``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

from pydantic import BaseModel

from govern.load.quoting import dotted, short_repr
from govern.model.contract import (
    ChangePolicy,
    Consumer,
    Contract,
    Deprecation,
    Field_,
    Notice,
    Sla,
    Waiver,
    yaml_path,
)
from govern.model.metric import Metric

KIND = "unclassified-change"
Role = Literal["handler", "unclassified", "nested"]
Found = Iterator[tuple[str, str]]  # (element, detail)

# Every field of every model, and who looks at its changes.
ROLES: dict[type[BaseModel], dict[str, Role]] = {
    Contract: {
        "contract": "handler",  # the identity: another id is another contract
        # The version bump check (report._version_bump, `version-not-bumped`):
        # a new version is how a change is announced, not a change of its own.
        "version": "handler",
        "status": "handler",  # compare._metadata
        "kind": "handler",
        "description": "handler",
        "owner": "handler",
        "producer": "handler",
        "dataset": "handler",
        "retention": "handler",
        "consumers": "nested",  # teams: compare._metadata; each team's entry: here
        "schema_": "nested",  # fields: compare._schema and field_handlers; the rest here
        "sla": "handler",  # compare._sla, every property
        "change_policy": "nested",  # notice_days: compare._notice_days
        "notices": "nested",  # added / withdrawn: compare._notices; their other keys here
        "waivers": "unclassified",
        "deprecated": "nested",  # deprecated / undeprecated: compare._deprecation
        "tags": "unclassified",
    },
    Field_: {
        "type": "handler",  # field_handlers.type_change
        "description": "handler",
        "required": "handler",
        "unique": "handler",
        "primary_key": "handler",
        "enum": "handler",
        "pattern": "handler",
        "min": "handler",
        "max": "handler",
        "min_length": "handler",
        "max_length": "handler",
        "pii": "handler",
        "classification": "handler",
        "masking": "handler",
        "deprecated": "nested",  # field_handlers.deprecation: whether; its keys here
        "examples": "unclassified",
        "fields": "nested",  # compare._fields: added, removed; each walked here
        "items": "nested",
    },
    Sla: {
        "freshness": "handler",
        "completeness": "handler",
        "availability": "handler",
        "delivery": "handler",
    },
    ChangePolicy: {"notice_days": "handler", "channel": "unclassified"},
    Consumer: {"team": "handler", "use": "unclassified"},
    Notice: {
        "element": "handler",  # the identity of a notice, with `change`
        "change": "handler",
        "reason": "unclassified",
        "effective": "unclassified",
    },
    Waiver: {
        "element": "unclassified",
        "change": "unclassified",
        "reason": "unclassified",
        "approved_by": "unclassified",
    },
    Deprecation: {
        "reason": "unclassified",
        "removal": "unclassified",
        "replacement": "unclassified",
    },
    Metric: {
        "metric": "handler",  # the identity
        "name": "handler",  # compare.metric_changes: metadata-changed
        "description": "handler",
        "owner": "handler",
        "approved_by": "handler",
        "version": "handler",  # as a contract's
        "type": "handler",
        "formula": "handler",  # metric-formula-changed, as parsed SQL
        "dialect": "handler",
        "sources": "handler",
        "unit": "handler",
        "grain": "handler",
        "aliases": "handler",
        "filter": "handler",
        "deprecated": "nested",
        "notices": "nested",
        "waivers": "unclassified",
    },
}

_ABSENT = "absent"


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _show(value: Any) -> str:
    return _ABSENT if value is _MISSING else short_repr(value)


def detail(path: str, old: Any, new: Any) -> str:
    return f"`{path}`: {_show(old)} -> {_show(new)}"


def _notice_key(n: Notice) -> str:
    return f"{n.element} {n.change}"


def _consumer_key(c: Consumer) -> str:
    return c.team


_KEYS: dict[str, Callable[[Any], str]] = {"notices": _notice_key, "consumers": _consumer_key}


def _walk(
    cls: type[BaseModel], old: BaseModel, new: BaseModel, path: tuple[str, ...], element: str
) -> Found:
    for name, role in ROLES[cls].items():
        if role == "handler":
            continue
        a, b = getattr(old, name), getattr(new, name)
        key = cls.model_fields[name].alias or name
        at = (*path, key)
        if role == "unclassified":
            pa, pb = _plain(a), _plain(b)
            if pa != pb:
                yield element, detail(dotted(at), pa, pb)
        elif name in ("schema_", "fields"):
            for fname, f in (a or {}).items():
                if fname in (b or {}):
                    names = (*element.split(".")[1:], fname)
                    yield from _walk(
                        Field_, f, b[fname], yaml_path(names), "schema." + ".".join(names)
                    )
        elif name == "items":
            if a is not None and b is not None:
                yield from _walk(Field_, a, b, at, f"{element}.items")
            elif a is not None or b is not None:  # compare._field_changes walks both only
                yield element, detail(dotted(at), _plain(a), _plain(b))
        elif name == "deprecated":
            if a is not None and b is not None:  # whether: the deprecation handlers
                yield from _walk(Deprecation, a, b, at, element)
        elif name == "change_policy":
            yield from _walk(ChangePolicy, a or ChangePolicy(), b or ChangePolicy(), at, element)
        else:  # a list of entries, each known by its key
            keyed = _KEYS[name]
            sub = type(a[0] if a else b[0]) if (a or b) else None
            before: dict[str, BaseModel] = {}
            for entry in a:
                before.setdefault(keyed(entry), entry)
            seen: set[str] = set()
            for entry in b:
                k = keyed(entry)
                if k in before and k not in seen and sub is not None:
                    seen.add(k)
                    yield from _walk(sub, before[k], entry, (*path, f"{key}[{k}]"), element)


def contract(cid: str, old: Contract, new: Contract) -> Iterator[tuple[str, str]]:
    """(element, detail) for each difference the contract handlers do not judge."""
    yield from _walk(Contract, old, new, (), "contract")


def metric(old: Metric, new: Metric) -> Found:
    yield from _walk(Metric, old, new, (), "metric")


# ---- ODCS -----------------------------------------------------------------


class _Missing:
    def __repr__(self) -> str:
        return _ABSENT


_MISSING: Any = _Missing()
# Keys of an ODCS document that are read for no native value and that the
# losses do not name (they say which ODCS the document is).
_UNREAD_TOP = ("apiVersion", "kind")
# List items are named by these keys (the first present, a text) where they have one.
_NAMES = ("name", "property", "server", "id", "username", "role", "value")


def _label(item: Any, index: int, siblings: list[Any]) -> str:
    if isinstance(item, dict):
        for k in _NAMES:
            v = item.get(k)
            if isinstance(v, str):
                same = [s for s in siblings if isinstance(s, dict) and s.get(k) == v]
                if len(same) == 1:
                    return f"[{v}]"
                break
    return f"[{index}]"


Named = tuple[str, ...]


def _named(doc: dict[str, Any], path: tuple[str | int, ...]) -> Named:
    """An ODCS path of indices as a path of names: ``("schema", "[orders]", ...)``."""
    out: list[str] = []
    node: Any = doc
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            out.append(_label(node[part], part, node))
            node = node[part]
        else:
            out.append(str(part))
            node = node.get(part, _MISSING) if isinstance(node, dict) else _MISSING
    return tuple(out)


def _at(doc: dict[str, Any] | None, path: Named) -> Any:
    node: Any = doc if doc is not None else _MISSING
    for part in path:
        if isinstance(node, dict):
            node = node.get(part, _MISSING)
        elif isinstance(node, list) and part.startswith("[") and part.endswith("]"):
            label = part[1:-1]
            found = _MISSING
            for i, item in enumerate(node):
                if _label(item, i, node) == part:
                    found = item
                    break
            if found is _MISSING and label.isdigit() and int(label) < len(node):
                candidate = node[int(label)]
                if _label(candidate, int(label), node) == part:
                    found = candidate
            node = found
        else:
            return _MISSING
        if node is _MISSING:
            return _MISSING
    return node


def _text(path: Named) -> str:
    out = ""
    for part in path:
        out += part if part.startswith("[") or not out else f".{part}"
    return out


def _unread(doc: dict[str, Any] | None, model: Contract | None) -> set[Named]:
    if doc is None or model is None:
        return set()
    from govern.convert.odcs_to_native import odcs_losses

    paths = {_named(doc, loss.path) for loss in odcs_losses(doc, model)}
    return paths | {(k,) for k in _UNREAD_TOP if k in doc}


def _element(path: Named, model: Contract | None) -> str:
    """The native element an ODCS path is under: ``schema.<object>.<property>``
    (the top-level fields of a contract written from govern's format), else ``contract``."""
    if len(path) < 2 or path[0] != "schema" or model is None:
        return "contract"
    names: list[str] = []
    rest = path[1:]
    root = model.dataset or model.contract.rsplit(".", 1)[-1]
    first = rest[0][1:-1]
    fields = model.schema_
    if first in fields:
        names.append(first)
        fields = fields[first].fields or {}
    elif first != root:
        return "contract"
    rest = rest[1:]
    while len(rest) >= 2 and rest[0] == "properties":
        name = rest[1][1:-1]
        if name not in fields:
            break
        names.append(name)
        fields = fields[name].fields or {}
        rest = rest[2:]
    return "schema." + ".".join(names) if names else "contract"


def _diff(a: Any, b: Any, at: Named) -> Iterator[Named]:
    """The key paths where two ODCS values differ: a key or item present on one
    side only, or a value (a scalar, a list of scalars) changed."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in {**a, **b}:
            yield from _diff(a.get(k, _MISSING), b.get(k, _MISSING), (*at, str(k)))
    elif (
        isinstance(a, list)
        and isinstance(b, list)
        and any(isinstance(v, (dict, list)) for v in (*a, *b))
    ):
        la = {_label(v, i, a): v for i, v in enumerate(a)}
        lb = {_label(v, i, b): v for i, v in enumerate(b)}
        for k in {**la, **lb}:
            yield from _diff(la.get(k, _MISSING), lb.get(k, _MISSING), (*at, k))
    elif not (a == b and type(a) is type(b)):
        yield at


def odcs(
    old_doc: dict[str, Any] | None,
    new_doc: dict[str, Any] | None,
    old: Contract,
    new: Contract,
    judged: Callable[[str], bool],
) -> Found:
    """What the two ODCS documents say differently where the native model does
    not look: a key the model cannot hold (``odcs_losses``) that changed, or
    any key added or removed under an element the handlers saw no change in.
    A key the mapping reads, spelled otherwise on both sides, is the handlers'
    (``int`` and ``int4`` are one type)."""
    if old_doc is None or new_doc is None:
        return
    lost_old, lost_new = _unread(old_doc, old), _unread(new_doc, new)
    for path in _diff(old_doc, new_doc, ()):
        a, b = _at(old_doc, path), _at(new_doc, path)
        element = _element(path, new if b is not _MISSING else old)
        in_old, in_new = _under(path, lost_old), _under(path, lost_new)
        # Read into the model on a side where it is written: the handlers',
        # unless it is added, removed or lost where they saw nothing change
        # (`int` and `int4` are one type spelled twice: no change).
        read = (a is not _MISSING and not in_old) or (b is not _MISSING and not in_new)
        one_side = a is _MISSING or b is _MISSING
        respelled = not one_side and path[-1] == "physicalType" and _same_type(a, b)
        if not read or (not respelled and (in_old or in_new or one_side) and not judged(element)):
            yield element, detail(_text(path), a, b)


def _same_type(a: Any, b: Any) -> bool:
    from govern.load.odcs.types import same_physical_type

    return same_physical_type(a, b)


def _under(path: Named, lost: set[Named]) -> bool:
    return any(path[:n] in lost for n in range(1, len(path) + 1))
