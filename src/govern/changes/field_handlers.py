"""Pair handlers for one field: each takes the field's name and its previous
and current self, and names what changed as (kind, detail) pairs (buf's
breaking rules: `check(previous, current)`). The table runs them in order,
which is the order changes are reported in.

Adding a change kind to fields is adding a handler here and a verdict in
model/kinds.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from govern.model.contract import CLASSIFICATION_RANK, Field_
from govern.values import parse_type

from .types import compare as compare_types

Found = Iterator[tuple[str, str]]  # (kind, detail)
Handler = Callable[[str, Field_, Field_], Found]


def type_change(name: str, old: Field_, new: Field_) -> Found:
    old_t, new_t = parse_type(old.type), parse_type(new.type)
    if old_t is not None and new_t is not None:
        direction = compare_types(old_t, new_t)
        if direction != "same":
            kind = {"widened": "type-widened", "narrowed": "type-narrowed"}.get(
                direction, "type-changed"
            )
            yield kind, f"type of `{name}` {old_t} -> {new_t}"
    elif old.type.strip() != new.type.strip():
        yield "type-changed", f"type of `{name}` {old.type} -> {new.type}"


def requiredness(name: str, old: Field_, new: Field_) -> Found:
    if old.required and not new.required:
        yield "field-optional", f"`{name}` is no longer required"
    elif new.required and not old.required:
        yield "field-required", f"`{name}` is now required"


def uniqueness(name: str, old: Field_, new: Field_) -> Found:
    for key, what in (("unique", "unique"), ("primary_key", "the primary key")):
        if getattr(old, key) and not getattr(new, key):
            yield "constraint-loosened", f"`{name}` is no longer {what}"
        elif getattr(new, key) and not getattr(old, key):
            yield "constraint-tightened", f"`{name}` is now {what}"


def bounds(name: str, old: Field_, new: Field_) -> Found:
    for key, larger_is_looser in (
        ("min", False),
        ("max", True),
        ("min_length", False),
        ("max_length", True),
    ):
        a, b = getattr(old, key), getattr(new, key)
        if a == b:
            continue
        if b is None:
            yield "constraint-loosened", f"`{name}`: {key} {a} removed"
        elif a is None:
            yield "constraint-tightened", f"`{name}`: {key} {b} added"
        else:
            looser = (b > a) == larger_is_looser
            kind = "constraint-loosened" if looser else "constraint-tightened"
            yield kind, f"`{name}`: {key} {a} -> {b}"


def pattern(name: str, old: Field_, new: Field_) -> Found:
    if old.pattern == new.pattern:
        return
    if new.pattern is None:
        yield "constraint-loosened", f"`{name}`: pattern {old.pattern!r} removed"
    elif old.pattern is None:
        yield "constraint-tightened", f"`{name}`: pattern {new.pattern!r} added"
    else:
        yield "pattern-changed", f"`{name}`: pattern {old.pattern!r} -> {new.pattern!r}"


def enum(name: str, old: Field_, new: Field_) -> Found:
    if old.enum == new.enum:
        return
    if new.enum is None:
        yield "constraint-loosened", f"`{name}`: enum removed (any value now)"
    elif old.enum is None:
        yield "constraint-tightened", f"`{name}`: enum {new.enum} added"
    else:
        added = [v for v in new.enum if v not in old.enum]
        removed = [v for v in old.enum if v not in new.enum]
        if added:
            yield "enum-value-added", f"`{name}`: enum value(s) {added} added"
        if removed:
            yield "enum-value-removed", f"`{name}`: enum value(s) {removed} removed"


def classification(name: str, old: Field_, new: Field_) -> Found:
    old_rank = CLASSIFICATION_RANK.get(old.classification or "", -1)
    new_rank = CLASSIFICATION_RANK.get(new.classification or "", -1)
    if (old.pii and not new.pii) or new_rank < old_rank:
        what = (
            "no longer PII"
            if old.pii and not new.pii
            else (f"classification {old.classification} -> {new.classification or 'none'}")
        )
        yield "classification-lowered", f"`{name}` {what}"
        return
    # Raised, or handled differently: no risk to consumers, but a change.
    raised = [
        f"{key} {'none' if a is None else a} -> {'none' if b is None else b}"
        for key, a, b in (
            ("pii", old.pii, new.pii),
            ("classification", old.classification, new.classification),
            ("masking", old.masking, new.masking),
        )
        if a != b
    ]
    if raised:
        yield "metadata-changed", f"`{name}`: {', '.join(raised)}"


def deprecation(name: str, old: Field_, new: Field_) -> Found:
    if old.deprecated is None and new.deprecated is not None:
        yield "deprecated", f"`{name}` deprecated: {new.deprecated.reason or 'no reason given'}"
    elif old.deprecated is not None and new.deprecated is None:
        yield "undeprecated", f"`{name}` is no longer deprecated"


def description(name: str, old: Field_, new: Field_) -> Found:
    if (old.description or "") != (new.description or ""):
        yield "metadata-changed", f"`{name}`: description changed"


FIELD_HANDLERS: tuple[Handler, ...] = (
    type_change,
    requiredness,
    uniqueness,
    bounds,
    pattern,
    enum,
    classification,
    deprecation,
    description,
)
